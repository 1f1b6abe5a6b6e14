/** The messages between the extension host and a training worker: one union each way, checked on arrival. */
import type { DataSpec } from '../core/data/spec';
import type { EpochReport } from '../core/report';
import type { RunSummary } from '../core/runRecord';
import type { TrainSpec } from '../core/spec';

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

export type HostToWorker =
  /** cancelFlag: an Int32Array's buffer; element 0 becomes 1 to stop. The trainer is synchronous, so a flag it reads between epochs is the only way in. */
  | { type: 'start'; jobId: number; experiment: ExperimentJob; dirs: JobDirs; cancelFlag: SharedArrayBuffer }
  | { type: 'cancel'; jobId: number };

export type WorkerToHost =
  | { type: 'epoch'; jobId: number; report: EpochReport }
  | { type: 'log'; jobId: number; level: LogLevel; message: string }
  | { type: 'done'; jobId: number; runId: string; summary: RunSummary }
  | { type: 'error'; jobId: number; message: string; stack?: string }
  /** The epochs reported so far are saved as a run unless the worker was stopped before training began. */
  | { type: 'cancelled'; jobId: number; runId: string | null; summary: RunSummary | null };

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

export function isHostToWorker(value: unknown): value is HostToWorker {
  if (!isObject(value) || !isJobId(value.jobId)) return false;
  switch (value.type) {
    case 'start':
      return isExperimentJob(value.experiment) && isDirs(value.dirs) && value.cancelFlag instanceof SharedArrayBuffer;
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
    default:
      return false;
  }
}
