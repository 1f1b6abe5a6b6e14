/** The sidebar's experiment list: one entry per (config file, experiment), each with the runs of that file's store. No vscode here. */
import type { RunListing } from '../../../io/runStore';
import type { ComparisonRecord } from '../../../protocol/comparison';
import { comparisonListItems } from '../compare/sidebarComparisons';
import { penaltyLabel } from '../../../protocol/labels';
import type { ExperimentItem, RunListItem } from '../../../protocol/webview';

export interface ListedConfig {
  /** The config file as the user reads it (workspace-relative). */
  label: string;
  experiments: string[];
  /** The runs of the config file's store. */
  runs: RunListing[];
  /** The comparisons of regularizers saved beside them. */
  comparisons: ComparisonRecord[];
}

export function runListItem(run: RunListing): RunListItem {
  const final = run.summary.final;
  return {
    id: run.id,
    label: penaltyLabel(run.regularization),
    createdAt: run.createdAt,
    status: run.summary.stopReason,
    epochs: final?.epoch ?? 0,
    bestEpoch: run.summary.bestEpoch,
    metric: run.metric,
    valLoss: final?.valLoss ?? null,
    valMetric: final?.valMetric ?? null,
  };
}

export function experimentItems(configs: readonly ListedConfig[]): ExperimentItem[] {
  return configs.flatMap(({ label, experiments, runs, comparisons }) =>
    experiments.map((name) => ({ name, config: label, runs: runs.filter((run) => run.experiment === name).map(runListItem), comparisons: comparisonListItems(comparisons, name) })),
  );
}
