import type { DatasetSummary } from './data/spec';
import type { LambdaEquivalents } from './objective';
import type { RunPictures } from './pictures/types';
import type { Compression, EpochReport, MetricName, StopReason } from './report';
import type { TrainSpec } from './spec';
import type { TuningResult, TuningSettings } from './tuning/types';

/** What every saved record starts with. */
export interface SavedRecord {
  id: string;
  experiment: string;
  createdAt: string;
  reglensVersion: string;
  /** The experiment object exactly as the config file had it. */
  config: unknown;
  /** The spec actually trained, defaults filled in. */
  spec: TrainSpec;
}

/** Everything a finished (or stopped) run leaves in the store's run.json. */
export interface RunRecord extends SavedRecord {
  format: 'reglens-run/1';
  seed: number;
  /** E.g. "mean CE + (λ/2m)·Σ‖W‖²_F, λ=0.01, m=1437". */
  objective: string;
  lambdaEquivalents: LambdaEquivalents;
  dataset: DatasetSummary;
  metric: MetricName;
  epochs: EpochReport[];
  summary: RunSummary;
  /** The kernel path that trained the run (TrainResult.kernels); absent in records saved before it was kept. */
  kernels?: string;
  /** The threads it ran on (TrainResult.threads): 2 when a helper thread shared its large GEMMs or computed its reports; absent before it was kept. */
  threads?: number;
  /** What the second thread did when it computed the epoch reports, or why a run that split its GEMMs went back to one thread part way. */
  threadsNote?: string;
  /** The decision boundary, network and pre-activation pictures at a few epochs; absent in older runs. */
  pictures?: RunPictures;
}

export interface RunSummary {
  stopReason: StopReason;
  message: string;
  bestEpoch: number;
  overfittingOnset: number | null;
  /** The last epoch's report (after restore-best, the best epoch's numbers). */
  final: EpochReport | null;
  compression: Compression;
}

/** A cross-validated λ search, saved beside the runs: enough to redraw its curves and apply its λ. */
export interface TuningRecord extends SavedRecord {
  format: 'reglens-tuning/1';
  settings: TuningSettings;
  /** The rows cross-validated: the experiment's training split (its validation rows stay unseen). */
  rows: number;
  result: TuningResult;
}
