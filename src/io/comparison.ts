/** The record of a finished comparison of regularizers: the same for `reglens compare` and the extension. */
import { strengthChoice, type ComparisonPlan, type ComparisonRecord, type RunRecord, type TuningRecord } from '../core';
import { newRunId } from './runNames';
import { reglensVersion } from './version';

/** `tunings` and `runs` follow the plan's entries (a tuning null where the entry has no strength). */
export function comparisonRecord(experiment: { name: string; config?: unknown }, plan: ComparisonPlan, tunings: readonly (TuningRecord | null)[], runs: readonly RunRecord[], createdAt: Date): ComparisonRecord {
  return {
    format: 'reglens-comparison/1',
    id: newRunId(createdAt),
    experiment: experiment.name,
    createdAt: createdAt.toISOString(),
    reglensVersion,
    config: experiment.config ?? null,
    spec: plan.base,
    entries: plan.entries.map((entry, i) => {
      const tuning = tunings[i] ?? null;
      return { name: entry.name, label: entry.label, runId: runs[i]!.id, choice: tuning && strengthChoice(tuning.result), tuning };
    }),
    skipped: plan.skipped,
  };
}
