/** Wires the dashboard panel and the sidebar view (src/extension/views/) to training, the run store and the config files. */
import * as vscode from 'vscode';
import { dirname } from 'node:path';
import type { DataSpec } from '../core/data/spec';
import type { RunRecord, TuningRecord } from '../core/runRecord';
import { lambdaEquivalents } from '../core/objective';
import type { Task } from '../core/spec';
import { penaltyLabel, type ExperimentItem, type RunListItem, type ShownRun } from '../protocol/webview';
import { RunStore, type RunListing } from '../io/runStore';
import type { RunViews } from './commands';
import { configGlob, readAllExperiments } from './configFiles';
import { appliedLambda } from './lambdaLens';
import { allRuns } from './pickers';
import { storeOf, type RunIndex } from './runIndex';
import type { TrainTarget, Training } from './training';
import { DashboardPanel } from './views/dashboardPanel';
import { SidebarProvider } from './views/sidebarProvider';

export interface ViewsContext {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  runIndex: RunIndex;
  training: Training;
}

const liveId = (jobId: number) => `live-${jobId}`;

/** The task, as far as the spec tells before the data is loaded (a CSV's is known only then). */
function likelyTask(data: DataSpec): Task {
  if (data.kind === 'csv') return data.task === 'regression' ? 'regression' : 'multiclass';
  if (data.dataset === 'diabetes' || data.dataset === 'polynomial') return 'regression';
  if (data.dataset === 'breast_cancer' || ['moons', 'circles', 'xor'].includes(data.dataset)) return 'binary';
  return data.kind === 'synthetic' && data.classes === 2 ? 'binary' : 'multiclass';
}

const bundledRows = { digits: 1797, breast_cancer: 569, iris: 150, wine: 178, diabetes: 442 };

/** The training rows m, estimated before the data is loaded (a CSV's row count is unknown until then: 0). */
function likelyTrainingRows(data: DataSpec): number {
  const rows = data.kind === 'csv' ? 0 : data.kind === 'bundled' ? bundledRows[data.dataset] : data.samples;
  return Math.round(rows * (1 - data.validation));
}

/** A run being trained: the worker names it and writes its objective text when it saves it, so until then these stand in. */
function liveRun(jobId: number, { experiment }: TrainTarget): ShownRun {
  const task = likelyTask(experiment.data);
  const m = likelyTrainingRows(experiment.data);
  const source = experiment.data.kind === 'csv' ? experiment.data.csv : experiment.data.dataset;
  return {
    format: 'reglens-run/1',
    id: liveId(jobId),
    experiment: experiment.name,
    createdAt: new Date().toISOString(),
    reglensVersion: '',
    config: experiment.config ?? null,
    spec: experiment.spec,
    seed: experiment.spec.training.seed,
    objective: `${penaltyLabel(experiment.spec.regularization)}, m ≈ ${m} (the exact objective appears when the run is saved)`,
    lambdaEquivalents: lambdaEquivalents(experiment.spec.regularization, Math.max(m, 1)),
    dataset: { source, task, features: 0, classes: 0, trainRows: m, validationRows: 0, featureNames: [], classNames: [] },
    metric: task === 'regression' ? 'r2' : 'accuracy',
    epochs: [],
    summary: null,
  };
}

function listItem(run: RunListing): RunListItem {
  const final = run.summary.final;
  return {
    id: run.id,
    label: penaltyLabel(run.regularization),
    createdAt: run.createdAt,
    status: run.summary.stopReason,
    epochs: final?.epoch ?? 0,
    bestEpoch: run.summary.bestEpoch,
    metric: run.metric,
    valLoss: final?.valLoss ?? null,
    valMetric: final?.valMetric ?? null,
  };
}

