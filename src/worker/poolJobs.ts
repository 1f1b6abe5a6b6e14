/** The two kinds of work the pool runs, as the pool sees them: how each starts, reads its messages and ends. */
import type { DatasetSummary, EpochReport, FoldOutcome, PictureSnapshot, PlanePoints, RowsShape, RunRecord, TuningJob, TuningJobResult, TuningRecord } from '../core';
import type { ExperimentJob, HostToWorker, JobDirs, LogLevel, RunStart, TuningRows, WorkerToHost } from '../protocol/worker';

/** How a training run ended: its saved record (whatever its stop reason), stopped before training, or failed. */
export type JobOutcome = { kind: 'done'; record: RunRecord } | { kind: 'cancelled' } | { kind: 'error'; message: string; stack?: string };

/** How a tuning job ended; a job cancelled mid-way is `done` with its last outcome marked cancelled. */
export type TuningJobOutcome = { kind: 'done'; result: TuningJobResult } | { kind: 'cancelled' } | { kind: 'error'; message: string; stack?: string };

export interface JobHandlers {
  /** Once the worker has loaded the data, before epoch 1. */
  onStart?(run: RunStart): void;
  onEpoch?(report: EpochReport): void;
  /** The pictures at a chosen epoch, before that epoch's report. */
  onPicture?(snapshot: PictureSnapshot, points: PlanePoints | null): void;
  onLog?(level: LogLevel, message: string): void;
}

export interface TuningHandlers {
  /** After each λ of the job (without its weights). */
  onOutcome?(outcome: FoldOutcome): void;
  onLog?(level: LogLevel, message: string): void;
}

/** The rows a tuning job needs: the key names them, so each worker loads them once. */
export type KeyedRows = TuningRows;
type TuningLoad = Extract<HostToWorker, { type: 'tune-load' }>;

/** How saving a tuning's record ended. */
export type SaveOutcome = { kind: 'done'; path: string } | { kind: 'cancelled' } | { kind: 'error'; message: string; stack?: string };

/** How loading a tuning's rows ended. */
export type RowsOutcome = { kind: 'done'; summary: DatasetSummary; shape: RowsShape } | { kind: 'cancelled' } | { kind: 'error'; message: string; stack?: string };

/** How a job ends without a word from its worker. */
export type Interruption = { kind: 'cancelled' } | { kind: 'error'; message: string; stack?: string };

/** What the pool needs from a job of either kind. `announce` functions settle the job's promise when called. */
export interface PoolJob {
  readonly id: number;
  readonly label: string;
  readonly cancelFlag: Int32Array;
  onLog?(level: LogLevel, message: string): void;
  /** The start message for a worker that holds the rows of `heldKey` (null: none); `alone`: no other job runs or waits. */
  start(heldKey: string | null, alone: boolean): { message: HostToWorker; holds: string | null };
  /** A message of this job: the announcement when it ends the job, else null. */
  receive(message: WorkerToHost): (() => void) | null;
  interrupt(reason: Interruption): () => void;
}

function newFlag(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

export function experimentJob(id: number, experiment: ExperimentJob, dirs: JobDirs, handlers: JobHandlers, finish: (o: JobOutcome) => void): PoolJob {
  const cancelFlag = newFlag();
  return {
    id,
    label: experiment.name,
    cancelFlag,
    onLog: handlers.onLog,
    // A single run may take a second core for its large GEMMs; runs side by side keep one core each.
    start: (heldKey, alone) => ({ message: { type: 'start', jobId: id, experiment, dirs, cancelFlag: cancelFlag.buffer as SharedArrayBuffer, helper: alone }, holds: heldKey }),
    receive(message) {
      switch (message.type) {
        case 'started':
          handlers.onStart?.(message.run);
          return null;
        case 'epoch':
          handlers.onEpoch?.(message.report);
          return null;
        case 'picture':
          handlers.onPicture?.(message.snapshot, message.points);
          return null;
        case 'done':
          return () => finish({ kind: 'done', record: message.record });
        default:
          return ending(message, finish);
      }
    },
    interrupt: (reason) => () => finish(reason),
  };
}

export function rowsJob(id: number, rows: KeyedRows, plan: TuningLoad['plan'], onLog: JobHandlers['onLog'], finish: (o: RowsOutcome) => void): PoolJob {
  const cancelFlag = newFlag();
  return {
    id,
    label: `loading the rows of ${rows.key}`,
    cancelFlag,
    onLog,
    start: () => ({ message: { type: 'tune-load', jobId: id, rows, plan, cancelFlag: cancelFlag.buffer as SharedArrayBuffer }, holds: rows.key }),
    receive(message) {
      switch (message.type) {
        case 'tune-loaded':
          return () => finish({ kind: 'done', summary: message.summary, shape: message.shape });
        default:
          return ending(message, finish);
      }
    },
    interrupt: (reason) => () => finish(reason),
  };
}

export function tuningJob(id: number, job: TuningJob, rows: KeyedRows, handlers: TuningHandlers, finish: (o: TuningJobOutcome) => void): PoolJob {
  const cancelFlag = newFlag();
  return {
    id,
    label: `tuning job ${job.id} (fold ${job.fold})`,
    cancelFlag,
    onLog: handlers.onLog,
    start: () => ({
      message: {
        type: 'tune-start',
        jobId: id,
        job,
        rows,
        cancelFlag: cancelFlag.buffer as SharedArrayBuffer,
      },
      holds: rows.key,
    }),
    receive(message) {
      switch (message.type) {
        case 'tune-outcome':
          handlers.onOutcome?.(message.outcome);
          return null;
        case 'tune-done':
          return () => finish({ kind: 'done', result: message.result });
        default:
          return ending(message, finish);
      }
    },
    interrupt: (reason) => () => finish(reason),
  };
}

export function saveJob(id: number, record: TuningRecord, storeRoot: string, onLog: JobHandlers['onLog'], finish: (o: SaveOutcome) => void): PoolJob {
  return {
    id,
    label: `saving the tuning ${record.id}`,
    cancelFlag: newFlag(),
    onLog,
    start: (heldKey) => ({ message: { type: 'tune-save', jobId: id, record, storeRoot }, holds: heldKey }),
    receive(message) {
      if (message.type === 'tune-saved') return () => finish({ kind: 'done', path: message.path });
      if (message.type === 'error') return () => finish({ kind: 'error', message: message.message, stack: message.stack });
      return null;
    },
    interrupt: (reason) => () => finish(reason),
  };
}

/** How every job ends when its worker says `cancelled` or `error`; null for any other message. */
function ending(message: WorkerToHost, finish: (outcome: { kind: 'cancelled' } | { kind: 'error'; message: string; stack?: string }) => void): (() => void) | null {
  if (message.type === 'cancelled') return () => finish({ kind: 'cancelled' });
  if (message.type === 'error') return () => finish({ kind: 'error', message: message.message, stack: message.stack });
  return null;
}
