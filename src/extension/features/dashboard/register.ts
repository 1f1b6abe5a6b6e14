/** The dashboard panels (restored after a reload), the sidebar view, Open Dashboard and Show λ Tuning. */
import * as vscode from 'vscode';
import type { Feature, RegLensContext } from '../../context';
import { Disposer } from '../../disposer';
import { registerCommand, runCommand } from '../../registry';
import { untrusted } from '../../text';
import { findOrPickTuning, pickExperiment, storedRunsById } from '../../workspace/pickers';
import { DashboardPanel } from './dashboardPanel';
import { restoreDashboard } from './restore';
import { checkpointAction } from './sidebarCheckpoints';
import { feedSidebar } from './sidebarFeed';
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
      onCheckpointAction: (action, id) => checkpointAction(context.checkpoints, action, id),
      onOpenComparison: (experiment, config, id) => void runCommand('showComparison', experiment, id, config),
      log: (message) => context.log.warn(message),
    }),
  );
  const views = disposer.add(new Views(context, sidebar));
  disposer.add(vscode.window.registerWebviewViewProvider(SidebarProvider.viewType, sidebar));
  disposer.add(feedSidebar({ ...context, views }, sidebar));
  return { views, disposable: disposer };
}

async function showTuningId(context: RegLensContext, experiment: unknown, config: unknown, id: unknown): Promise<void> {
  const stored = await findOrPickTuning(context, experiment, id, config);
  if (stored) context.views.showTuning(stored.record, stored.file);
}

async function showRunIds(context: RegLensContext & { views: Views }, runIds: string[]): Promise<void> {
  const runs = [...(await storedRunsById(context, runIds)), ...context.views.liveRuns(runIds)];
  if (runs.length > 0) context.views.showRuns(runs);
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
