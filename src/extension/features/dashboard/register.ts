/** The dashboard panel (restored after a reload), the sidebar view and Open Dashboard. */
import * as vscode from 'vscode';
import { checkShownRuns, checkTuningRecord, type ShownRun, type TuningRecord } from '../../../protocol/webview';
import type { Feature, RegLensContext } from '../../context';
import { Disposer } from '../../disposer';
import { registerCommand, runCommand } from '../../registry';
import { untrusted } from '../../text';
import { allRuns, loadRuns, pickExperiment } from '../../workspace/pickers';
import { DashboardPanel } from './dashboardPanel';
import { experimentItems } from './sidebarList';
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
      onOpenComparison: (experiment, config, id) => void runCommand('showComparison', experiment, id, config),
      log: (message) => context.log.warn(message),
    }),
  );
  const views = disposer.add(new Views(context, sidebar));
  disposer.add(vscode.window.registerWebviewViewProvider(SidebarProvider.viewType, sidebar));
  const refresh = () => void refreshExperiments({ ...context, views }, sidebar);
  disposer.add(context.configs.onDidChange(refresh));
  disposer.add(context.runIndex.onDidChange(refresh));
  disposer.add(context.comparisons.onDidChange(refresh));
  refresh();
  return { views, disposable: disposer };
}

async function refreshExperiments(context: RegLensContext, sidebar: SidebarProvider): Promise<void> {
  const files = await context.configs.all();
  const listed = await Promise.all(
    files.map(async (file) => ({
      label: file.label,
      experiments: (await file.read()).locations.map((l) => l.name),
      runs: await context.runIndex.runs(file),
      comparisons: await context.comparisons.comparisons(file),
    })),
  );
  sidebar.setExperiments(experimentItems(listed));
}

async function savedRuns(context: RegLensContext, runIds: readonly string[]): Promise<ShownRun[]> {
  return loadRuns((await allRuns(context)).filter(({ run }) => runIds.includes(run.id)));
}

async function showRunIds(context: RegLensContext & { views: Views }, runIds: string[]): Promise<void> {
  const runs = [...(await savedRuns(context, runIds)), ...context.views.liveRuns(runIds)];
  if (runs.length > 0) context.views.showRuns(runs);
}

/**
 * After a window reload VS Code hands back the dashboard with the state its page saved: the runs
 * are read again from the store (a run deleted meanwhile is gone), a tuning from its saved record.
 */
async function restoreDashboard(context: RegLensContext, panel: vscode.WebviewPanel, state: unknown): Promise<void> {
  const log = (message: string) => context.log.warn(message);
  const field = (name: string) => (typeof state === 'object' && state !== null ? (state as Record<string, unknown>)[name] : undefined);
  const runIds = (checkShownRuns(field('runs') ?? []) ?? []).map((run) => run.id);
  DashboardPanel.revive(panel, context.extensionUri, await savedRuns(context, runIds), { log });
  const checked = field('tuning') ? checkTuningRecord(field('tuning'), 'tuning') : null;
  const tuning: TuningRecord | null = checked?.ok ? checked.value : null;
  if (!tuning) return;
  for (const file of await context.configs.all()) {
    if ((await file.read()).experiments.some((e) => e.name === tuning.experiment)) return context.views.showTuning(tuning, file);
  }
}

export const dashboardFeature: Feature = (context) => {
  const disposer = new Disposer();
  disposer.add(
    vscode.window.registerWebviewPanelSerializer(DashboardPanel.viewType, { deserializeWebviewPanel: (panel, state) => restoreDashboard(context, panel, state) }),
  );
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
