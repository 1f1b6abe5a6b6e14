/** How a finished run is told: a line in the log always, a notification when it completes or fails. */
import * as vscode from 'vscode';
import type { RunOutcome } from '../../../worker/keptRun';
import { runCommand } from '../../registry';
import { outcomeMessage } from './messages';
import type { TrainTarget } from '../../workspace/configFile';

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
