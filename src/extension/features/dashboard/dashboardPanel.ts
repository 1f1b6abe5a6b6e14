/**
 * The dashboard panels: one shared panel for runs (one run, or several compared), reused by every
 * `show`, and panels of their own: one per λ tuning, so that showing a run never replaces a tuning
 * and any number of tunings stay open side by side, and one per key given to `show` (a stored
 * comparison, say). Showing a tuning or a key again reveals its panel.
 * No retainContextWhenHidden: the page saves its state (getState/setState) and asks for the runs
 * again with `ready` when shown, which costs less memory than keeping a hidden page alive.
 */
import { picksAtGridEnd, type GridEnd } from '../../../protocol/gridEnds';
import * as vscode from 'vscode';
import { runLabel } from '../../../protocol/runLabel';
import type { CheckpointSeries, ComparisonHeader, EpochReport, ExternalRun, FromWebview, PictureSnapshot, PlanePoints, ShownRun, ToWebview, TuningRecord } from '../../../protocol/webview';
import { Disposer } from '../../disposer';
import { untrusted } from '../../text';
import { EpochBatcher } from './epochBatcher';
import { saveExportAndTell } from './saveExport';
import { onValidMessage, pageHtml, webviewOptions } from './webviewPage';

export interface DashboardOptions {
  /** Malformed messages, errors inside the view, failed saves. */
  log?(message: string): void;
  column?: vscode.ViewColumn;
  /**
   * Runs shown under a key get a panel of their own (revealed when shown again) instead of the
   * shared panel of runs, e.g. a stored comparison: `comparison:<id>`.
   */
  key?: string;
}

export interface TuningOptions extends DashboardOptions {
  /** The user pressed "Apply λ_1se = …" or "Apply λ_min = …": write λ into the experiment's config. */
  onApplyLambda?(experiment: string, lambda: number, rule: 'min' | '1se'): void;
  /** The user pressed "Extend the grid": tune again with more λ beyond that end. */
  onExtendGrid?(record: TuningRecord, end: GridEnd): void;
}

type ApplyLambda = Extract<FromWebview, { type: 'applyLambda' }>;

function titleOf(runs: readonly ShownRun[], tuning: TuningRecord | null): string {
  if (tuning) return `RegLens: λ tuning of ${untrusted(tuning.experiment)}`;
  if (runs.length === 1) return `RegLens: ${untrusted(runs[0]!.experiment)} (${untrusted(runLabel(runs[0]!.spec))})`;
  return `RegLens: ${runs.length} runs compared`;
}

/** Only the λ_min or λ_1se of the tuning on show may be applied: the page is untrusted, like any input. */
function offers(tuning: TuningRecord | null, { experiment, lambda, rule }: ApplyLambda): boolean {
  const offered = rule === 'min' ? tuning?.result.lambdaMin : tuning?.result.lambda1se;
  return tuning !== null && experiment === tuning.experiment && offered?.lambda === lambda;
}

/** Tuning ids are moments: two experiments' tunings may share one. */
function tuningKey({ experiment, id }: TuningRecord): string {
  return `tuning:${experiment}\n${id}`;
}

export class DashboardPanel implements vscode.Disposable {
  static readonly viewType = 'reglens.dashboard';
  /** The shared panel of runs. */
  private static current: DashboardPanel | undefined;
  /** Panels of their own: tunings (by experiment and id), keyed runs, extra panels of runs restored after a reload. */
  private static readonly own = new Map<string, DashboardPanel>();
  private static restoredCount = 0;
  private key: string | null = null;

  private runs: ShownRun[] = [];
  private external: { runs: ExternalRun[]; scalars: string[]; series: CheckpointSeries[] } = { runs: [], scalars: [], series: [] };
  private tuning: TuningRecord | null = null;
  /** The shown tuning's experiment's λ in the config now (sent again when the page reloads). */
  private configLambda: number | null = null;
  private comparison: ComparisonHeader | null = null;
  private readonly batcher = new EpochBatcher((runId, epochs) => this.post({ type: 'epochs', runId, epochs }));
  private readonly subscriptions = new Disposer();

  /** Shows the runs in the shared panel of runs (or the panel of `options.key`), revealing it, or opens one. */
  static show(extensionUri: vscode.Uri, runs: ShownRun[], options: DashboardOptions = {}): DashboardPanel {
    const open = options.key === undefined ? DashboardPanel.current : DashboardPanel.own.get(options.key);
    if (open) {
      open.setContent(runs, null);
      open.panel.reveal(options.column);
      return open;
    }
    const panel = vscode.window.createWebviewPanel(DashboardPanel.viewType, titleOf(runs, null), options.column ?? vscode.ViewColumn.Active, webviewOptions(extensionUri));
    if (options.key === undefined) return DashboardPanel.revive(panel, extensionUri, runs, options);
    return DashboardPanel.keep(options.key, new DashboardPanel(panel, extensionUri, runs, options));
  }

