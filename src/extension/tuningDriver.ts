/**
 * Runs a tuning plan stage by stage on the worker pool: the extension's twin of `runTuningSync`.
 * Every job of a stage goes to the pool at once (it queues what it cannot start), and the next stage
 * is planned only when all of them are back. No vscode here, so a fake pool can drive it in tests.
 */
import type { TuningProgress } from '../core/tuning';
import type { TuningPlan } from '../core/tuning/plan';
import type { TuningJob, TuningJobResult, TuningResult } from '../core/tuning/types';
import type { Task, TuningHandlers, TuningJobOutcome } from '../worker/pool';

/** The pool as a tuning sees it (the rows are bound in already). */
export interface TuningWorkers {
  tune(job: TuningJob, handlers: TuningHandlers): Task<TuningJobOutcome>;
}

/** A cancelled tuning keeps nothing: a curve with λ values or folds missing would choose a λ it never fairly compared. */
export type DrivenTuning = { kind: 'completed'; result: TuningResult } | { kind: 'cancelled'; trained: number };

export class TuningDriver {
  private readonly running = new Set<Task<TuningJobOutcome>>();
  private cancelled = false;
  private trained = 0;

  constructor(
    private readonly plan: TuningPlan,
    private readonly workers: TuningWorkers,
    private readonly onProgress?: (progress: TuningProgress) => void,
  ) {}

  /** Stops every running job (their workers read the flag between epochs) and the stages after them. */
  cancel(): void {
    this.cancelled = true;
    for (const task of this.running) task.cancel();
  }

  /** Resolves when every job has come back; rejects with the first job's error (after stopping the others). */
  async run(): Promise<DrivenTuning> {
    while (!this.cancelled) {
      const jobs = this.plan.nextJobs();
      if (jobs.length === 0) break;
      const results = await this.stage(jobs);
      if (!results) break;
      this.plan.accept(results);
    }
    if (this.cancelled) return { kind: 'cancelled', trained: this.trained };
    return { kind: 'completed', result: this.plan.result() };
  }

  /** The stage's results, or null when any job was cancelled. */
  private async stage(jobs: TuningJob[]): Promise<TuningJobResult[] | null> {
    const stages = this.plan.budgets.length;
    const total = jobs.reduce((sum, job) => sum + job.lambdas.length, 0);
    let done = 0;
    const tasks = jobs.map((job) =>
      this.workers.tune(job, {
        onOutcome: (outcome) => {
          if (outcome.stopReason === 'cancelled') return;
          this.trained++;
          this.onProgress?.({ stage: job.stage, stages, done: ++done, total, outcome });
        },
      }),
    );
    for (const task of tasks) this.running.add(task);
    if (this.cancelled) for (const task of tasks) task.cancel();
    const outcomes = await Promise.all(
      tasks.map((task) =>
        task.outcome.then((outcome) => {
          this.running.delete(task);
          if (outcome.kind === 'error') this.cancel();
          return outcome;
        }),
      ),
    );
    const failed = outcomes.find((outcome) => outcome.kind === 'error');
    if (failed?.kind === 'error') throw new Error(failed.message);
    const results = outcomes.flatMap((outcome) => (outcome.kind === 'done' ? [outcome.result] : []));
    const stopped = results.length < outcomes.length || results.some((result) => result.outcomes.some((o) => o.stopReason === 'cancelled'));
    if (stopped) this.cancelled = true;
    return stopped ? null : results;
  }
}
