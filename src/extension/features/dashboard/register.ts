/** The dashboard panel (restored after a reload), the sidebar view and Open Dashboard. */
import * as vscode from 'vscode';
import { isAbsolute, relative } from 'node:path';
import type { Problem } from '../../../config';
import { checkShownRuns, checkTuningRecord, type LogListItem, type ShownRun, type TuningRecord } from '../../../protocol/webview';
import type { Feature, RegLensContext } from '../../context';
import { Disposer } from '../../disposer';
import { registerCommand, runCommand } from '../../registry';
import { untrusted } from '../../text';
import type { ConfigFile } from '../../workspace/configFile';
import { LogIndex } from '../../workspace/logIndex';
import { allRuns, findOrPickTuning, loadRuns, pickExperiment } from '../../workspace/pickers';
import { DashboardPanel } from './dashboardPanel';
import { experimentItems, type ListedConfig } from './sidebarList';
import { SidebarProvider } from './sidebarProvider';
import { Views } from './views';

/** The sidebar and the views' wiring to the jobs, made before the features (they show runs through it). */
export function createViews(context: Omit<RegLensContext, 'views'>): { views: Views; disposable: vscode.Disposable } {
  const disposer = new Disposer();
  const sidebar = disposer.add(
    new SidebarProvider(context.extensionUri, {
      onTrain: (experiment, config) => void runCommand('train', experiment, config),
      onTune: (experiment, config) => void runCommand('tune', experiment, config),
      onStop: () => void runCommand('stop'),
      onOpenDashboard: (runIds) => void showRunIds({ ...context, views }, runIds),
      onOpenTuning: (experiment, config, id) => void showTuningId({ ...context, views }, experiment, config, id),
      onOpenLog: (path) => void runCommand('openTrainingLog', vscode.Uri.file(path)),
      log: (message) => context.log.warn(message),
    }),
  );
  const views = disposer.add(new Views(context, sidebar));
  disposer.add(vscode.window.registerWebviewViewProvider(SidebarProvider.viewType, sidebar));
  const refresh = () => void refreshExperiments({ ...context, views }, sidebar).catch((error: unknown) => context.log.warn(`sidebar: ${(error as Error).message}`));
  disposer.push(context.configs.onDidChange(refresh), context.runIndex.onDidChange(refresh), context.tunings.onDidChange(refresh), vscode.workspace.onDidGrantWorkspaceTrust(refresh));
  refresh();
  const logs = disposer.add(new LogIndex());
  const refreshLogs = () => void listLogs(logs).then((items) => sidebar.setLogs(items), (error: unknown) => context.log.warn(`sidebar logs: ${(error as Error).message}`));
  disposer.push(logs.onDidChange(refreshLogs), vscode.workspace.onDidGrantWorkspaceTrust(refreshLogs));
  refreshLogs();
  return { views, disposable: disposer };
}

/** What each config file says about its experiments, and what its store holds (runs and tunings, whatever the config's state). */
async function listConfig(context: RegLensContext, file: ConfigFile): Promise<ListedConfig> {
  const [content, runs] = await Promise.all([file.read(), context.runIndex.runs(file)]);
  const where = (problem: Problem) => `line ${problem.range.start.line + 1}: ${problem.message}`;
  const named = new Map(content.locations.map((location) => [location.index, location.name]));
  for (const { index, name } of content.broken) named.set(index, name);
  const experiments = [...named].sort(([a], [b]) => a - b).map(([index, name]) => {
    const broken = content.broken.find((b) => b.index === index);
    return { name, problem: broken ? where(broken.problem) : null };
  });
  const names = [...new Set([...experiments.map((e) => e.name), ...runs.map((run) => run.experiment)])];
  const tunings = (await Promise.all(names.map((name) => context.tunings.list(file, name)))).flat();
  return { label: file.label, store: file.folder, experiments, problems: content.errors, runs, tunings };
}

async function refreshExperiments(context: RegLensContext, sidebar: SidebarProvider): Promise<void> {
  const listed = await Promise.all((await context.configs.all()).map((file) => listConfig(context, file)));
  const { experiments, problems } = experimentItems(listed);
  sidebar.setExperiments(experiments, problems);
}

