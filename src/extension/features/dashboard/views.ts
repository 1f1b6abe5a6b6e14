/**
 * The views' side of runs: the live run as its worker started it (real row counts and objective),
 * its epochs as they come, and its finished record in its place (runFinished), in the sidebar and
 * the dashboard alike.
 */
import * as vscode from 'vscode';
import { extendGrid } from '../../../core';
import type { GridEnd } from '../../../protocol/gridEnds';
import type { CheckpointSeries, ComparisonHeader, ExternalRun, ShownRun, TuningRecord } from '../../../protocol/webview';
import type { RunOutcome } from '../../../worker/keptRun';
import type { RegLensContext, RunViews } from '../../context';
import { Disposer } from '../../disposer';
import { runCommand } from '../../registry';
import type { ConfigFile } from '../../workspace/configFile';
import { appliedLambda, tunesSamePenalty } from '../config/lambdaLens';
import { DashboardPanel } from './dashboardPanel';
import type { SidebarProvider } from './sidebarProvider';

type Live = { file: ConfigFile; run: ShownRun };

export class Views implements RunViews, vscode.Disposable {
  /** Runs in training, by job id. */
  private readonly live = new Map<number, Live>();
  private readonly subscriptions = new Disposer();
  /** Follows the config of the tuning on show. */
  private readonly externalShown = this.subscriptions.add(new vscode.EventEmitter<ExternalRun[]>());
  readonly onDidShowExternalRuns = this.externalShown.event;
  private readonly seriesShown = this.subscriptions.add(new vscode.EventEmitter<CheckpointSeries[]>());
  readonly onDidShowCheckpointSeries = this.seriesShown.event;

  constructor(
    private readonly context: Omit<RegLensContext, 'views'>,
    private readonly sidebar: SidebarProvider,
  ) {
    const { jobs } = context;
    this.subscriptions.push(
      jobs.onDidStart(({ jobId, target, run }) => {
        const live = { ...run, epochs: [], summary: null };
        this.live.set(jobId, { file: target.file, run: live });
        this.sidebar.setLiveRun(live);
      }),
      jobs.onDidReportEpoch(({ jobId, report }) => {
        const live = this.live.get(jobId);
        if (!live) return;
        live.run.epochs.push(report);
        this.sidebar.appendEpoch(live.run.id, report);
        DashboardPanel.open?.appendEpoch(live.run.id, report);
      }),
      jobs.onDidTakePicture(({ jobId, snapshot, points }) => {
        const live = this.live.get(jobId);
        if (!live) return;
        live.run.pictures = { points, snapshots: [...(live.run.pictures?.snapshots ?? []), snapshot] };
        DashboardPanel.open?.appendPicture(live.run.id, snapshot, points);
      }),
      jobs.running.onDidChange((text) => this.sidebar.setStatus(text !== null, text ? `Training ${text}` : 'Idle.')),
      jobs.onDidFinish(({ jobId, outcome }) => this.finished(jobId, outcome)),
    );
  }

  showRuns(runs: ShownRun[]): void {
    DashboardPanel.show(this.context.extensionUri, runs, { log: (message) => this.context.log.warn(message) });
  }

  showComparison(runs: ShownRun[], header: ComparisonHeader): void {
    DashboardPanel.showComparison(this.context.extensionUri, runs, header, { log: (message) => this.context.log.warn(message) });
  }

  /** The tuning's curves; its Apply buttons write λ (rounded as the lenses do) into `file` and show it. */
  showTuning(record: TuningRecord, file: ConfigFile, restored?: vscode.WebviewPanel): void {
    const options = {
      log: (message: string) => this.context.log.warn(message),
      onApplyLambda: (experiment: string, lambda: number) => void this.applyFromView(experiment, file, appliedLambda(lambda)),
      onExtendGrid: (tuned: TuningRecord, end: GridEnd) => void runCommand('tune', tuned.experiment, file.uri, extendGrid(tuned.result.curve.map((point) => point.lambda), end)),
    };
    const panel = DashboardPanel.showTuning(this.context.extensionUri, record, options, restored);
    this.followConfigLambda(panel, record, file);
  }

  /** Tells a tuning page the config's λ now and after every edit, so its Apply buttons and the λ lens agree on what is current. */
  private followConfigLambda(panel: DashboardPanel, record: TuningRecord, file: ConfigFile): void {
    const send = async () => {
      const regularization = (await file.read()).experiments.find((e) => e.name === record.experiment)?.spec.regularization;
      const comparable = regularization && tunesSamePenalty(record.spec.regularization, regularization);
      panel.setConfigLambda(record.experiment, comparable ? regularization.lambda : null);
    };
    void send();
    const watch = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.toString() === file.uri.toString()) void send();
    });
    panel.onDidDispose(() => watch.dispose());
  }

  showExternalRuns(runs: ExternalRun[], scalars: string[], series: CheckpointSeries[]): DashboardPanel {
    const dashboard = DashboardPanel.open ?? DashboardPanel.show(this.context.extensionUri, [], { log: (message) => this.context.log.warn(message) });
    dashboard.setExternalRuns(runs, scalars, series);
    this.externalShown.fire(runs);
    this.seriesShown.fire(series);
    return dashboard;
  }

  showLive(file: ConfigFile, experiment: string): boolean {
    const live = [...this.live.values()].find((l) => l.file === file && l.run.experiment === experiment);
    if (live) this.showRuns([live.run]);
    return live !== undefined;
  }

  /** Runs in training with these ids. */
  liveRuns(runIds: readonly string[]): ShownRun[] {
    return [...this.live.values()].map((l) => l.run).filter((run) => runIds.includes(run.id));
  }

  dispose(): void {
    this.subscriptions.dispose();
  }

  /** The finished record (saved by the worker, or kept by the host when the worker was lost) replaces the live run. */
  private finished(jobId: number, outcome: RunOutcome): void {
    const live = this.live.get(jobId);
    this.live.delete(jobId);
    if (!live) return;
    const record = outcome.kind === 'cancelled' ? null : outcome.record;
    const shown: ShownRun = record ?? { ...live.run, summary: null };
    this.sidebar.finishRun(live.run.id, shown);
    DashboardPanel.open?.finishRun(live.run.id, shown);
  }

  private async applyFromView(experiment: string, file: ConfigFile, lambda: number): Promise<void> {
    const applied = await runCommand('applyLambda', experiment, file.uri, lambda);
    if (applied === true) await vscode.window.showTextDocument(file.uri, { preview: false, viewColumn: vscode.ViewColumn.One });
  }
}
