/** The runs (or the tuning) a view shows, kept up to date from the extension's messages. */
import type { EpochReport } from '../core/report';
import type { RunSummary, TuningRecord } from '../core/runRecord';
import { parseToWebview, type ShownRun } from '../protocol/webview';

/** Adds epochs newer than the run's last one (a repeated batch is ignored); false for an unknown run. */
export function appendEpochs(runs: ShownRun[], runId: string, epochs: readonly EpochReport[]): boolean {
  const run = runs.find((r) => r.id === runId);
  if (!run) return false;
  const last = run.epochs.at(-1)?.epoch ?? 0;
  const fresh = epochs.filter((e) => e.epoch > last);
  run.epochs.push(...fresh);
  return fresh.length > 0;
}

export function finishRun(runs: ShownRun[], runId: string, summary: RunSummary): boolean {
  const run = runs.find((r) => r.id === runId);
  if (run) run.summary = summary;
  return run !== undefined;
}

/** Runs from a saved state, checked like a message: the state may come from an older version of the view. */
export function restoredRuns(value: unknown): ShownRun[] {
  const parsed = parseToWebview({ type: 'runs', runs: value ?? [] });
  return parsed.ok && parsed.message.type === 'runs' ? parsed.message.runs : [];
}

/** The tuning a saved state showed, checked like a message; null if none or unreadable. */
export function restoredTuning(value: unknown): TuningRecord | null {
  if (value === null || value === undefined) return null;
  const parsed = parseToWebview({ type: 'tuning', record: value });
  return parsed.ok && parsed.message.type === 'tuning' ? parsed.message.record : null;
}
