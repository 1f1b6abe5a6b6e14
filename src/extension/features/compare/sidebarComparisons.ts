/** The sidebar's entry for each saved comparison: one line for all its runs. No vscode here. */
import type { ComparisonRecord } from '../../../protocol/comparison';
import type { ComparisonListItem } from '../../../protocol/webview';

export function comparisonListItems(comparisons: readonly ComparisonRecord[], experiment: string): ComparisonListItem[] {
  return comparisons.filter((c) => c.experiment === experiment).map((c) => ({ id: c.id, label: `${c.entries.length} regularizers compared`, createdAt: c.createdAt }));
}
