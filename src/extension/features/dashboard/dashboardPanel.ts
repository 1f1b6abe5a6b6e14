/**
 * The dashboard panel: one run, several compared, or a λ tuning. One panel at a time; `show` and
 * `showTuning` reuse it.
 * No retainContextWhenHidden: the page saves its state (getState/setState) and asks for the runs
 * again with `ready` when shown, which costs less memory than keeping a hidden page alive.
 */
import * as vscode from 'vscode';
import { penaltyLabel } from '../../../protocol/labels';
import type { CheckpointSeries, EpochReport, ExternalRun, FromWebview, ShownRun, ToWebview, TuningRecord } from '../../../protocol/webview';
import { Disposer } from '../../disposer';
import { untrusted } from '../../text';
import { EpochBatcher } from './epochBatcher';
import { saveExportAndTell } from './saveExport';
import { onValidMessage, pageHtml, webviewOptions } from './webviewPage';

export interface DashboardOptions {
  /** Malformed messages, errors inside the view, failed saves. */
  log?(message: string): void;
  column?: vscode.ViewColumn;
}

export interface TuningOptions extends DashboardOptions {
  /** The user pressed "Apply λ_1se = …" or "Apply λ_min = …": write λ into the experiment's config. */
  onApplyLambda?(experiment: string, lambda: number, rule: 'min' | '1se'): void;
}

type ApplyLambda = Extract<FromWebview, { type: 'applyLambda' }>;

function titleOf(runs: readonly ShownRun[], tuning: TuningRecord | null): string {
  if (tuning) return `RegLens: λ tuning of ${untrusted(tuning.experiment)}`;
  if (runs.length === 1) return `RegLens: ${untrusted(runs[0]!.experiment)} (${untrusted(penaltyLabel(runs[0]!.spec.regularization))})`;
  return `RegLens: ${runs.length} runs compared`;
}

/** Only the λ_min or λ_1se of the tuning on show may be applied: the page is untrusted, like any input. */
function offers(tuning: TuningRecord | null, { experiment, lambda, rule }: ApplyLambda): boolean {
  const offered = rule === 'min' ? tuning?.result.lambdaMin : tuning?.result.lambda1se;
  return tuning !== null && experiment === tuning.experiment && offered?.lambda === lambda;
}

export class DashboardPanel implements vscode.Disposable {
  static readonly viewType = 'reglens.dashboard';
  private static current: DashboardPanel | undefined;

  private runs: ShownRun[] = [];
  private external: { runs: ExternalRun[]; scalars: string[]; series: CheckpointSeries[] } = { runs: [], scalars: [], series: [] };
  private tuning: TuningRecord | null = null;
  private readonly batcher = new EpochBatcher((runId, epochs) => this.post({ type: 'epochs', runId, epochs }));
  private readonly subscriptions = new Disposer();

  /** Shows the runs in the open dashboard (revealing it), or opens one. */
  static show(extensionUri: vscode.Uri, runs: ShownRun[], options: DashboardOptions = {}): DashboardPanel {
    const open = DashboardPanel.current;
    if (open) {
      open.setContent(runs, null);
      open.panel.reveal(options.column);
      return open;
    }
    const panel = vscode.window.createWebviewPanel(DashboardPanel.viewType, titleOf(runs, null), options.column ?? vscode.ViewColumn.Active, webviewOptions(extensionUri));
    return DashboardPanel.revive(panel, extensionUri, runs, options);
  }

  /** Shows a saved tuning (its curves, path and Apply buttons) in the open dashboard, or opens one. */
  static showTuning(extensionUri: vscode.Uri, record: TuningRecord, options: TuningOptions = {}): DashboardPanel {
    let shown = DashboardPanel.current;
    if (!shown) {
      const panel = vscode.window.createWebviewPanel(DashboardPanel.viewType, titleOf([], record), options.column ?? vscode.ViewColumn.Active, webviewOptions(extensionUri));
      shown = DashboardPanel.revive(panel, extensionUri, [], options);
    }
    shown.options = { ...shown.options, ...options };
    shown.setContent([], record);
    shown.panel.reveal(options.column);
    return shown;
  }

