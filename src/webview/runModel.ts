/** The runs (or the tuning) a view shows, kept up to date from the extension's messages. */
import { checkShownRuns, checkTuningRecord, type EpochReport, type PictureSnapshot, type PlanePoints, type ShownRun, type TuningRecord } from '../protocol/webview';

/** Adds epochs newer than the run's last one (a repeated batch is ignored); false for an unknown run. */
export function appendEpochs(runs: ShownRun[], runId: string, epochs: readonly EpochReport[]): boolean {
  const run = runs.find((r) => r.id === runId);
  if (!run) return false;
  const last = run.epochs.at(-1)?.epoch ?? 0;
  const fresh = epochs.filter((e) => e.epoch > last);
  run.epochs.push(...fresh);
  return fresh.length > 0;
}

/** A live run's pictures at a new picture epoch (a repeated epoch is ignored); false for an unknown run. */
export function appendPicture(runs: ShownRun[], runId: string, snapshot: PictureSnapshot, points: PlanePoints | null): boolean {
  const run = runs.find((r) => r.id === runId);
  if (!run || run.pictures?.snapshots.some((s) => s.epoch === snapshot.epoch)) return false;
  run.pictures = { points, snapshots: [...(run.pictures?.snapshots ?? []), snapshot] };
  return true;
}

/** The live run `runId` ended: its finished record (saved, or kept when stopped) takes its place; false if not shown. */
export function finishRun(runs: ShownRun[], runId: string, finished: ShownRun): boolean {
  const index = runs.findIndex((r) => r.id === runId);
  if (index >= 0) runs[index] = finished;
  return index >= 0;
}

/** Runs from a saved state, checked like a message: the state may come from an older version of the view. */
export function restoredRuns(value: unknown): ShownRun[] {
  return checkShownRuns(value ?? []) ?? [];
}

/** The tuning a saved state showed, checked like a message; null if none or unreadable. */
export function restoredTuning(value: unknown): TuningRecord | null {
  if (value === null || value === undefined) return null;
  const checked = checkTuningRecord(value, 'tuning');
  return checked.ok ? checked.value : null;
}
