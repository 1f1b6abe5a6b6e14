/** Which pictures the epoch slider offers, and which snapshot of a run each position shows. */
import type { PictureSnapshot, ShownRun } from '../../protocol/webview';

/** Every epoch at which any shown run took pictures, ascending. */
export function pictureEpochs(runs: readonly ShownRun[]): number[] {
  const epochs = new Set(runs.flatMap((run) => run.pictures?.snapshots.map((s) => s.epoch) ?? []));
  return [...epochs].sort((a, b) => a - b);
}

/**
 * The run's snapshot at `epoch`: the last one taken at or before it (runs of a comparison may take
 * pictures at different epochs, or stop early), else its first; null without pictures.
 */
export function snapshotAt(run: ShownRun, epoch: number): PictureSnapshot | null {
  const snapshots = run.pictures?.snapshots ?? [];
  let found: PictureSnapshot | null = snapshots[0] ?? null;
  for (const snapshot of snapshots) if (snapshot.epoch <= epoch && snapshot.epoch >= (found?.epoch ?? 0)) found = snapshot;
  return found;
}

/**
 * The slider's position after the epochs changed: it follows the newest picture while it was on
 * the newest (a live run), and otherwise stays on the epoch the user chose.
 */
export function nextSelection(previous: { epoch: number; wasLatest: boolean } | null, epochs: readonly number[]): number {
  const latest = epochs.at(-1) ?? 0;
  if (!previous || previous.wasLatest || !epochs.includes(previous.epoch)) return latest;
  return previous.epoch;
}
