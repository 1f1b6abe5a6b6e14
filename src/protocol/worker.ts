/** The messages between the extension host and a training worker: one union each way, checked on arrival. */
import type { Dataset } from '../core/data/dataset';
import type { DataSpec } from '../core/data/spec';
import type { EpochReport } from '../core/report';
import type { RunSummary } from '../core/runRecord';
import type { TrainSpec } from '../core/spec';
import type { FoldOutcome, TuningJob, TuningJobResult } from '../core/tuning/types';

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
}

export type LogLevel = 'info' | 'warn' | 'error';

/**
 * The rows a tuning job cross-validates. A worker keeps the rows of the last key it was sent, so
 * the pool sends them once per worker and tuning (`dataset: null` means "the rows you hold under key").
 */
export interface TuningRows {
  key: string;
  dataset: Dataset | null;
}

export type HostToWorker =
  /** cancelFlag: an Int32Array's buffer; element 0 becomes 1 to stop. The trainer is synchronous, so a flag it reads between epochs is the only way in. */
  | { type: 'start'; jobId: number; experiment: ExperimentJob; dirs: JobDirs; cancelFlag: SharedArrayBuffer }
  | { type: 'tune-start'; jobId: number; job: TuningJob; rows: TuningRows; cancelFlag: SharedArrayBuffer }
  | { type: 'cancel'; jobId: number };

export type WorkerToHost =
  | { type: 'epoch'; jobId: number; report: EpochReport }
  | { type: 'log'; jobId: number; level: LogLevel; message: string }
  | { type: 'done'; jobId: number; runId: string; summary: RunSummary }
  | { type: 'error'; jobId: number; message: string; stack?: string }
  /** The epochs reported so far are saved as a run unless the worker was stopped before training began. */
  | { type: 'cancelled'; jobId: number; runId: string | null; summary: RunSummary | null }
  /** After each λ of a tuning job, for progress; without weights or checkpoint (tune-done carries those). */
  | { type: 'tune-outcome'; jobId: number; outcome: FoldOutcome }
  | { type: 'tune-done'; jobId: number; result: TuningJobResult };

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isJobId = (value: unknown): value is number => Number.isInteger(value);

function isDirs(value: unknown): value is JobDirs {
  return isObject(value) && isString(value.configDir) && isString(value.mediaDir) && isString(value.storeRoot);
}

function isExperimentJob(value: unknown): value is ExperimentJob {
  return isObject(value) && isString(value.name) && isObject(value.data) && isObject(value.spec);
}

function isSummary(value: unknown): value is RunSummary {
  return isObject(value) && isString(value.stopReason);
}

const isCount = (value: unknown, min: number): value is number => Number.isInteger(value) && (value as number) >= min;
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

function isTuningJob(value: unknown): value is TuningJob {
  if (!isObject(value) || !isObject(value.spec) || !isObject(value.folds)) return false;
  const { folds, lambdas } = value;
  return (
    isCount(value.id, 0) && isCount(value.stage, 0) && isCount(value.fold, -1) && isCount(value.epochs, 1) &&
    Array.isArray(lambdas) && lambdas.length > 0 && lambdas.every((lambda) => typeof lambda === 'number' && lambda >= 0) &&
    isBoolean(value.warmStart) && isBoolean(value.keepWeights) && isBoolean(value.keepCheckpoint) && (value.resume === null || isObject(value.resume)) &&
    typeof value.tolerance === 'number' &&
    isCount(folds.count, 2) && typeof folds.seed === 'number' && isBoolean(folds.standardize)
  );
}

function isDataset(value: unknown): value is Dataset {
  if (!isObject(value) || !(value.x instanceof Float32Array) || !(value.y instanceof Float32Array)) return false;
  const { rows, features } = value;
  return isCount(rows, 1) && isCount(features, 1) && value.x.length === rows * features && value.y.length === rows && isString(value.task);
}

function isTuningRows(value: unknown): value is TuningRows {
  return isObject(value) && isString(value.key) && (value.dataset === null || isDataset(value.dataset));
}

function isFoldOutcome(value: unknown): value is FoldOutcome {
  return isObject(value) && typeof value.lambda === 'number' && isCount(value.fold, -1) && isCount(value.stage, 0) && isCount(value.epochs, 0) && isString(value.stopReason);
}

function isTuningJobResult(value: unknown): value is TuningJobResult {
  return isObject(value) && isCount(value.job, 0) && Array.isArray(value.outcomes) && value.outcomes.every(isFoldOutcome);
}

export function isHostToWorker(value: unknown): value is HostToWorker {
  if (!isObject(value) || !isJobId(value.jobId)) return false;
  switch (value.type) {
    case 'start':
      return isExperimentJob(value.experiment) && isDirs(value.dirs) && value.cancelFlag instanceof SharedArrayBuffer;
    case 'tune-start':
      return isTuningJob(value.job) && isTuningRows(value.rows) && value.cancelFlag instanceof SharedArrayBuffer;
    case 'cancel':
      return true;
    default:
      return false;
  }
}

export function isWorkerToHost(value: unknown): value is WorkerToHost {
  if (!isObject(value) || !isJobId(value.jobId)) return false;
  switch (value.type) {
    case 'epoch':
      return isObject(value.report) && typeof value.report.epoch === 'number';
    case 'log':
      return ['info', 'warn', 'error'].includes(value.level as string) && isString(value.message);
    case 'done':
      return isString(value.runId) && isSummary(value.summary);
    case 'error':
      return isString(value.message) && (value.stack === undefined || isString(value.stack));
    case 'cancelled':
      return (value.runId === null || isString(value.runId)) && (value.summary === null || isSummary(value.summary));
    case 'tune-outcome':
      return isFoldOutcome(value.outcome);
    case 'tune-done':
      return isTuningJobResult(value.result);
    default:
      return false;
  }
}
