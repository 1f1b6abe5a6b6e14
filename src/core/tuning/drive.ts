/**
 * The one stage driver of a tuning: the CLI runs its jobs in this thread, the extension on the
 * worker pool, through the same loop. Every job of a stage is started at once (a pool queues what it
 * cannot start), and the next stage is planned only when all of them are back.
 */
import type { Dataset } from '../data/dataset';
import { runTuningJob } from './job';
import type { TuningPlan } from './plan';
import type { FoldOutcome, TuningJob, TuningJobResult, TuningResult } from './types';

/** How one job ended, wherever it ran. */
export type JobEnd = { kind: 'done'; result: TuningJobResult } | { kind: 'cancelled' } | { kind: 'error'; message: string };

/** A started job: its end, and a way to stop it. */
export interface RunningJob {
  readonly outcome: Promise<JobEnd>;
  cancel(): void;
}

/** Starts a job; `onOutcome` after each of its λ values. */
export type RunJob = (job: TuningJob, onOutcome: (outcome: FoldOutcome) => void) => RunningJob;

export interface TuningProgress {
  stage: number;
  stages: number;
  /** (λ, fold) pairs finished in this stage, and how many it has. */
  done: number;
  total: number;
  outcome: FoldOutcome;
}

/** A cancelled tuning keeps nothing: a curve with λ values or folds missing would choose a λ it never fairly compared. */
export type DrivenTuning = { kind: 'completed'; result: TuningResult } | { kind: 'cancelled'; trained: number };

export interface TuningDrive {
  /** Settles when every job is back; rejects with the first job's error (after stopping the others). */
  readonly result: Promise<DrivenTuning>;
  /** Stops the running jobs and the stages after them. */
  cancel(): void;
}

export function driveTuning(plan: TuningPlan, runJob: RunJob, onProgress?: (progress: TuningProgress) => void): TuningDrive {
  const running = new Set<RunningJob>();
  let cancelled = false;
  let trained = 0;
  const cancel = () => {
    cancelled = true;
    for (const job of running) job.cancel();
  };

  /** The stage's results, or null when any job was stopped. */
  const stage = async (jobs: TuningJob[]): Promise<TuningJobResult[] | null> => {
    const total = jobs.reduce((sum, job) => sum + job.lambdas.length, 0);
    let done = 0;
    const started = jobs.map((job) =>
      runJob(job, (outcome) => {
        if (outcome.stopReason === 'cancelled') return;
        trained++;
        onProgress?.({ stage: job.stage, stages: plan.budgets.length, done: ++done, total, outcome });
      }),
    );
    for (const job of started) running.add(job);
    if (cancelled) for (const job of started) job.cancel();
    const ends = await Promise.all(
      started.map((job) =>
        job.outcome.then((end) => {
          running.delete(job);
          if (end.kind === 'error') cancel();
          return end;
        }),
      ),
    );
    const failed = ends.find((end) => end.kind === 'error');
    if (failed?.kind === 'error') throw new Error(failed.message);
    const results = ends.flatMap((end) => (end.kind === 'done' ? [end.result] : []));
    const stopped = results.length < ends.length || results.some((result) => result.outcomes.some((o) => o.stopReason === 'cancelled'));
    if (stopped) cancelled = true;
    return stopped ? null : results;
  };

  const drive = async (): Promise<DrivenTuning> => {
    while (!cancelled) {
      const jobs = plan.nextJobs();
      if (jobs.length === 0) break;
      const results = await stage(jobs);
      if (!results) break;
      plan.accept(results);
    }
    return cancelled ? { kind: 'cancelled', trained } : { kind: 'completed', result: plan.result() };
  };

  return { result: drive(), cancel };
}

/** Jobs run in this thread, one after the other: the CLI's way. */
export function inThisThread(rows: Dataset): RunJob {
  return (job, onOutcome) => {
    const signal = { aborted: false };
    const outcome = Promise.resolve().then((): JobEnd => {
      try {
        return { kind: 'done', result: runTuningJob(job, rows, { signal, onOutcome }) };
      } catch (error) {
        return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
      }
    });
    return { outcome, cancel: () => (signal.aborted = true) };
  };
}
