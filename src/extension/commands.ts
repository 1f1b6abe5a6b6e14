/** Every RegLens command. Arguments are optional: lenses and tests pass them, the palette asks with quick picks. */
import * as vscode from 'vscode';
import { dirname } from 'node:path';
import type { RunRecord, TuningRecord } from '../core/runRecord';
import type { PenaltyScale } from '../core/spec';
import type { RunListing } from '../io/runStore';
import type { JobOutcome } from '../worker/pool';
import { applyLambda } from './applyLambda';
import { comparePenalties } from './comparePenalties';
import { convertLambdaCommand, showObjectiveCommand } from './lambdaTools';
import { newConfigCommand } from './newConfig';
import { allRuns, asUri, experimentTargets, pickExperiment, pickRuns } from './pickers';
import { storeOf, type RunIndex } from './runIndex';
import type { Training } from './training';
import type { Tuner } from './tuning';

/** Where runs are shown: the dashboard panel. */
export interface RunViews {
  showRuns(runs: RunRecord[]): void;
  /** Shows the experiment's run in training; false when none is. */
  showLive(experiment: string): boolean;
  /** Shows a tuning's curves; its Apply buttons edit `configUri`. */
  showTuning(record: TuningRecord, configUri: vscode.Uri): void;
}

export interface CommandContext {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  runIndex: RunIndex;
  training: Training;
  tuner: Tuner;
  views: RunViews;
}

function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage('RegLens trains only in a trusted workspace, since training reads the data files the config names. Checking the config still works.', 'Manage Workspace Trust').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}

function loadRecords(runs: RunListing[]): Promise<RunRecord[]> {
  return Promise.all(runs.map((run) => storeOf(run).load(run.experiment, run.id)));
}

/** The run's listing, found by experiment and id (as lenses and tests pass them) or picked. */
async function findOrPickRuns(context: CommandContext, title: string, many: boolean, experiment?: unknown, id?: unknown): Promise<RunListing[]> {
  if (typeof id !== 'string') return pickRuns(context.runIndex, title, many);
  const run = (await allRuns(context.runIndex)).find((r) => r.id === id && (experiment === undefined || r.experiment === experiment));
  if (!run) void vscode.window.showErrorMessage(`RegLens: no stored run ${id}.`);
  return run ? [run] : [];
}

