/** The worker's side of a tuning: loads the rows once per key and keeps them, trains a job's λ values, posts each outcome. */
import { runTuningJob, type Dataset, type DatasetSummary } from '../core';
import { loadTuningRows } from '../io/tuning';
import type { HostToWorker, TuningRows, WorkerToHost } from '../protocol/worker';

type TuneStart = Extract<HostToWorker, { type: 'tune-start' }>;

/** One key's rows: a tuning's jobs share them, so each worker loads them once. */
let held: { key: string; rows: Promise<{ rows: Dataset; summary: DatasetSummary }> } | null = null;

export function tuningRows({ key, data, dirs }: TuningRows): Promise<{ rows: Dataset; summary: DatasetSummary }> {
  if (held?.key !== key) held = { key, rows: loadTuningRows(data, dirs) };
  const loading = held;
  // A failed load is not kept: the next job tries again and reports its own error.
  loading.rows.catch(() => {
    if (held === loading) held = null;
  });
  return loading.rows;
}

export async function tune(start: TuneStart, signal: { readonly aborted: boolean }, post: (message: WorkerToHost) => void): Promise<void> {
  const { jobId, job } = start;
  const { rows } = await tuningRows(start.rows);
  const result = runTuningJob(job, rows, {
    signal,
    // Weights and checkpoints (the path's, the next rung's) travel once, in tune-done.
    onOutcome: (outcome) => post({ type: 'tune-outcome', jobId, outcome: { ...outcome, weights: null, checkpoint: null } }),
  });
  post({ type: 'tune-done', jobId, result });
}