  /** Shows a comparison of regularizers: its runs, with the header saying which strength each got and why. */
  static showComparison(extensionUri: vscode.Uri, runs: ShownRun[], header: ComparisonHeader, options: DashboardOptions = {}): DashboardPanel {
    const shown = DashboardPanel.show(extensionUri, runs, { key: `comparison:${header.experiment}\n${header.createdAt}`, ...options });
    shown.comparison = header;
    shown.panel.title = `RegLens: regularizers compared on ${untrusted(header.experiment)}`;
    shown.post({ type: 'comparison', header });
    return shown;
  }

  /**
   * Shows a saved tuning (its curves, path and Apply buttons) in its own panel: revealed when open,
   * else opened, or else taking over `restored`, a panel VS Code gave back after a reload.
   */
  static showTuning(extensionUri: vscode.Uri, record: TuningRecord, options: TuningOptions = {}, restored?: vscode.WebviewPanel): DashboardPanel {
    let shown = restored ? undefined : DashboardPanel.own.get(tuningKey(record));
    if (!shown) {
      const panel = restored ?? vscode.window.createWebviewPanel(DashboardPanel.viewType, titleOf([], record), options.column ?? vscode.ViewColumn.Active, webviewOptions(extensionUri));
      shown = DashboardPanel.keep(tuningKey(record), new DashboardPanel(panel, extensionUri, [], options));
    }
    shown.options = { ...shown.options, ...options };
    shown.setContent([], record);
    if (!restored) shown.panel.reveal(options.column);
    return shown;
  }

  /**
   * Takes over a panel of runs VS Code restored after a reload (from a WebviewPanelSerializer). The
   * first becomes the shared panel; more (keyed ones before the reload) stay open as panels of their own.
   */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, runs: ShownRun[], options: DashboardOptions = {}): DashboardPanel {
    const revived = new DashboardPanel(panel, extensionUri, runs, options);
    if (DashboardPanel.current) return DashboardPanel.keep(`restored:${++DashboardPanel.restoredCount}`, revived);
    DashboardPanel.current = revived;
    return revived;
  }

  /** Registers a panel of its own under `key`, closing one that had it. */
  private static keep(key: string, panel: DashboardPanel): DashboardPanel {
    DashboardPanel.own.get(key)?.dispose();
    panel.key = key;
    DashboardPanel.own.set(key, panel);
    return panel;
  }

  /** Fires when the panel is closed (or replaced). */
  get onDidDispose(): vscode.Event<void> {
    return this.panel.onDidDispose;
  }

  /** The open panel of runs, if any (e.g. to stream a live run into it). */
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
        else if (message.type === 'extendTuning') this.extendGrid(message);
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
    this.configLambda = null;
    this.comparison = null;
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

  /** A live run's pictures at one of its picture epochs: a few per run, sent at once. */
  appendPicture(runId: string, snapshot: PictureSnapshot, points: PlanePoints | null): void {
    const run = this.runs.find((r) => r.id === runId);
    if (!run) return;
    run.pictures = { points, snapshots: [...(run.pictures?.snapshots ?? []), snapshot] };
    this.post({ type: 'picture', runId, snapshot, points });
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
    if (this.key !== null && DashboardPanel.own.get(this.key) === this) DashboardPanel.own.delete(this.key);
    this.batcher.dispose();
    this.subscriptions.dispose();
    this.panel.dispose();
  }

  /** The config's λ for the shown tuning's experiment changed (or is first known): its Apply buttons say which is current. */
  setConfigLambda(experiment: string, lambda: number | null): void {
    if (this.tuning?.experiment !== experiment) return;
    this.configLambda = lambda;
    this.post({ type: 'configLambda', experiment, lambda });
  }

  private sendContent(): void {
    if (this.tuning) {
      this.post({ type: 'tuning', record: this.tuning });
      return this.post({ type: 'configLambda', experiment: this.tuning.experiment, lambda: this.configLambda });
    }
    this.batcher.flush();
    this.post({ type: 'runs', runs: this.runs });
    if (this.comparison) this.post({ type: 'comparison', header: this.comparison });
    if (this.external.runs.length > 0 || this.external.series.length > 0) this.postExternal();
  }

  private postExternal(): void {
    const { runs, scalars, series } = this.external;
    this.post({ type: 'externalRuns', runs, scalars });
    this.post({ type: 'checkpointSeries', series });
  }

  /** Only an end where the shown tuning's pick sits may be extended: the page is untrusted. */
  private extendGrid({ experiment, end }: Extract<FromWebview, { type: 'extendTuning' }>): void {
    const tuning = this.tuning;
    if (tuning?.experiment === experiment && picksAtGridEnd(tuning).includes(end)) this.options.onExtendGrid?.(tuning, end);
    else this.log(`The page asked to extend a grid end no pick sits at: ${end}`);
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
