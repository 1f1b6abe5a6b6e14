/** Runs training jobs on worker threads, as many at once as the machine has cores; the rest wait in a queue. */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { EpochReport } from '../core/report';
import type { RunSummary } from '../core/runRecord';
import { isWorkerToHost, type ExperimentJob, type JobDirs, type LogLevel, type WorkerToHost } from '../protocol/worker';

export type JobOutcome =
  | { kind: 'done'; runId: string; summary: RunSummary }
  | { kind: 'cancelled'; runId: string | null; summary: RunSummary | null }
  | { kind: 'error'; message: string; stack?: string };

export interface JobHandlers {
  onEpoch?(report: EpochReport): void;
  onLog?(level: LogLevel, message: string): void;
}

export interface Job {
  readonly id: number;
  readonly experiment: string;
  /** Settles once the job's worker has moved on to the next job or has exited. */
  readonly outcome: Promise<JobOutcome>;
  cancel(): void;
}

export interface PoolOptions {
  /** Starts a worker running dist/worker.js (tests pass stand-ins). */
  spawn: () => Worker;
  size?: number;
  /** How long a cancelled worker may take to stop on its own before it is terminated. */
  cancelGraceMs?: number;
}

interface PendingJob {
  job: Job;
  experiment: ExperimentJob;
  dirs: JobDirs;
  handlers: JobHandlers;
  cancelFlag: Int32Array;
  finish(outcome: JobOutcome): void;
}

interface Slot {
  worker: Worker;
  exited: Promise<void>;
  current: PendingJob | null;
  graceTimer?: NodeJS.Timeout;
}

export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism());
}

export class WorkerPool {
  private readonly size: number;
  private readonly cancelGraceMs: number;
  private readonly queue: PendingJob[] = [];
  private readonly slots = new Set<Slot>();
  private nextId = 1;
  private disposed = false;

  constructor(private readonly options: PoolOptions) {
    this.size = Math.max(1, options.size ?? defaultPoolSize());
    this.cancelGraceMs = options.cancelGraceMs ?? 3000;
  }

  /** Workers started and not yet exited. */
  get liveWorkers(): number {
    return this.slots.size;
  }

  /** Jobs running or waiting. */
  get pendingJobs(): number {
    return this.queue.length + [...this.slots].filter((slot) => slot.current).length;
  }

  run(experiment: ExperimentJob, dirs: JobDirs, handlers: JobHandlers = {}): Job {
    if (this.disposed) throw new Error('The RegLens worker pool is closed.');
    const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
    let finish!: (outcome: JobOutcome) => void;
    const outcome = new Promise<JobOutcome>((resolve) => (finish = resolve));
    const id = this.nextId++;
    const pending: PendingJob = {
      job: { id, experiment: experiment.name, outcome, cancel: () => this.cancel(pending) },
      experiment,
      dirs,
      handlers,
      cancelFlag,
      finish,
    };
    this.queue.push(pending);
    this.pump();
    return pending.job;
  }

  cancelAll(): void {
    for (const pending of [...this.queue]) this.cancel(pending);
    for (const slot of this.slots) if (slot.current) this.cancel(slot.current);
  }

