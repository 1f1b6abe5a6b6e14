/**
 * The sidebar's experiment list: one entry per (config file, experiment) with the runs and tunings
 * of that file's store, broken experiments marked with their problem, and entries for stored runs
 * whose experiment is no longer in the config, so that a config error never hides a stored run.
 * No vscode here.
 */
import type { RunListing } from '../../../io/runStore';
import type { ComparisonRecord } from '../../../protocol/comparison';
import { comparisonListItems } from '../compare/sidebarComparisons';
import { penaltyLabel } from '../../../protocol/labels';
import type { TuningRecord } from '../../../protocol/records';
import type { ConfigProblem, ExperimentItem, RunListItem, TuningListItem } from '../../../protocol/webview';

export interface ListedConfig {
  /** The config file as the user reads it (workspace-relative). */
  label: string;
  /** Its folder: config files in one folder share the store. */
  store: string;
  /** In the file's order; `problem` says why one does not train. */
  experiments: { name: string; problem: string | null }[];
  /** Errors outside every experiment ("line 3: …"): the file trains nothing. */
  problems: string[];
  /** The runs and tunings of the file's store. */
  runs: RunListing[];
  tunings: TuningRecord[];
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

export function tuningListItem({ id, createdAt, spec, result }: TuningRecord): TuningListItem {
  return { id, createdAt, label: penaltyLabel(spec.regularization), lambda1se: result.lambda1se?.lambda ?? null, lambdaMin: result.lambdaMin?.lambda ?? null };
}

export function experimentItems(configs: readonly ListedConfig[]): { experiments: ExperimentItem[]; problems: ConfigProblem[] } {
  const named = new Map<string, Set<string>>();
  for (const { store, experiments } of configs) for (const { name } of experiments) named.set(store, (named.get(store) ?? new Set()).add(name));
  const storesListed = new Set<string>();
  const experiments = configs.flatMap(({ label, store, experiments: listed, runs, tunings, comparisons }) => {
    const item = (name: string, state: ExperimentItem['state'], problem: string | null): ExperimentItem => ({
      name,
      config: label,
      state,
      problem,
      runs: runs.filter((run) => run.experiment === name).map(runListItem),
      tunings: tunings.filter((tuning) => tuning.experiment === name).map(tuningListItem),
      comparisons: comparisonListItems(comparisons, name),
    });
    const items = listed.map(({ name, problem }) => item(name, problem === null ? 'ready' : 'broken', problem));
    // The store's other experiments are listed once, under the first config file of that folder.
    if (storesListed.has(store)) return items;
    storesListed.add(store);
    const known = named.get(store) ?? new Set();
    const others = [...new Set([...runs.map((r) => r.experiment), ...tunings.map((t) => t.experiment)])].filter((name) => !known.has(name)).sort();
    return [...items, ...others.map((name) => item(name, 'stored', null))];
  });
  const problems = configs.flatMap(({ label, problems: list }) => list.map((problem) => ({ config: label, problem })));
  return { experiments, problems };
}
