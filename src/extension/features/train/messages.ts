/** What the user reads when a run ends. No vscode here: unit-tested. */
import type { RunOutcome } from '../../../worker/keptRun';
import { num } from '../../format';
import { untrusted } from '../../text';

/** The notification's text for a run that ended; names and messages are untrusted text. */
export function outcomeMessage(name: string, outcome: RunOutcome): string {
  if (outcome.kind === 'cancelled') return `RegLens: ${untrusted(name)} stopped before training began.`;
  if (outcome.kind === 'error') {
    const kept = outcome.record ? ` Its ${outcome.record.epochs.length} epochs are saved.` : '';
    return `RegLens: ${untrusted(name)} failed: ${untrusted(outcome.message)}${kept}`;
  }
  const final = outcome.record.summary.final;
  const result = final ? `: val loss ${num(final.valLoss)}, train loss ${num(final.trainLoss)}` : '';
  return `RegLens: ${untrusted(name)} ${outcome.record.summary.stopReason}${result}`;
}
