/** How a finished run is told: a line in the log always, a notification when it completes or fails. */
import * as vscode from 'vscode';
import type { RunOutcome } from '../../../worker/keptRun';
import { num } from '../../format';
import { runCommand } from '../../registry';
import { untrusted } from '../../text';
import type { TrainTarget } from '../../workspace/configFile';

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

export function announce({ file, experiment }: TrainTarget, outcome: RunOutcome, log: vscode.LogOutputChannel, quiet: boolean): void {
  const name = experiment.name;
  if (outcome.kind === 'error') {
    log.error(`${name}: ${outcome.message}${outcome.stack ? `\n${outcome.stack}` : ''}${outcome.record ? ` (epochs kept as run ${outcome.record.id})` : ''}`);
    void vscode.window.showErrorMessage(outcomeMessage(name, outcome));
    return;
  }
  if (outcome.kind === 'cancelled') {
    log.info(`${name}: stopped before training began; nothing saved`);
    return;
  }
  const { summary, id } = outcome.record;
  log.info(`${name}: ${summary.message || summary.stopReason} (run ${id})`);
  if (summary.stopReason === 'cancelled' || quiet) return;
  void vscode.window.showInformationMessage(outcomeMessage(name, outcome), 'Open Dashboard').then((choice) => {
    if (choice) void runCommand('openDashboard', name, file.uri);
  });
}
