/** Runs training and tuning jobs on worker threads, as many at once as the machine has cores; the rest wait in a queue. */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { TrainSpec, TuningJob, TuningRecord, TuningSettings } from '../core';
import { isWorkerToHost, type ExperimentJob, type JobDirs } from '../protocol/worker';
import {
  experimentJob,
  rowsJob,
  saveJob,
  tuningJob,
  type Interruption,
  type JobHandlers,
  type JobOutcome,
  type KeyedRows,
  type PoolJob,
  type RowsOutcome,
  type SaveOutcome,
  type TuningHandlers,
  type TuningJobOutcome,
} from './poolJobs';

export type { JobHandlers, JobOutcome, KeyedRows, RowsOutcome, SaveOutcome, TuningHandlers, TuningJobOutcome } from './poolJobs';

/** A job in the pool: its outcome, and a way to stop it. */
export interface Task<O> {
  readonly id: number;
  /** Settles once the job's worker has moved on to the next job, is kept idle, or has exited. */
  readonly outcome: Promise<O>;
  cancel(): void;
}

export interface Job extends Task<JobOutcome> {
  readonly experiment: string;
}

export interface PoolOptions {
  /** Starts a worker running dist/worker.js (tests pass stand-ins). */
  spawn: () => Worker;
  size?: number;
  /** How long a cancelled worker may take to stop on its own before it is terminated. */
  cancelGraceMs?: number;
}

interface Slot {
  worker: Worker;
  exited: Promise<void>;
  current: PoolJob | null;
  /** The key of the tuning rows this worker keeps. */
  heldKey: string | null;
  graceTimer?: NodeJS.Timeout;
  /** Why the worker is going down (an uncaught error, out of memory), told when it has exited. */
  failure?: Interruption;
}

export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism());
}

