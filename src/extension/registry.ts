/**
 * Every command id and context key of the extension, typed: a command is run or registered only
 * through here, never by its id as a bare string at a call site.
 */
import * as vscode from 'vscode';
import { untrusted } from './text';

export const commandIds = {
  train: 'reglens.train',
  trainAll: 'reglens.trainAll',
  stop: 'reglens.stop',
  tune: 'reglens.tune',
  compareRegularizers: 'reglens.compareRegularizers',
  showComparison: 'reglens.showComparison',
  applyLambda: 'reglens.applyLambda',
  openDashboard: 'reglens.openDashboard',
  showRun: 'reglens.showRun',
  showTuning: 'reglens.showTuning',
  compareRuns: 'reglens.compareRuns',
  deleteRun: 'reglens.deleteRun',
  newConfig: 'reglens.newConfig',
  convertLambda: 'reglens.convertLambda',
  showObjective: 'reglens.showObjective',
  diagnoseCheckpoint: 'reglens.diagnoseCheckpoint',
  openTrainingLog: 'reglens.openTrainingLog',
  chartLogSeries: 'reglens.chartLogSeries',
  diagnoseCheckpointSeries: 'reglens.diagnoseCheckpointSeries',
  compareExternal: 'reglens.compareExternal',
  compareCheckpoints: 'reglens.compareCheckpoints',
} as const;

export type CommandName = keyof typeof commandIds;

/**
 * The arguments each command takes. They are optional and unknown: lenses, menus, tests and
 * keybindings pass them, the palette passes none (and the command asks with quick picks).
 */
export interface CommandArgs {
  train: [experiment?: unknown, config?: unknown];
  trainAll: [config?: unknown];
  stop: [];
  /** `lambdas`: the grid to tune over instead of the config's (the view's Extend the grid). */
  tune: [experiment?: unknown, config?: unknown, lambdas?: unknown];
  compareRegularizers: [experiment?: unknown, config?: unknown];
  showComparison: [experiment?: unknown, id?: unknown, config?: unknown];
  applyLambda: [experiment?: unknown, config?: unknown, lambda?: unknown];
  openDashboard: [experiment?: unknown, config?: unknown];
  showRun: [experiment?: unknown, id?: unknown, config?: unknown];
  /** A stored tuning of the experiment by id; none asks with a quick pick of every stored tuning. */
  showTuning: [experiment?: unknown, id?: unknown, config?: unknown];
  compareRuns: [];
  deleteRun: [experiment?: unknown, id?: unknown, config?: unknown];
  /** 'digits' or 'boundary'; none asks with a quick pick. */
  newConfig: [example?: unknown];
  convertLambda: [lambda?: unknown, from?: unknown, m?: unknown];
  showObjective: [experiment?: unknown, config?: unknown];
  diagnoseCheckpoint: [file?: unknown];
  /** A log file or folder; none asks with a quick pick of the workspace's logs. */
  openTrainingLog: [uri?: unknown];
  chartLogSeries: [];
  /** A folder of checkpoints over training; none asks with a folder dialog. */
  diagnoseCheckpointSeries: [folder?: unknown];
  /** An entry of a config's `external` block: its log and checkpoints (and experiment) in the dashboard. */
  compareExternal: [name?: unknown, config?: unknown];
  /** A checkpoint file (W₁) and the one to compare it with (W₀); each missing one is picked from the sidebar's list. */
  compareCheckpoints: [target?: unknown, base?: unknown];
}

export const contextKeys = {
  /** A config file exists in the workspace (most commands' `when`). */
  hasConfig: 'reglens.hasConfig',
  /** A job runs (Stop's `when`). */
  training: 'reglens.training',
} as const;

export function runCommand<K extends CommandName>(name: K, ...args: CommandArgs[K]): Thenable<unknown> {
  return vscode.commands.executeCommand(commandIds[name], ...args);
}

/** A lens's or a status item's command. */
export function commandLink<K extends CommandName>(name: K, title: string, args: CommandArgs[K], tooltip?: string): vscode.Command {
  return { title, command: commandIds[name], arguments: args, ...(tooltip === undefined ? {} : { tooltip }) };
}

/** Opens a file in one of the extension's custom editors (VS Code's own `vscode.openWith`). */
export function openWith(uri: vscode.Uri, viewType: string): Thenable<unknown> {
  return vscode.commands.executeCommand('vscode.openWith', uri, viewType);
}

export function setContext(key: keyof typeof contextKeys, value: boolean): void {
  void vscode.commands.executeCommand('setContext', contextKeys[key], value);
}

/** Registers a command; an unreadable run or config becomes a message and a log line, not VS Code's generic "command failed". */
export function registerCommand<K extends CommandName>(name: K, handler: (...args: CommandArgs[K]) => unknown, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(commandIds[name], async (...args: CommandArgs[K]) => {
    try {
      return await handler(...args);
    } catch (error) {
      log.error(`${commandIds[name]}: ${(error as Error).stack ?? String(error)}`);
      void vscode.window.showErrorMessage(`RegLens: ${untrusted((error as Error).message ?? String(error))}`);
      return undefined;
    }
  });
}
