/**
 * The dashboard panel: one run, or several compared. One panel at a time; `show` reuses it.
 * No retainContextWhenHidden: the page saves its state (getState/setState) and asks for the runs
 * again with `ready` when shown, which costs less memory than keeping a hidden page alive.
 */
import * as vscode from 'vscode';
import type { EpochReport } from '../../core/report';
import type { RunSummary } from '../../core/runRecord';
import { parseToWebview, penaltyLabel, type ShownRun, type ToWebview } from '../../protocol/webview';
import { EpochBatcher } from './epochBatcher';
import { saveExportAndTell } from './saveExport';
import { onValidMessage, pageHtml, webviewOptions } from './webviewPage';

export interface DashboardOptions {
  /** Malformed messages, errors inside the view, failed saves. */
  log?(message: string): void;
  column?: vscode.ViewColumn;
}

function titleOf(runs: readonly ShownRun[]): string {
  if (runs.length === 1) return `RegLens: ${runs[0].experiment} (${penaltyLabel(runs[0].spec.regularization)})`;
  return `RegLens: ${runs.length} runs compared`;
}

export class DashboardPanel implements vscode.Disposable {
  static readonly viewType = 'reglens.dashboard';
  private static current: DashboardPanel | undefined;

  private runs: ShownRun[] = [];
  private readonly batcher = new EpochBatcher((runId, epochs) => this.post({ type: 'epochs', runId, epochs }));
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;

  /** Shows the runs in the open dashboard (revealing it), or opens one. */
  static show(extensionUri: vscode.Uri, runs: ShownRun[], options: DashboardOptions = {}): DashboardPanel {
    const open = DashboardPanel.current;
    if (open) {
      open.setRuns(runs);
      open.panel.reveal(options.column);
      return open;
    }
    const panel = vscode.window.createWebviewPanel(DashboardPanel.viewType, titleOf(runs), options.column ?? vscode.ViewColumn.Active, webviewOptions(extensionUri));
    return DashboardPanel.revive(panel, extensionUri, runs, options);
  }

  /** Takes over a panel VS Code restored after a reload (from a WebviewPanelSerializer). */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, runs: ShownRun[], options: DashboardOptions = {}): DashboardPanel {
    DashboardPanel.current?.dispose();
    DashboardPanel.current = new DashboardPanel(panel, extensionUri, runs, options);
    return DashboardPanel.current;
  }

  /** The run ids a restored panel showed, from the state VS Code hands a WebviewPanelSerializer; [] if unreadable. */
  static runIdsOf(state: unknown): string[] {
    const runs = typeof state === 'object' && state !== null ? (state as { runs?: unknown }).runs : undefined;
    const parsed = parseToWebview({ type: 'runs', runs });
    return parsed.ok && parsed.message.type === 'runs' ? parsed.message.runs.map((run) => run.id) : [];
  }

  /** The open dashboard, if any (e.g. to stream a live run into it). */
  static get open(): DashboardPanel | undefined {
    return DashboardPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    runs: ShownRun[],
    private readonly options: DashboardOptions,
  ) {
    this.runs = runs.map((run) => ({ ...run, epochs: [...run.epochs] }));
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = pageHtml(panel.webview, extensionUri, 'dashboard', titleOf(runs));
    this.subscriptions.push(
      onValidMessage(panel.webview, (message) => {
        if (message.type === 'ready') this.sendRuns();
        else if (message.type === 'saveFile') saveExportAndTell(message, (text) => this.log(text));
        else this.log(`The dashboard does not handle "${message.type}" messages.`);
      }, (text) => this.log(text)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  get runIds(): string[] {
    return this.runs.map((run) => run.id);
  }

  setRuns(runs: ShownRun[]): void {
    this.batcher.flush();
    this.runs = runs.map((run) => ({ ...run, epochs: [...run.epochs] }));
    this.panel.title = titleOf(runs);
    this.sendRuns();
  }

  /** A live epoch of a shown run; batched to at most ten messages a second. */
  appendEpoch(runId: string, report: EpochReport): void {
    const run = this.runs.find((r) => r.id === runId);
    if (!run) return;
    run.epochs.push(report);
    this.batcher.push(runId, report);
  }

  finishRun(runId: string, summary: RunSummary): void {
    const run = this.runs.find((r) => r.id === runId);
    if (!run) return;
    this.batcher.flush();
    run.summary = summary;
    this.post({ type: 'runFinished', runId, summary });
  }

  dispose(): void {
    if (DashboardPanel.current === this) DashboardPanel.current = undefined;
    this.batcher.dispose();
    this.subscriptions.splice(0).forEach((s) => s.dispose());
    this.panel.dispose();
    this.disposed.fire();
    this.disposed.dispose();
  }

  private sendRuns(): void {
    this.batcher.flush();
    this.post({ type: 'runs', runs: this.runs });
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private log(message: string): void {
    this.options.log?.(message);
  }
}