class Views implements RunViews, vscode.Disposable {
  private readonly sidebar: SidebarProvider;
  private readonly live = new Map<number, ShownRun>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: ViewsContext) {
    const { training, runIndex, log } = context;
    this.sidebar = new SidebarProvider(context.extensionUri, {
      onTrain: (experiment) => void vscode.commands.executeCommand('reglens.train', experiment),
      onTune: (experiment) => void vscode.commands.executeCommand('reglens.tune', experiment),
      onStop: () => void vscode.commands.executeCommand('reglens.stop'),
      onOpenDashboard: (runIds) => void this.showRunIds(runIds),
      log: (message) => log.warn(message),
    });
    const configs = vscode.workspace.createFileSystemWatcher(configGlob);
    const refresh = () => void this.refreshExperiments();
    this.disposables.push(
      this.sidebar,
      vscode.window.registerWebviewViewProvider(SidebarProvider.viewType, this.sidebar),
      vscode.window.registerWebviewPanelSerializer(DashboardPanel.viewType, {
        deserializeWebviewPanel: (panel, state) => this.restoreDashboard(panel, state),
      }),
      configs,
      configs.onDidCreate(refresh),
      configs.onDidChange(refresh),
      configs.onDidDelete(refresh),
      runIndex.onDidChange(refresh),
      training.onDidStart(({ jobId, target }) => this.started(jobId, target)),
      training.onDidReportEpoch(({ jobId, report }) => {
        const id = liveId(jobId);
        this.live.get(jobId)?.epochs.push(report);
        this.sidebar.appendEpoch(id, report);
        DashboardPanel.open?.appendEpoch(id, report);
      }),
      training.onDidChangeStatus((text) => this.sidebar.setStatus(text !== null, text ? `Training ${text}` : 'Idle.')),
      training.onDidFinish(({ jobId, target, outcome }) => void this.finished(jobId, target, outcome.kind === 'error' ? null : outcome.runId)),
    );
    refresh();
  }

  showRuns(runs: ShownRun[]): void {
    DashboardPanel.show(this.context.extensionUri, runs, { log: (message) => this.context.log.warn(message) });
  }

  /** The tuning's curves; its Apply buttons write λ (rounded as the lenses do) into `configUri` and show the file. */
  showTuning(record: TuningRecord, configUri: vscode.Uri): void {
    DashboardPanel.showTuning(this.context.extensionUri, record, {
      log: (message) => this.context.log.warn(message),
      onApplyLambda: (experiment, lambda) => void this.applyFromView(experiment, configUri, appliedLambda(lambda)),
    });
  }

  /** Shows the experiment's run in training, if there is one. */
  showLive(experiment: string): boolean {
    const run = [...this.live.values()].find((r) => r.experiment === experiment);
    if (run) this.showRuns([run]);
    return run !== undefined;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private started(jobId: number, target: TrainTarget): void {
    const run = liveRun(jobId, target);
    this.live.set(jobId, run);
    this.sidebar.setLiveRun(run);
  }

  /** The saved record takes the live run's place wherever it is shown. */
  private async finished(jobId: number, target: TrainTarget, runId: string | null): Promise<void> {
    const live = this.live.get(jobId);
    this.live.delete(jobId);
    let record: RunRecord | null = null;
    try {
      record = runId ? await new RunStore(dirname(target.configUri.fsPath)).load(target.experiment.name, runId) : null;
    } catch (error) {
      this.context.log.warn(`could not read the saved run ${runId}: ${(error as Error).message}`);
    }
    const dashboard = DashboardPanel.open;
    if (dashboard && live && dashboard.runIds.includes(live.id)) {
      // The dashboard keeps its own copies; the record (or the stopped live run) replaces the live one.
      dashboard.setRuns([record ?? live]);
    }
    this.sidebar.setLiveRun(record);
  }

  private async applyFromView(experiment: string, configUri: vscode.Uri, lambda: number): Promise<void> {
    const applied = await vscode.commands.executeCommand<boolean | undefined>('reglens.applyLambda', experiment, configUri, lambda);
    if (applied) await vscode.window.showTextDocument(configUri, { preview: false, viewColumn: vscode.ViewColumn.One });
  }

  private async showRunIds(runIds: string[]): Promise<void> {
    const records = await this.savedRuns(runIds);
    const live = [...this.live.values()].filter((run) => runIds.includes(run.id));
    if (records.length + live.length > 0) this.showRuns([...records, ...live]);
  }

  private async savedRuns(runIds: string[]): Promise<RunRecord[]> {
    const runs = (await allRuns(this.context.runIndex)).filter((run) => runIds.includes(run.id));
    return Promise.all(runs.map((run) => storeOf(run).load(run.experiment, run.id)));
  }

  /**
   * After a window reload VS Code hands back the dashboard with the state its page saved: the runs
   * are read again from the store (a run deleted meanwhile is gone), a tuning from its saved record.
   */
  private async restoreDashboard(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const log = (message: string) => this.context.log.warn(message);
    DashboardPanel.revive(panel, this.context.extensionUri, await this.savedRuns(DashboardPanel.runIdsOf(state)), { log });
    const tuning = DashboardPanel.tuningOf(state);
    const config = tuning && (await readAllExperiments()).find((c) => c.experiments.some((e) => e.name === tuning.experiment));
    if (tuning && config) this.showTuning(tuning, config.uri);
  }

  private async refreshExperiments(): Promise<void> {
    const [configs, runs] = await Promise.all([readAllExperiments(), allRuns(this.context.runIndex)]);
    const names = [...new Set(configs.flatMap((config) => config.experiments.map((experiment) => experiment.name)))];
    const experiments: ExperimentItem[] = names.map((name) => ({ name, runs: runs.filter((run) => run.experiment === name).map(listItem) }));
    this.sidebar.setExperiments(experiments);
  }
}

export function createViews(context: ViewsContext): RunViews & vscode.Disposable {
  return new Views(context);
}
