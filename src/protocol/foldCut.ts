import type { TuningRecord } from './records';

/**
 * How a tuning's rows were cut into folds, in words: whole groups of a column, or the rows shuffled
 * (or in file order) and, for classes, stratified; a regression has no classes to stratify by.
 */
export function foldCutText({ settings, result }: TuningRecord): string {
  const grouped = result.foldGroups;
  if (grouped) return `grouped by the column "${grouped.column}" (${grouped.groups} groups, each in one fold)`;
  const order = settings.shuffle === false ? 'in file order' : 'shuffled';
  if (result.metricName === 'r2') return order;
  return `${order}, ${settings.stratify === false ? 'not stratified' : 'stratified for classes'}`;
}