  /** Cancels every job and resolves when no worker is left. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.cancelAll();
    await Promise.all([...this.slots].map((slot) => this.terminate(slot)));
  }

  private cancel(pending: PendingJob): void {
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      pending.finish({ kind: 'cancelled', runId: null, summary: null });
      return;
    }
    const slot = [...this.slots].find((s) => s.current === pending);
    if (!slot || slot.graceTimer) return;
    Atomics.store(pending.cancelFlag, 0, 1);
    slot.worker.postMessage({ type: 'cancel', jobId: pending.job.id });
    slot.graceTimer = setTimeout(() => {
      pending.handlers.onLog?.('warn', `${pending.experiment.name}: the worker did not stop within ${this.cancelGraceMs} ms; terminated it`);
      void this.settle(slot, { kind: 'cancelled', runId: null, summary: null }, true);
    }, this.cancelGraceMs);
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.disposed) {
      const busy = [...this.slots].filter((slot) => slot.current).length;
      if (busy >= this.size) return;
      const idle = [...this.slots].find((slot) => !slot.current);
      const next = this.queue.shift()!;
      let slot: Slot;
      try {
        slot = idle ?? this.spawn();
      } catch (error) {
        next.finish({ kind: 'error', message: `Could not start a training worker: ${(error as Error).message}` });
        continue;
      }
      this.start(slot, next);
    }
  }

  private spawn(): Slot {
    const worker = this.options.spawn();
    const slot: Slot = { worker, current: null, exited: new Promise((resolve) => worker.once('exit', () => resolve())) };
    this.slots.add(slot);
    worker.on('message', (message: unknown) => this.receive(slot, message));
    worker.on('error', (error: Error & { code?: string }) => {
      const message =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? 'Training ran out of memory in its worker; try a smaller model, batch or dataset.'
          : `The training worker crashed: ${error.message}`;
      void this.settle(slot, { kind: 'error', message, stack: error.stack }, true);
    });
    worker.on('messageerror', (error) => void this.settle(slot, { kind: 'error', message: `A message from the worker could not be read: ${error.message}` }, true));
    worker.once('exit', (code) => {
      this.slots.delete(slot);
      const outcome: JobOutcome = this.disposed
        ? { kind: 'cancelled', runId: null, summary: null }
        : { kind: 'error', message: `The training worker stopped unexpectedly (exit code ${code}).` };
      if (slot.current) void this.settle(slot, outcome, false);
      this.pump();
    });
    return slot;
  }

  private start(slot: Slot, pending: PendingJob): void {
    slot.current = pending;
    const { job, experiment, dirs, cancelFlag } = pending;
    slot.worker.postMessage({ type: 'start', jobId: job.id, experiment, dirs, cancelFlag: cancelFlag.buffer });
  }

  private receive(slot: Slot, message: unknown): void {
    const pending = slot.current;
    if (!isWorkerToHost(message)) {
      pending?.handlers.onLog?.('error', `Ignored a malformed message from the worker: ${JSON.stringify(message)}`);
      return;
    }
    if (!pending || message.jobId !== pending.job.id) {
      if (message.type === 'log') pending?.handlers.onLog?.(message.level, message.message);
      return;
    }
    const outcome = this.outcomeOf(message, pending);
    if (outcome) void this.settle(slot, outcome, false);
  }

  private outcomeOf(message: WorkerToHost, pending: PendingJob): JobOutcome | null {
    switch (message.type) {
      case 'epoch':
        pending.handlers.onEpoch?.(message.report);
        return null;
      case 'log':
        pending.handlers.onLog?.(message.level, message.message);
        return null;
      case 'done':
        return { kind: 'done', runId: message.runId, summary: message.summary };
      case 'cancelled':
        return { kind: 'cancelled', runId: message.runId, summary: message.summary };
      case 'error':
        return { kind: 'error', message: message.message, stack: message.stack };
    }
  }

  /** Ends the slot's job; the worker takes the next queued job, or exits, before the outcome is announced. */
  private async settle(slot: Slot, outcome: JobOutcome, broken: boolean): Promise<void> {
    const pending = slot.current;
    if (!pending) return;
    slot.current = null;
    clearTimeout(slot.graceTimer);
    slot.graceTimer = undefined;
    const next = !broken && !this.disposed ? this.queue.shift() : undefined;
    if (next) this.start(slot, next);
    else await this.terminate(slot);
    pending.finish(outcome);
    this.pump();
  }

  private async terminate(slot: Slot): Promise<void> {
    if (this.slots.has(slot)) void slot.worker.terminate();
    await slot.exited;
  }
}
