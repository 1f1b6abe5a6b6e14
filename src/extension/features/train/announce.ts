/** How a finished run is told: a line in the log always; a notification unless `notify` says fewer. */
import * as vscode from 'vscode';
import type { RunOutcome } from '../../../worker/keptRun';
import { runCommand } from '../../registry';
import { outcomeLine, outcomeMessage } from './messages';
import type { TrainTarget } from '../../workspace/configFile';

/** Which ends get a notification: every one, failures only, or none (a batch tells its result once). */
export type Notify = 'all' | 'errors' | 'none';

export function announce({ file, experiment }: TrainTarget, outcome: RunOutcome, log: vscode.LogOutputChannel, notify: Notify): void {
  const name = experiment.name;
  const line = outcomeLine(name, outcome);
  if (outcome.kind === 'error') {
    log.error(`${line}${outcome.stack ? `\n${outcome.stack}` : ''}`);
    if (notify !== 'none') void vscode.window.showErrorMessage(outcomeMessage(name, outcome));
    return;
  }
  log.info(line);
  if (outcome.kind === 'cancelled' || outcome.record.summary.stopReason === 'cancelled' || notify !== 'all') return;
  void vscode.window.showInformationMessage(outcomeMessage(name, outcome), 'Open Dashboard').then((choice) => {
    if (choice) void runCommand('openDashboard', name, file.uri);
  });
}