  /** Takes over a panel VS Code restored after a reload (from a WebviewPanelSerializer). */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, runs: ShownRun[], options: DashboardOptions = {}): DashboardPanel {
    DashboardPanel.current?.dispose();
    DashboardPanel.current = new DashboardPanel(panel, extensionUri, runs, options);
    return DashboardPanel.current;
  }

  /** Fires when the panel is closed (or replaced). */
  get onDidDispose(): vscode.Event<void> {
    return this.panel.onDidDispose;
  }

  /** The open dashboard, if any (e.g. to stream a live run into it). */
  static get open(): DashboardPanel | undefined {
    return DashboardPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    runs: ShownRun[],
    private options: TuningOptions,
  ) {
    this.runs = runs.map((run) => ({ ...run, epochs: [...run.epochs] }));
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = pageHtml(panel.webview, extensionUri, 'dashboard', titleOf(runs, null));
    this.subscriptions.push(
      onValidMessage(panel.webview, (message) => {
        if (message.type === 'ready') this.sendContent();
        else if (message.type === 'saveFile') saveExportAndTell(message, (text) => this.log(text));
        else if (message.type === 'applyLambda') this.applyLambda(message);
        else this.log(`The dashboard does not handle "${message.type}" messages.`);
      }, (text) => this.log(text)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Runs (one, or several compared) or a tuning: what the page shows from now on. */
  private setContent(runs: ShownRun[], tuning: TuningRecord | null): void {
    this.batcher.flush();
    this.runs = runs.map((run) => ({ ...run, epochs: [...run.epochs] }));
    this.tuning = tuning;
    this.panel.title = titleOf(runs, tuning);
    this.sendContent();
  }

  /** Runs read from training logs and checkpoint series, drawn beside the RegLens runs (replacing those shown before). */
  setExternalRuns(runs: ExternalRun[], scalars: string[], series: CheckpointSeries[]): void {
    this.external = { runs, scalars, series };
    if (this.runs.length === 0 && !this.tuning) this.panel.title = runs.length > 0 ? 'RegLens: training logs' : 'RegLens: checkpoints over training';
    this.postExternal();
  }

  /** A live epoch of a shown run; batched to at most ten messages a second. */
  appendEpoch(runId: string, report: EpochReport): void {
    const run = this.runs.find((r) => r.id === runId);
    if (!run) return;
    run.epochs.push(report);
    this.batcher.push(runId, report);
  }

  /** The live run `runId` ended: `run` (saved, or kept when stopped) takes its place. */
  finishRun(runId: string, run: ShownRun): void {
    const index = this.runs.findIndex((r) => r.id === runId);
    if (index < 0) return;
    this.batcher.flush();
    this.runs[index] = { ...run, epochs: [...run.epochs] };
    this.post({ type: 'runFinished', runId, run });
  }

  dispose(): void {
    if (DashboardPanel.current === this) DashboardPanel.current = undefined;
    this.batcher.dispose();
    this.subscriptions.dispose();
    this.panel.dispose();
  }

  private sendContent(): void {
    if (this.tuning) return this.post({ type: 'tuning', record: this.tuning });
    this.batcher.flush();
    this.post({ type: 'runs', runs: this.runs });
    if (this.external.runs.length > 0 || this.external.series.length > 0) this.postExternal();
  }

  private postExternal(): void {
    const { runs, scalars, series } = this.external;
    this.post({ type: 'externalRuns', runs, scalars });
    this.post({ type: 'checkpointSeries', series });
  }

  private applyLambda(message: ApplyLambda): void {
    if (!offers(this.tuning, message)) return this.log(`Ignored applyLambda λ=${message.lambda} (${message.rule}) for "${message.experiment}": not a λ the shown tuning offers.`);
    if (!this.options.onApplyLambda) return this.log('The dashboard cannot apply λ here: no handler was given.');
    this.options.onApplyLambda(message.experiment, message.lambda, message.rule);
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private log(message: string): void {
    this.options.log?.(message);
  }
}
