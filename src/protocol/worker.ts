/**
 * The messages between the extension host and a worker: one union each way, checked on arrival.
 * A worker loads the data of every job itself, speaks first (`started`: the run as it is about to
 * train, with real row counts and its objective) and last (`done`: the saved record).
 */
import type { DatasetSummary, FoldOutcome, PictureSnapshot, PlanePoints, RowsShape, TrainCheckpoint, TuningJob, TuningJobResult, TuningRecord, TuningSettings } from '../core';
import { arrayOf, boolean, either, instance, integer, nonNegative, nullable, number, object, oneOf, optional, string, tagged, anything, type Check, type Checked } from './check';
import { pictureSnapshot, planePoints } from './pictures';
import { dataSpec, datasetSummary, epochReport, foldGroups, runRecord, strengthName, task, trainSpec, stopReason, tuningRecord, tuningSettings, type DataSpec, type EpochReport, type RunRecord, type TrainSpec } from './records';

/** One experiment of a config file, ready to train. */
export interface ExperimentJob {
  name: string;
  data: DataSpec;
  spec: TrainSpec;
  /** The experiment object exactly as the config file had it, for the run's snapshot. */
  config?: unknown;
}

/** Where a job finds its config-relative files and bundled data, and where it writes its run. */
export interface JobDirs {
  configDir: string;
  mediaDir: string;
  storeRoot: string;
  /** Where the run is saved instead of the store root's runs (a comparison's own run store). */
  runsDir?: string;
}

/** A run as its worker starts it: everything of the record but its epochs and summary. */
export type RunStart = Omit<RunRecord, 'epochs' | 'summary'>;

export type LogLevel = 'info' | 'warn' | 'error';

/**
 * The rows a tuning cross-validates: the experiment's training split, which each worker loads once
 * per key and keeps for the tuning's next jobs.
 */
export interface TuningRows {
  key: string;
  data: DataSpec;
  dirs: JobDirs;
}

export type HostToWorker =
  /**
   * cancelFlag: an Int32Array's buffer; element 0 becomes 1 to stop. The trainer is synchronous, so a flag it reads between epochs is the only way in.
   * helper: the run may take a second thread for its large GEMMs (it is the pool's only job).
   */
  | { type: 'start'; jobId: number; experiment: ExperimentJob; dirs: JobDirs; cancelFlag: SharedArrayBuffer; helper?: boolean }
  /** Load a tuning's rows and say what they are (the plan needs their count, task and feature names). */
  /** Load a tuning's rows and work out what its plan needs of them (`shape`: each row's fold, λ_max). */
  | { type: 'tune-load'; jobId: number; rows: TuningRows; plan: { spec: TrainSpec; settings: TuningSettings }; cancelFlag: SharedArrayBuffer }
  | { type: 'tune-start'; jobId: number; job: TuningJob; rows: TuningRows; cancelFlag: SharedArrayBuffer }
  /** Save a finished tuning's record in the store under `storeRoot`. */
  | { type: 'tune-save'; jobId: number; record: TuningRecord; storeRoot: string }
  | { type: 'cancel'; jobId: number };

export type WorkerToHost =
  /** Before epoch 1: the data is loaded, so m and the row counts are real. */
  | { type: 'started'; jobId: number; run: RunStart }
  | { type: 'epoch'; jobId: number; report: EpochReport }
  /** The pictures at a chosen epoch (sent before that epoch's report), with the run's points. */
  | { type: 'picture'; jobId: number; snapshot: PictureSnapshot; points: PlanePoints | null }
  | { type: 'log'; jobId: number; level: LogLevel; message: string }
  /** The run is saved (completed, stopped early, diverged, or cancelled after training began). */
  | { type: 'done'; jobId: number; record: RunRecord }
  | { type: 'error'; jobId: number; message: string; stack?: string }
  /** Stopped before training began: nothing was saved. */
  | { type: 'cancelled'; jobId: number }
  | { type: 'tune-loaded'; jobId: number; summary: DatasetSummary; shape: RowsShape }
  /** After each λ of a tuning job, for progress; without weights or checkpoint (tune-done carries those). */
  | { type: 'tune-outcome'; jobId: number; outcome: FoldOutcome }
  | { type: 'tune-done'; jobId: number; result: TuningJobResult }
  | { type: 'tune-saved'; jobId: number; path: string };

type Fields<T extends { type: string }, K extends T['type']> = Omit<Extract<T, { type: K }>, 'type'>;

const jobDirs = object<JobDirs>({ configDir: string, mediaDir: string, storeRoot: string, runsDir: optional(string) });
const experimentJob = object<ExperimentJob>({ name: string, data: dataSpec, spec: trainSpec, config: optional(anything) });
const tuningRows = object<TuningRows>({ key: string, data: dataSpec, dirs: jobDirs });
const rowsShape = object<RowsShape>({
  rows: integer,
  task,
  featureNames: arrayOf(string),
  folds: instance(Uint8Array, 'a Uint8Array'),
  foldGroups: nullable(foldGroups),
  lambdaMax: nullable(number),
});
const sharedBuffer = instance(SharedArrayBuffer, 'a SharedArrayBuffer');
const float32 = instance(Float32Array, 'a Float32Array');
const count = (min: number): Check<number> => (value, at) =>
  Number.isInteger(value) && (value as number) >= min ? { ok: true, value: value as number } : { ok: false, error: `${at}: expected a whole number ≥ ${min}` };

