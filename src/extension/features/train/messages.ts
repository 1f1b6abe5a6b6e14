/** What the user reads when a run or a batch of runs ends. No vscode here: unit-tested. */
import { isUsefulRun } from '../../../core';
import { penaltyLabel } from '../../../protocol/labels';
import type { RunOutcome } from '../../../worker/keptRun';
import { num } from '../../format';
import { untrusted } from '../../text';

/** A sentence without its closing period, so it can be followed by more. */
function clause(text: string): string {
  return text.trim().replace(/[.\s]+$/, '');
}

/** One plain line per ended run, e.g. "digits-l2 (L2, λ=0.01): Completed 40 epochs; val loss 0.351, train loss 0.312 (run 2026-…)". */
export function outcomeLine(name: string, outcome: RunOutcome): string {
  if (outcome.kind === 'cancelled') return `${name}: stopped before training began; nothing saved`;
  const record = outcome.record;
  const who = record ? `${name} (${penaltyLabel(record.spec.regularization)})` : name;
  if (outcome.kind === 'error') return `${who}: failed: ${clause(outcome.message)}${record ? `; its ${record.epochs.length} epochs are kept as run ${record.id}` : ''}`;
  const { summary, id } = outcome.record;
  const final = summary.final;
  const numbers = final ? `; val loss ${num(final.valLoss)}, train loss ${num(final.trainLoss)}` : '';
  return `${who}: ${clause(summary.message || summary.stopReason)}${numbers} (run ${id})`;
}

/** The notification's text for a run that ended; names and messages are untrusted text. */
export function outcomeMessage(name: string, outcome: RunOutcome): string {
  return `RegLens: ${untrusted(outcomeLine(name, outcome))}.`;
}

/** The one notification of a batch (Train All): how many trained, and which did not and why. */
export function batchMessage(results: readonly { name: string; outcome: RunOutcome }[], skipped: readonly { name: string; reason: string }[]): string {
  const trained = results.filter(({ outcome }) => outcome.kind === 'done' && isUsefulRun(outcome.record.summary.stopReason) && outcome.record.summary.stopReason !== 'cancelled');
  const stopped = results.filter(({ outcome }) => outcome.kind === 'cancelled' || (outcome.kind === 'done' && outcome.record.summary.stopReason === 'cancelled'));
  const failed = results.filter((r) => !trained.includes(r) && !stopped.includes(r));
  const total = results.length + skipped.length;
  const parts = [`trained ${trained.length} of ${total} experiment${total === 1 ? '' : 's'}`];
  const names = (list: readonly { name: string }[]) => list.map(({ name }) => untrusted(name)).join(', ');
  if (failed.length > 0) parts.push(`failed: ${names(failed)}`);
  if (stopped.length > 0) parts.push(`stopped: ${names(stopped)}`);
  if (skipped.length > 0) parts.push(`not trained (config problem): ${names(skipped)}`);
  return `RegLens: ${parts.join('; ')}. Each run's result is in the RegLens output.`;
}

/** Stop's confirmation in the status bar. */
export function stopMessage(stopped: number): string {
  if (stopped === 0) return 'RegLens: nothing is training.';
  return `$(debug-stop) RegLens: stopping ${stopped === 1 ? 'the job' : `${stopped} jobs`}; the epochs done so far are kept.`;
}