export function registerCommands(context: CommandContext): vscode.Disposable[] {
  const { training, runIndex, log, views } = context;

  /** From the editor title VS Code passes the file's Uri first; from lenses and tests, (name, config). */
  const train = async (name?: unknown, config?: unknown): Promise<JobOutcome | undefined> => {
    if (!requireTrust()) return undefined;
    const [experiment, file] = name instanceof vscode.Uri ? [undefined, name] : [name, config];
    const target = await pickExperiment(typeof experiment === 'string' ? experiment : undefined, asUri(file));
    return target && training.train(target);
  };

  const trainAll = async (config?: unknown): Promise<JobOutcome[]> => {
    if (!requireTrust()) return [];
    const targets = (await experimentTargets(asUri(config))) ?? [];
    return Promise.all(targets.map((target) => training.train(target)));
  };

  /** Lenses and tests pass (name, config); the palette asks. Resolves to the saved tuning, or undefined. */
  const tune = async (name?: unknown, config?: unknown) => {
    if (!requireTrust()) return undefined;
    const target = await pickExperiment(typeof name === 'string' ? name : undefined, asUri(config), 'Tune λ of which experiment?');
    return target && context.tuner.tune(target);
  };

  const compare = async (name?: unknown, config?: unknown) => {
    if (!requireTrust()) return undefined;
    const target = await pickExperiment(typeof name === 'string' ? name : undefined, asUri(config), 'Compare the penalties of which experiment?');
    return target && comparePenalties(target, { tuner: context.tuner, training, views });
  };

  /** From the λ lens and the tuning view: (experiment, config file, λ). */
  const apply = async (name?: unknown, config?: unknown, lambda?: unknown): Promise<boolean> => {
    const uri = asUri(config);
    if (typeof name !== 'string' || !uri || typeof lambda !== 'number') throw new Error('Apply λ needs an experiment name, its config file and a λ.');
    const applied = await applyLambda(name, uri, lambda);
    if (applied) log.info(`${name}: regularization.lambda set to ${lambda} in ${vscode.workspace.asRelativePath(uri)} (unsaved)`);
    return applied;
  };

  const openDashboard = async (name?: unknown, config?: unknown): Promise<void> => {
    const target = await pickExperiment(typeof name === 'string' ? name : undefined, asUri(config), 'Dashboard of which experiment?');
    if (!target || views.showLive(target.experiment.name)) return;
    const latest = (await runIndex.runs(dirname(target.configUri.fsPath))).find((run) => run.experiment === target.experiment.name);
    if (!latest) {
      void vscode.window.showInformationMessage(`RegLens: ${target.experiment.name} has no stored run yet. Train it to fill the dashboard.`);
      return;
    }
    views.showRuns(await loadRecords([latest]));
  };

  const showRun = async (experiment?: unknown, id?: unknown): Promise<void> => {
    const runs = await findOrPickRuns(context, 'Show which run?', false, experiment, id);
    if (runs.length > 0) views.showRuns(await loadRecords(runs));
  };

  const compareRuns = async (): Promise<void> => {
    const runs = await pickRuns(runIndex, 'Compare which runs? (pick two or more)', true);
    if (runs.length === 1) void vscode.window.showInformationMessage('RegLens: pick at least two runs to compare; showing the one picked.');
    if (runs.length > 0) views.showRuns(await loadRecords(runs));
  };

  const deleteRun = async (experiment?: unknown, id?: unknown): Promise<boolean> => {
    const [run] = await findOrPickRuns(context, 'Delete which run?', false, experiment, id);
    if (!run) return false;
    const confirmed = await vscode.window.showWarningMessage(`Delete the run ${run.id} of ${run.experiment}? Its folder is removed.`, { modal: true }, 'Delete');
    if (confirmed !== 'Delete') return false;
    await storeOf(run).delete(run.experiment, run.id);
    log.info(`deleted run ${run.id} of ${run.experiment}`);
    runIndex.invalidate();
    return true;
  };

  const commands: Record<string, (...args: never[]) => unknown> = {
    'reglens.train': train,
    'reglens.trainAll': trainAll,
    'reglens.stop': () => {
      const stopped = training.stopAll();
      if (stopped === 0) void vscode.window.showInformationMessage('RegLens: nothing is training.');
      return stopped;
    },
    'reglens.tune': tune,
    'reglens.comparePenalties': compare,
    'reglens.applyLambda': apply,
    'reglens.openDashboard': openDashboard,
    'reglens.showRun': showRun,
    'reglens.compareRuns': compareRuns,
    'reglens.deleteRun': deleteRun,
    'reglens.newConfig': () => newConfigCommand(context.extensionUri),
    'reglens.convertLambda': (lambda?: number, from?: PenaltyScale, m?: number) => convertLambdaCommand(log, lambda, from, m),
    'reglens.showObjective': (name?: unknown, config?: unknown) => showObjectiveCommand(runIndex, typeof name === 'string' ? name : undefined, config),
    // For the integration tests: proves that cancel and dispose leave no worker thread behind.
    'reglens._test.liveWorkers': () => training.liveWorkers,
  };
  // An unreadable run or config becomes a message and a log line, not VS Code's generic "command failed".
  const guarded = (id: string, handler: (...args: unknown[]) => unknown) => async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      log.error(`${id}: ${(error as Error).stack ?? String(error)}`);
      void vscode.window.showErrorMessage(`RegLens: ${(error as Error).message ?? String(error)}`);
      return undefined;
    }
  };
  return Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, guarded(id, handler as (...args: unknown[]) => unknown)));
}