/** Logs are listed only where they may be opened: in a trusted workspace. */
async function listLogs(logs: LogIndex): Promise<LogListItem[]> {
  if (!vscode.workspace.isTrusted) return [];
  return (await logs.logs()).map((uri) => ({ path: uri.fsPath, label: vscode.workspace.asRelativePath(uri) }));
}

async function showTuningId(context: RegLensContext, experiment: unknown, config: unknown, id: unknown): Promise<void> {
  const stored = await findOrPickTuning(context, experiment, id, config);
  if (stored) context.views.showTuning(stored.record, stored.file);
}

async function savedRuns(context: RegLensContext, runIds: readonly string[]): Promise<ShownRun[]> {
  return loadRuns((await allRuns(context)).filter(({ run }) => runIds.includes(run.id)));
}

async function showRunIds(context: RegLensContext & { views: Views }, runIds: string[]): Promise<void> {
  const runs = [...(await savedRuns(context, runIds)), ...context.views.liveRuns(runIds)];
  if (runs.length > 0) context.views.showRuns(runs);
}

/**
 * After a window reload VS Code hands back each dashboard panel with the state its page saved: a
 * tuning panel gets its saved record again, the runs panel its runs read again from the store (a
 * run deleted meanwhile is gone) and its training logs opened again.
 */
async function restoreDashboard(context: RegLensContext, panel: vscode.WebviewPanel, state: unknown): Promise<void> {
  const log = (message: string) => context.log.warn(message);
  const field = (name: string) => (typeof state === 'object' && state !== null ? (state as Record<string, unknown>)[name] : undefined);
  const checked = field('tuning') ? checkTuningRecord(field('tuning'), 'tuning') : null;
  const tuning: TuningRecord | null = checked?.ok ? checked.value : null;
  if (tuning) {
    for (const file of await context.configs.all()) {
      if ((await context.tunings.list(file, tuning.experiment)).some((t) => t.id === tuning.id)) return context.views.showTuning(tuning, file, panel);
    }
    log(`The restored tuning ${tuning.id} of ${tuning.experiment} is no longer stored.`);
  }
  const runIds = (checkShownRuns(field('runs') ?? []) ?? []).map((run) => run.id);
  DashboardPanel.revive(panel, context.extensionUri, await savedRuns(context, runIds), { log });
  for (const uri of await restoredLogs(field('logs'))) await runCommand('openTrainingLog', uri);
}

/** The logs a restored page names (untrusted state): only files or folders inside the workspace that still exist, in a trusted workspace. */
async function restoredLogs(value: unknown): Promise<vscode.Uri[]> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!vscode.workspace.isTrusted || !Array.isArray(value)) return [];
  const uris: vscode.Uri[] = [];
  for (const source of value.filter((v): v is string => typeof v === 'string').slice(0, 50)) {
    const candidates = isAbsolute(source) ? [vscode.Uri.file(source)] : folders.map((folder) => vscode.Uri.joinPath(folder.uri, source));
    for (const uri of candidates) {
      const inside = folders.some((folder) => !relative(folder.uri.fsPath, uri.fsPath).startsWith('..') && !isAbsolute(relative(folder.uri.fsPath, uri.fsPath)));
      if (inside && (await exists(uri))) {
        uris.push(uri);
        break;
      }
    }
  }
  return uris;
}

function exists(uri: vscode.Uri): Thenable<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

export const dashboardFeature: Feature = (context) => {
  const disposer = new Disposer();
  disposer.add(
    vscode.window.registerWebviewPanelSerializer(DashboardPanel.viewType, { deserializeWebviewPanel: (panel, state) => restoreDashboard(context, panel, state) }),
  );
  disposer.add(registerCommand('showTuning', (experiment, id, config) => showTuningId(context, experiment, config, id), context.log));
  disposer.add(
    registerCommand('openDashboard', async (name, config) => {
      const target = await pickExperiment(context, name, config, 'Dashboard of which experiment?');
      if (!target || context.views.showLive(target.file, target.experiment.name)) return;
      const latest = (await context.runIndex.runs(target.file)).find((run) => run.experiment === target.experiment.name);
      if (!latest) {
        void vscode.window.showInformationMessage(`RegLens: ${untrusted(target.experiment.name)} has no stored run yet. Train it to fill the dashboard.`);
        return;
      }
      context.views.showRuns([await target.file.runs.load(latest.experiment, latest.id)]);
    }, context.log),
  );
  return disposer;
};
