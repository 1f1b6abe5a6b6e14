/** One experiment from data spec to saved run: the path shared by the CLI and the extension's worker. */
import { describeObjective, lambdaEquivalents, lossForTask, train, type DataSpec, type KernelHelper, type ReportHelper, type DatasetSummary, type EpochReport, type PictureSnapshot, type PlanePoints, type RunRecord, type TrainResult, type TrainSpec } from '../core';
import { prepareData } from './datasets';
import { newRunId } from './runNames';
import { RunStore } from './runStore';
import { reglensVersion } from './version';

export interface Experiment {
  name: string;
  data: DataSpec;
  spec: TrainSpec;
}

export interface RunOptions {
  /** Folder of the config file: CSV paths are relative to it. */
  configDir: string;
  /** The package's media folder, where the bundled datasets are. */
  mediaDir: string;
  /** The run lands in `<storeRoot>/.reglens/runs/`, or in `runsDir` when given. */
  storeRoot: string;
  runsDir?: string;
  /** The experiment object as the config file has it, kept in the record. */
  config?: unknown;
  /** Once the data is loaded, before epoch 1: the record without its epochs and summary (real m and row counts). */
  onStart?: (run: Omit<RunRecord, 'epochs' | 'summary'>) => void;
  onEpoch?: (report: EpochReport) => void;
  /** Problems in the data that do not stop training (constant features). */
  onWarning?: (message: string) => void;
  /** Sees the pictures taken at the chosen epochs while the run trains. */
  onSnapshot?: (snapshot: PictureSnapshot, points: PlanePoints | null) => void;
  signal?: { readonly aborted: boolean };
  /**
   * A second thread for the run's large GEMMs, or else for its epoch reports (TrainOptions.threads);
   * without it the run trains on one thread.
   */
  helper?: KernelHelper & ReportHelper;
}

/** Trains the experiment and saves the run (also a diverged or cancelled one); rejects when the data cannot be prepared. */
export async function runExperiment(experiment: Experiment, options: RunOptions): Promise<RunRecord> {
  const { data, summary, standardization, warnings } = await prepareData(experiment.data, { configDir: options.configDir, mediaDir: options.mediaDir });
  for (const warning of warnings) options.onWarning?.(warning);
  const header = runHeader(experiment, summary, { config: options.config, createdAt: new Date() });
  options.onStart?.(header);
  const polynomial = experiment.data.kind === 'synthetic' && experiment.data.dataset === 'polynomial';
  const pictures = { standardization, polynomial, onSnapshot: options.onSnapshot };
  const threads = options.helper ? { helper: options.helper, reports: options.helper } : undefined;
  const result = train(experiment.spec, data, options.onEpoch, { signal: options.signal, pictures, threads });
  const record = finishedRecord(header, result);
  // Enough to use the weights outside RegLens: the layers' activation, and the input scaling they expect.
  const metadata: Record<string, string> = { model: JSON.stringify(experiment.spec.model), task: data.train.task };
  if (standardization) metadata.standardization = JSON.stringify(standardization);
  return (await new RunStore(options.storeRoot, options.runsDir).save(record, result.weights, metadata)).record;
}

/** What the run's second thread did, when the record's threads alone do not say it. */
function threadsNote({ threads, helperReports }: TrainResult): Pick<RunRecord, 'threadsNote'> {
  if (helperReports) return { threadsNote: 'the helper thread computed each epoch\'s report while the next epoch trained' };
  return threads.fellBack ? { threadsNote: threads.fellBack } : {};
}

/** Everything a run's record says before training: names, spec, data, objective (m is the training rows). */
export function runHeader(experiment: Experiment, dataset: DatasetSummary, options: { config?: unknown; createdAt: Date }): Omit<RunRecord, 'epochs' | 'summary'> {
  const { regularization } = experiment.spec;
  const m = dataset.trainRows;
  return {
    format: 'reglens-run/1',
    id: newRunId(options.createdAt),
    experiment: experiment.name,
    createdAt: options.createdAt.toISOString(),
    reglensVersion,
    config: options.config ?? null,
    spec: experiment.spec,
    seed: experiment.spec.training.seed,
    objective: describeObjective(regularization, lossForTask(dataset.task), m),
    lambdaEquivalents: lambdaEquivalents(regularization, m),
    dataset,
    metric: lossForTask(dataset.task) === 'mse' ? 'r2' : 'accuracy',
  };
}

export function finishedRecord(header: Omit<RunRecord, 'epochs' | 'summary'>, result: TrainResult): RunRecord {
  return {
    ...header,
    metric: result.metric,
    epochs: result.epochs,
    summary: {
      stopReason: result.stopReason,
      message: result.message,
      bestEpoch: result.bestEpoch,
      overfittingOnset: result.overfittingOnset,
      final: result.final,
      compression: result.compression,
    },
    kernels: result.kernels,
    threads: result.threads.threads,
    ...threadsNote(result),
    ...(result.pictures ? { pictures: result.pictures } : {}),
  };
}

/** The record of a trained run, as the store keeps it. */
export function runRecord(experiment: Experiment, dataset: DatasetSummary, result: TrainResult, options: { config?: unknown; createdAt: Date }): RunRecord {
  return finishedRecord(runHeader(experiment, dataset, options), result);
}