const layerWeights = object<TrainCheckpoint['weights'][number]>({ inputs: integer, outputs: integer, weight: float32, bias: float32 });

const checkpoint = object<TrainCheckpoint>({
  weights: arrayOf(layerWeights),
  update: object<TrainCheckpoint['update']>({ scalars: arrayOf(number), buffers: arrayOf(float32) }),
  shuffle: object<TrainCheckpoint['shuffle']>({ rng: arrayOf(number), order: instance(Uint32Array, 'a Uint32Array') }),
  spectralVectors: arrayOf(instance(Float64Array, 'a Float64Array')),
  reports: arrayOf(epochReport),
  best: object<TrainCheckpoint['best']>({ epoch: integer, value: number, weights: nullable(arrayOf(layerWeights)) }),
  stop: nullable(object<NonNullable<TrainCheckpoint['stop']>>({ reason: stopReason, message: string })),
  noise: optional(arrayOf(arrayOf(number))),
  baseline: object<TrainCheckpoint['baseline']>({
    initial: object<TrainCheckpoint['baseline']['initial']>({ loss: number, penalty: number }),
    chance: number,
    targetDeviation: number,
  }),
});

const tuningJob = object<TuningJob>({
  id: count(0),
  stage: count(0),
  fold: count(-1),
  lambdas: (value, at) => {
    const lambdas = arrayOf(nonNegative)(value, at);
    return lambdas.ok && lambdas.value.length === 0 ? { ok: false, error: `${at}: expected at least one λ` } : lambdas;
  },
  epochs: count(1),
  warmStart: boolean,
  spec: trainSpec,
  folds: object<TuningJob['folds']>({ count: count(2), seed: number, standardize: boolean, shuffle: optional(boolean), stratify: optional(boolean) }),
  tolerance: number,
  keepWeights: boolean,
  resume: nullable(checkpoint),
  keepCheckpoint: boolean,
  strength: optional(strengthName),
});

const foldOutcome = object<FoldOutcome>({
  lambda: number,
  fold: count(-1),
  stage: count(0),
  epochs: count(0),
  stopReason: either(stopReason, oneOf('converged')),
  trainLoss: number,
  valLoss: nullable(number),
  trainMetric: number,
  valMetric: nullable(number),
  objective: number,
  frobenius: number,
  sparsity: number,
  exactZeros: number,
  ms: number,
  trainedEpochs: count(0),
  weights: nullable(arrayOf(layerWeights)),
  checkpoint: nullable(checkpoint),
});

const { summary: _summary, epochs: _epochs, ...runStartFields } = runRecord.fields;
const runStart = object<RunStart>(runStartFields);

const hostToWorker = tagged<HostToWorker>({
  start: object<Fields<HostToWorker, 'start'>>({ jobId: integer, experiment: experimentJob, dirs: jobDirs, cancelFlag: sharedBuffer, helper: optional(boolean) }),
  'tune-load': object<Fields<HostToWorker, 'tune-load'>>({ jobId: integer, rows: tuningRows, plan: object({ spec: trainSpec, settings: tuningSettings }), cancelFlag: sharedBuffer }),
  'tune-start': object<Fields<HostToWorker, 'tune-start'>>({ jobId: integer, job: tuningJob, rows: tuningRows, cancelFlag: sharedBuffer }),
  'tune-save': object<Fields<HostToWorker, 'tune-save'>>({ jobId: integer, record: tuningRecord, storeRoot: string }),
  cancel: object<Fields<HostToWorker, 'cancel'>>({ jobId: integer }),
});

const workerToHost = tagged<WorkerToHost>({
  started: object<Fields<WorkerToHost, 'started'>>({ jobId: integer, run: runStart }),
  epoch: object<Fields<WorkerToHost, 'epoch'>>({ jobId: integer, report: epochReport }),
  picture: object<Fields<WorkerToHost, 'picture'>>({ jobId: integer, snapshot: pictureSnapshot, points: nullable(planePoints) }),
  log: object<Fields<WorkerToHost, 'log'>>({ jobId: integer, level: oneOf('info', 'warn', 'error'), message: string }),
  done: object<Fields<WorkerToHost, 'done'>>({ jobId: integer, record: runRecord }),
  error: object<Fields<WorkerToHost, 'error'>>({ jobId: integer, message: string, stack: optional(string) }),
  cancelled: object<Fields<WorkerToHost, 'cancelled'>>({ jobId: integer }),
  'tune-loaded': object<Fields<WorkerToHost, 'tune-loaded'>>({ jobId: integer, summary: datasetSummary, shape: rowsShape }),
  'tune-outcome': object<Fields<WorkerToHost, 'tune-outcome'>>({ jobId: integer, outcome: foldOutcome }),
  'tune-done': object<Fields<WorkerToHost, 'tune-done'>>({ jobId: integer, result: object<TuningJobResult>({ job: count(0), outcomes: arrayOf(foldOutcome) }) }),
  'tune-saved': object<Fields<WorkerToHost, 'tune-saved'>>({ jobId: integer, path: string }),
});

export function checkHostToWorker(value: unknown): Checked<HostToWorker> {
  return hostToWorker(value, 'message');
}

export function checkWorkerToHost(value: unknown): Checked<WorkerToHost> {
  return workerToHost(value, 'message');
}

export function isWorkerToHost(value: unknown): value is WorkerToHost {
  return workerToHost(value, 'message').ok;
}
