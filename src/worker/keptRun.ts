/**
 * A training job as the host sees it: every epoch its worker reported is kept, so a run survives its
 * worker. When the worker is ended by force (Stop after the grace), crashes or runs out of memory,
 * the host saves the run itself, as cancelled or failed, with those epochs (and without weights).
 */
import type { EpochReport, RunPictures, RunRecord, RunSummary } from '../core';
import { RunStore } from '../io/runStore';
import type { ExperimentJob, JobDirs, RunStart } from '../protocol/worker';
import type { Job, JobHandlers, JobOutcome, WorkerPool } from './pool';

/** How a run ended; an error keeps the record saved in its place, if training had begun. */
export type RunOutcome = { kind: 'done'; record: RunRecord } | { kind: 'cancelled' } | { kind: 'error'; message: string; stack?: string; record: RunRecord | null };

export interface KeptRun {
  readonly id: number;
  readonly outcome: Promise<RunOutcome>;
  cancel(): void;
}

export function trainKeepingEpochs(pool: Pick<WorkerPool, 'run'>, experiment: ExperimentJob, dirs: JobDirs, handlers: JobHandlers = {}): KeptRun {
  let start: RunStart | null = null;
  const epochs: EpochReport[] = [];
  let pictures: RunPictures | null = null;
  const job: Job = pool.run(experiment, dirs, {
    ...handlers,
    onStart: (run) => {
      start = run;
      handlers.onStart?.(run);
    },
    onEpoch: (report) => {
      epochs.push(report);
      handlers.onEpoch?.(report);
    },
    onPicture: (snapshot, points) => {
      pictures = { points, snapshots: [...(pictures?.snapshots ?? []), snapshot] };
      handlers.onPicture?.(snapshot, points);
    },
  });
  const outcome = job.outcome.then(async (end: JobOutcome): Promise<RunOutcome> => {
    if (end.kind === 'done' || start === null) return end.kind === 'error' ? { ...end, record: null } : end;
    const record = keptRecord(start, epochs, end.kind === 'cancelled' ? null : end.message, pictures);
    try {
      await new RunStore(dirs.storeRoot, dirs.runsDir).save(record, null);
    } catch (error) {
      handlers.onLog?.('error', `${experiment.name}: could not save the epochs kept so far: ${(error as Error).message}`);
      return end.kind === 'error' ? { ...end, record: null } : { kind: 'cancelled' };
    }
    return end.kind === 'error' ? { ...end, record } : { kind: 'done', record };
  });
  return { id: job.id, outcome, cancel: () => job.cancel() };
}

/** The run as far as its worker got (with the pictures it took): `failure` null for a stop, else the worker's error. */
export function keptRecord(start: RunStart, epochs: readonly EpochReport[], failure: string | null, pictures: RunPictures | null = null): RunRecord {
  const last = epochs.at(-1) ?? null;
  const after = last ? `after epoch ${last.epoch}` : 'before its first epoch';
  const summary: RunSummary = {
    stopReason: failure === null ? 'cancelled' : 'failed',
    message:
      failure === null
        ? `Stopped ${after}; the worker did not stop in time and was ended, so its weights were not saved.`
        : `Failed ${after}: ${failure} The epochs reported so far are kept; the weights were not saved.`,
    bestEpoch: bestEpoch(epochs),
    overfittingOnset: null,
    final: last,
    // Unknown without the weights: zeros say so.
    compression: { parameters: 0, nonZeros: 0, denseBytes: 0, csrBytes: 0 },
  };
  return { ...start, epochs: [...epochs], summary, ...(pictures ? { pictures } : {}) };
}

function bestEpoch(epochs: readonly EpochReport[]): number {
  let best = 0;
  let value = Infinity;
  for (const report of epochs) {
    const watched = report.valLoss ?? report.objective;
    if (watched < value) [best, value] = [report.epoch, watched];
  }
  return best;
}
