/** The worker's side of a tuning job: keeps the rows it was sent, trains the job's λ values, posts each outcome. */
import type { Dataset } from '../core/data/dataset';
import { runTuningJob } from '../core/tuning/job';
import type { HostToWorker, WorkerToHost } from '../protocol/worker';

type TuneStart = Extract<HostToWorker, { type: 'tune-start' }>;

/** One key's rows: the pool tracks which key each worker holds and sends rows only when it changes. */
let held: { key: string; dataset: Dataset } | null = null;

export function tune(start: TuneStart, signal: { readonly aborted: boolean }, post: (message: WorkerToHost) => void): void {
  const { jobId, job, rows } = start;
  if (rows.dataset) held = { key: rows.key, dataset: rows.dataset };
  if (!held || held.key !== rows.key) throw new Error(`the worker has no rows for "${rows.key}" (it holds ${held ? `"${held.key}"` : 'none'})`);
  const result = runTuningJob(job, held.dataset, {
    signal,
    // Weights and checkpoints (the path's, the next rung's) travel once, in tune-done.
    onOutcome: (outcome) => post({ type: 'tune-outcome', jobId, outcome: { ...outcome, weights: null, checkpoint: null } }),
  });
  post({ type: 'tune-done', jobId, result });
}