export class WorkerPool {
  readonly size: number;
  private readonly cancelGraceMs: number;
  private readonly queue: PoolJob[] = [];
  private readonly slots = new Set<Slot>();
  private nextId = 1;
  private holds = 0;
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
    const task = this.submit<JobOutcome>((id, finish) => experimentJob(id, experiment, dirs, handlers, finish));
    return { ...task, experiment: experiment.name };
  }

  /** One job of a tuning plan; the rows go to each worker once per key. */
  tune(job: TuningJob, rows: KeyedRows, handlers: TuningHandlers = {}): Task<TuningJobOutcome> {
    return this.submit<TuningJobOutcome>((id, finish) => tuningJob(id, job, rows, handlers, finish));
  }

  /** Loads a tuning's rows in a worker (which keeps them for the tuning's jobs) and says what they are. */
  load(rows: KeyedRows, plan: { spec: TrainSpec; settings: TuningSettings }, handlers: Pick<JobHandlers, 'onLog'> = {}): Task<RowsOutcome> {
    return this.submit<RowsOutcome>((id, finish) => rowsJob(id, rows, plan, handlers.onLog, finish));
  }

  /** Saves a finished tuning's record in a worker, like a run. */
  saveTuning(record: TuningRecord, storeRoot: string, handlers: Pick<JobHandlers, 'onLog'> = {}): Task<SaveOutcome> {
    return this.submit<SaveOutcome>((id, finish) => saveJob(id, record, storeRoot, handlers.onLog, finish));
  }

  /**
   * Keeps idle workers (and the rows they hold) alive until released: a tuning's stages follow each
   * other, and without a hold every stage would start its workers and send its rows afresh.
   */
  hold(): { release(): Promise<void> } {
    this.holds++;
    let released = false;
    return {
      /** Resolves when the idle workers have exited (none, while another hold remains). */
      release: async () => {
        if (released) return;
        released = true;
        if (--this.holds > 0) return;
        await Promise.all([...this.slots].filter((slot) => !slot.current).map((slot) => this.terminate(slot)));
      },
    };
  }

  cancelAll(): void {
    for (const job of [...this.queue]) this.cancel(job);
    for (const slot of this.slots) if (slot.current) this.cancel(slot.current);
  }

  /** Cancels every job and resolves when no worker is left. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.cancelAll();
    await Promise.all([...this.slots].map((slot) => this.terminate(slot)));
  }

  private submit<O>(create: (id: number, finish: (outcome: O) => void) => PoolJob): Task<O> {
    if (this.disposed) throw new Error('The RegLens worker pool is closed.');
    let finish!: (outcome: O) => void;
    const outcome = new Promise<O>((resolve) => (finish = resolve));
    const job = create(this.nextId++, finish);
    this.queue.push(job);
    this.pump();
    return { id: job.id, outcome, cancel: () => this.cancel(job) };
  }

  private cancel(job: PoolJob): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      job.interrupt({ kind: 'cancelled' })();
      return;
    }
    const slot = [...this.slots].find((s) => s.current === job);
    if (!slot || slot.graceTimer) return;
    Atomics.store(job.cancelFlag, 0, 1);
    slot.worker.postMessage({ type: 'cancel', jobId: job.id });
    slot.graceTimer = setTimeout(() => {
      job.onLog?.('warn', `${job.label}: the worker did not stop within ${this.cancelGraceMs} ms; terminated it`);
      void this.settle(slot, job.interrupt({ kind: 'cancelled' }), true);
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
        next.interrupt({ kind: 'error', message: `Could not start a training worker: ${(error as Error).message}` })();
        continue;
      }
      this.start(slot, next, this.alone());
    }
  }

  private spawn(): Slot {
    const worker = this.options.spawn();
    const slot: Slot = { worker, current: null, heldKey: null, exited: new Promise((resolve) => worker.once('exit', () => resolve())) };
    this.slots.add(slot);
    worker.on('message', (message: unknown) => this.receive(slot, message));
    worker.on('error', (error: Error & { code?: string }) => {
      const message =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? 'Training ran out of memory in its worker; try a smaller model, batch or dataset.'
          : `The training worker crashed: ${error.message}`;
      // The worker exits next; its job ends then, once the messages it posted before failing are delivered.
      slot.failure = { kind: 'error', message, stack: error.stack };
    });
    worker.on('messageerror', (error) => this.interruptSlot(slot, { kind: 'error', message: `A message from the worker could not be read: ${error.message}` }, true));
    worker.once('exit', (code) => {
      this.slots.delete(slot);
      const reason: Interruption = this.disposed
        ? { kind: 'cancelled' }
        : (slot.failure ?? { kind: 'error', message: `The training worker stopped unexpectedly (exit code ${code}).` });
      // Broken: the queued jobs must not go to this dead worker; pump starts a replacement.
      this.interruptSlot(slot, reason, true);
      this.pump();
    });
    return slot;
  }

  private interruptSlot(slot: Slot, reason: Interruption, broken: boolean): void {
    if (slot.current) void this.settle(slot, slot.current.interrupt(reason), broken);
  }

  /** Whether a job started now would be the only one: no other running or waiting, and a core to spare. */
  private alone(): boolean {
    return this.size >= 2 && this.queue.length === 0 && [...this.slots].every((slot) => !slot.current);
  }

  private start(slot: Slot, job: PoolJob, alone: boolean): void {
    slot.current = job;
    const { message, holds } = job.start(slot.heldKey, alone);
    slot.heldKey = holds;
    slot.worker.postMessage(message);
  }

  private receive(slot: Slot, message: unknown): void {
    const job = slot.current;
    if (!isWorkerToHost(message)) {
      job?.onLog?.('error', `Ignored a malformed message from the worker: ${JSON.stringify(message)}`);
      return;
    }
    if (message.type === 'log') {
      job?.onLog?.(message.level, message.message);
      return;
    }
    if (!job || message.jobId !== job.id) return;
    const announce = job.receive(message);
    if (announce) void this.settle(slot, announce, false);
  }

  /** Ends the slot's job; the worker takes the next queued job, stays idle (held) or exits, before the outcome is announced. */
  private async settle(slot: Slot, announce: () => void, broken: boolean): Promise<void> {
    if (!slot.current) return;
    slot.current = null;
    clearTimeout(slot.graceTimer);
    slot.graceTimer = undefined;
    const next = !broken && !this.disposed ? this.queue.shift() : undefined;
    if (next) this.start(slot, next, this.alone());
    else if (broken || this.disposed || this.holds === 0) await this.terminate(slot);
    announce();
    this.pump();
  }

  private async terminate(slot: Slot): Promise<void> {
    if (this.slots.has(slot)) void slot.worker.terminate();
    await slot.exited;
  }
}
