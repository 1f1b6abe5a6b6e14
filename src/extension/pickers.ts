/** Finding what a command acts on: an experiment of the workspace, or stored runs; by argument or by quick pick. */
import * as vscode from 'vscode';
import { dirname } from 'node:path';
import { penaltyLabel } from '../protocol/webview';
import type { RunListing } from '../io/runStore';
import { num } from './format';
import { findConfigFiles, readAllExperiments, readExperiments, type ConfigExperiments } from './configFiles';
import type { RunIndex } from './runIndex';
import type { TrainTarget } from './training';

/** Commands take a Uri from lenses and menus, a string from tests and keybindings. */
export function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string') return value.includes('://') ? vscode.Uri.parse(value) : vscode.Uri.file(value);
  return undefined;
}

function reportErrors(configs: ConfigExperiments[]): boolean {
  const errors = configs.flatMap((config) => config.errors);
  if (errors.length === 0) return false;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problems)` : '';
  void vscode.window.showErrorMessage(`RegLens: fix the config first: ${errors[0]}${more}`, 'Show Problems').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return true;
}

/** All experiments of `configUri` (or of every config file); undefined after telling the user why not. */
export async function experimentTargets(configUri?: vscode.Uri): Promise<TrainTarget[] | undefined> {
  const configs = configUri ? [await readExperiments(configUri)] : await readAllExperiments();
  if (configs.length === 0) {
    void vscode.window.showWarningMessage('RegLens: no reglens.json in this workspace. Run "RegLens: New Config" to start from the example.');
    return undefined;
  }
  if (reportErrors(configs)) return undefined;
  return configs.flatMap(({ uri, experiments }) => experiments.map((experiment) => ({ configUri: uri, experiment })));
}

/** The experiment named `name` (in `configUri` if given), or the one the user picks. */
export async function pickExperiment(name?: string, configUri?: vscode.Uri, title = 'Train which experiment?'): Promise<TrainTarget | undefined> {
  const targets = await experimentTargets(configUri);
  if (!targets) return undefined;
  if (name !== undefined) {
    const found = targets.find((target) => target.experiment.name === name);
    if (!found) void vscode.window.showErrorMessage(`RegLens: no experiment named "${name}" in ${configUri ? vscode.workspace.asRelativePath(configUri) : 'the workspace'}.`);
    return found;
  }
  const picked = await vscode.window.showQuickPick(
    targets.map((target) => ({
      label: target.experiment.name,
      description: vscode.workspace.asRelativePath(target.configUri),
      detail: `${penaltyLabel(target.experiment.spec.regularization)} · ${target.experiment.spec.training.epochs} epochs`,
      target,
    })),
    { title, matchOnDescription: true },
  );
  return picked?.target;
}

/** Every stored run next to the workspace's config files, newest first. */
export async function allRuns(runIndex: RunIndex): Promise<RunListing[]> {
  const roots = [...new Set((await findConfigFiles()).map((uri) => dirname(uri.fsPath)))];
  const runs = (await Promise.all(roots.map((root) => runIndex.runs(root)))).flat();
  return runs.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

function runItem(run: RunListing): vscode.QuickPickItem & { run: RunListing } {
  const final = run.summary.final;
  return {
    label: `${run.experiment} · ${penaltyLabel(run.regularization)}`,
    description: new Date(run.createdAt).toLocaleString(),
    detail: `${run.summary.stopReason} · val loss ${num(final?.valLoss)} · train loss ${num(final?.trainLoss)} · ${vscode.workspace.asRelativePath(run.dir)}`,
    run,
  };
}

export async function pickRuns(runIndex: RunIndex, title: string, many: boolean): Promise<RunListing[]> {
  const runs = await allRuns(runIndex);
  if (runs.length === 0) {
    void vscode.window.showInformationMessage('RegLens: no stored runs yet. Train an experiment first.');
    return [];
  }
  const items = runs.map(runItem);
  if (many) return ((await vscode.window.showQuickPick(items, { title, canPickMany: true })) ?? []).map((item) => item.run);
  const picked = await vscode.window.showQuickPick(items, { title, matchOnDetail: true });
  return picked ? [picked.run] : [];
}
