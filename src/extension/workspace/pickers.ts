/** Finding what a command acts on: an experiment (config file + name) or stored runs; by argument or by quick pick. */
import * as vscode from 'vscode';
import { penaltyLabel } from '../../protocol/labels';
import type { RunListing } from '../../io/runStore';
import type { TuningRecord } from '../../protocol/records';
import type { RegLensContext } from '../context';
import { num } from '../format';
import { untrusted } from '../text';
import type { ConfigFile, TrainTarget } from './configFile';

/** A stored run and the config file whose store holds it. */
export interface StoredRun {
  file: ConfigFile;
  run: RunListing;
}

/** Tells why nothing (or not the experiment asked for) can train, with a way to the Problems panel. */
function reportErrors(errors: string[]): void {
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problems)` : '';
  void vscode.window.showErrorMessage(`RegLens: fix the config first: ${untrusted(errors[0]!)}${more}`, 'Show Problems').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
}

/** An experiment that cannot train, and why ("name: file:line:col message"). */
export interface Blocked {
  file: ConfigFile;
  name: string;
  reason: string;
}

/** The experiments that can train, and those that cannot, of `file` or of every config file. */
export interface Targets {
  targets: TrainTarget[];
  blocked: Blocked[];
}

/**
 * The experiments of `file` (or of every config file): one broken experiment does not keep the
 * others from training. Undefined, after telling the user why, when none can train.
 */
export async function experimentTargets(context: RegLensContext, file?: ConfigFile): Promise<Targets | undefined> {
  const files = file ? [file] : await context.configs.all();
  if (files.length === 0) {
    void vscode.window.showWarningMessage('RegLens: no reglens.json in this workspace. Run "RegLens: New Config" to start from the example.');
    return undefined;
  }
  const contents = await Promise.all(files.map((f) => f.read()));
  const targets = files.flatMap((f, i) => contents[i]!.experiments.map((experiment) => ({ file: f, experiment })));
  const blocked = files.flatMap((f, i) => contents[i]!.broken.map(({ name, problem }) => ({ file: f, name, reason: f.where(problem) })));
  if (targets.length === 0) {
    const errors = [...contents.flatMap((content) => content.errors), ...blocked.map((b) => b.reason)];
    if (errors.length > 0) reportErrors(errors);
    else void vscode.window.showWarningMessage('RegLens: the config has no experiments yet.');
    return undefined;
  }
  return { targets, blocked };
}

/** The experiment named `name` of the config file `config` (any file when not given), or the one the user picks. */
export async function pickExperiment(context: RegLensContext, name: unknown, config: unknown, title = 'Train which experiment?'): Promise<TrainTarget | undefined> {
  const file = await context.configs.named(config);
  if (config !== undefined && !file) {
    void vscode.window.showErrorMessage(`RegLens: ${untrusted(String(config))} is not a RegLens config file.`);
    return undefined;
  }
  const found = await experimentTargets(context, file);
  if (!found) return undefined;
  const { targets, blocked } = found;
  if (typeof name === 'string') {
    const target = targets.find((t) => t.experiment.name === name);
    const broken = blocked.find((b) => b.name === name);
    if (!target && broken) reportErrors([broken.reason]);
    else if (!target) void vscode.window.showErrorMessage(`RegLens: no experiment named "${untrusted(name)}" in ${file ? untrusted(file.label) : 'the workspace'}.`);
    return target;
  }
  const items = [
    ...targets.map((target) => ({
      label: untrusted(target.experiment.name),
      description: untrusted(target.file.label),
      detail: `${untrusted(penaltyLabel(target.experiment.spec.regularization))} · ${target.experiment.spec.training.epochs} epochs`,
      target,
      blocked: undefined,
    })),
    ...blocked.map((b) => ({ label: `$(error) ${untrusted(b.name)}`, description: untrusted(b.file.label), detail: `cannot train: ${untrusted(b.reason)}`, target: undefined, blocked: b })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title, matchOnDescription: true });
  if (picked?.blocked) reportErrors([picked.blocked.reason]);
  return picked?.target;
}

/** Every stored run next to the workspace's config files, newest first (config files sharing a folder share its store). */
export async function allRuns(context: RegLensContext): Promise<StoredRun[]> {
  const byFolder = new Map<string, ConfigFile>();
  for (const file of await context.configs.all()) if (!byFolder.has(file.folder)) byFolder.set(file.folder, file);
  const lists = await Promise.all([...byFolder.values()].map(async (file) => (await context.runIndex.runs(file)).map((run) => ({ file, run }))));
  return lists.flat().sort((a, b) => b.run.createdAt.localeCompare(a.run.createdAt));
}

function runItem(stored: StoredRun): vscode.QuickPickItem & { stored: StoredRun } {
  const { run } = stored;
  const final = run.summary.final;
  return {
    label: untrusted(`${run.experiment} · ${penaltyLabel(run.regularization)}`),
    description: new Date(run.createdAt).toLocaleString(),
    detail: `${run.summary.stopReason} · val loss ${num(final?.valLoss)} · train loss ${num(final?.trainLoss)} · ${untrusted(vscode.workspace.asRelativePath(run.dir))}`,
    stored,
  };
}

export async function pickRuns(context: RegLensContext, title: string, many: boolean): Promise<StoredRun[]> {
  const runs = await allRuns(context);
  if (runs.length === 0) {
    void vscode.window.showInformationMessage('RegLens: no stored runs yet. Train an experiment first.');
    return [];
  }
  const items = runs.map(runItem);
  if (many) return ((await vscode.window.showQuickPick(items, { title, canPickMany: true })) ?? []).map((item) => item.stored);
  const picked = await vscode.window.showQuickPick(items, { title, matchOnDetail: true });
  return picked ? [picked.stored] : [];
}

/** The run found by experiment and id (as lenses and tests pass them), or picked. */
export async function findOrPickRuns(context: RegLensContext, title: string, many: boolean, experiment: unknown, id: unknown): Promise<StoredRun[]> {
  if (typeof id !== 'string') return pickRuns(context, title, many);
  const found = (await allRuns(context)).find(({ run }) => run.id === id && (experiment === undefined || run.experiment === experiment));
  if (!found) void vscode.window.showErrorMessage(`RegLens: no stored run ${untrusted(id)}.`);
  return found ? [found] : [];
}

/** The stored runs with these ids, loaded. */
export async function storedRunsById(context: RegLensContext, runIds: readonly string[]) {
  return loadRuns((await allRuns(context)).filter(({ run }) => runIds.includes(run.id)));
}

export function loadRuns(runs: StoredRun[]) {
  return Promise.all(runs.map(({ file, run }) => file.runs.load(run.experiment, run.id)));
}

/** Training reads the data files the config names: only in a trusted workspace. */
export function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage('RegLens trains only in a trusted workspace, since training reads the data files the config names. Checking the config still works.', 'Manage Workspace Trust').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}

/** A stored tuning and the config file whose store holds it. */
export interface StoredTuning {
  file: ConfigFile;
  record: TuningRecord;
}

/** Every stored tuning of the config files' experiments (and of experiments with stored runs), newest first. */
export async function allTunings(context: RegLensContext): Promise<StoredTuning[]> {
  const lists = await Promise.all(
    (await context.configs.all()).map(async (file) => {
      const names = new Set([...(await file.read()).locations.map((l) => l.name), ...(await context.runIndex.runs(file)).map((run) => run.experiment)]);
      return (await Promise.all([...names].map((name) => context.tunings.list(file, name)))).flat().map((record) => ({ file, record }));
    }),
  );
  const unique = new Map(lists.flat().map((stored) => [`${stored.file.folder}\n${stored.record.experiment}\n${stored.record.id}`, stored]));
  return [...unique.values()].sort((a, b) => b.record.createdAt.localeCompare(a.record.createdAt));
}

/** The tuning found by experiment and id (as the sidebar and tests pass them), or picked. */
export async function findOrPickTuning(context: RegLensContext, experiment: unknown, id: unknown, config: unknown): Promise<StoredTuning | undefined> {
  const file = config === undefined ? undefined : await context.configs.named(config);
  const tunings = (await allTunings(context)).filter((t) => !file || t.file.folder === file.folder);
  if (typeof id === 'string') {
    const found = tunings.find(({ record }) => record.id === id && (experiment === undefined || record.experiment === experiment));
    if (!found) void vscode.window.showErrorMessage(`RegLens: no stored tuning ${untrusted(id)}.`);
    return found;
  }
  if (tunings.length === 0) {
    void vscode.window.showInformationMessage('RegLens: no stored tunings yet. Tune λ of an experiment first.');
    return undefined;
  }
  const items = tunings.map((stored) => {
    const { experiment: name, spec, result, createdAt } = stored.record;
    const picks = result.lambda1se ? `λ_1se ${num(result.lambda1se.lambda)} · λ_min ${num(result.lambdaMin?.lambda)}` : 'no λ finished';
    return { label: untrusted(`${name} · ${penaltyLabel(spec.regularization)}`), description: new Date(createdAt).toLocaleString(), detail: `${picks} · ${result.folds}-fold ${result.strategy} · ${untrusted(stored.file.label)}`, stored };
  });
  return (await vscode.window.showQuickPick(items, { title: 'Show which λ tuning?', matchOnDetail: true }))?.stored;
}
