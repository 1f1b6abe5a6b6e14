/** The activity-bar view `reglens.sidebar`: experiments, their runs, training logs, checkpoints and the live run, with Train / Tune / Stop. */
import * as vscode from 'vscode';
import { Disposer } from '../../disposer';
import type { CheckpointAction, CheckpointList, ConfigProblem, EpochReport, ExperimentItem, LogListItem, ShownRun, ToWebview } from '../../../protocol/webview';
import { EpochBatcher } from './epochBatcher';
import { onValidMessage, pageHtml, webviewOptions } from './webviewPage';

export interface SidebarHandlers {
  onTrain(experiment: string, config: string): void;
  onTune(experiment: string, config: string): void;
  onStop(): void;
  /** One run id to open it, several to compare them. */
  onOpenDashboard(runIds: string[]): void;
  onOpenTuning(experiment: string, config: string, id: string): void;
  /** A log path the sidebar listed (checked against the list before it gets here). */
  onOpenLog(path: string): void;
  /** An action on a checkpoint entry the sidebar listed with that action (checked before it gets here). */
  onCheckpointAction(action: CheckpointAction, id: string): void;
  /** A saved comparison of regularizers, with all its runs. */
  onOpenComparison(experiment: string, config: string, id: string): void;
  /** Malformed messages and errors inside the view (e.g. the output channel's warn). */
  log?(message: string): void;
}

export class SidebarProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewType = 'reglens.sidebar';

  private view: vscode.WebviewView | undefined;
  private experiments: ExperimentItem[] = [];
  private problems: ConfigProblem[] = [];
  private logs: LogListItem[] = [];
  private checkpoints: CheckpointList = { items: [], more: 0, restricted: false };
  private liveRun: ShownRun | null = null;
  private status = { running: false, text: 'Idle.' };
  private readonly batcher = new EpochBatcher((runId, epochs) => this.post({ type: 'epochs', runId, epochs }));
  /** Listeners of the current view; VS Code disposes a hidden view and resolves it again later. */
  private readonly viewSubscriptions = new Disposer();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly handlers: SidebarHandlers,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    view.webview.html = pageHtml(view.webview, this.extensionUri, 'sidebar', 'RegLens');
    this.viewSubscriptions.push(
      onValidMessage(view.webview, (message) => {
        switch (message.type) {
          case 'ready':
            return this.sendAll();
          case 'train':
            return this.handlers.onTrain(message.experiment, message.config);
          case 'tune':
            return this.handlers.onTune(message.experiment, message.config);
          case 'stop':
            return this.handlers.onStop();
          case 'openDashboard':
            return this.handlers.onOpenDashboard(message.runIds);
          case 'openTuning':
            return this.handlers.onOpenTuning(message.experiment, message.config, message.id);
          case 'openLog':
            // The page is untrusted: it may open only a log it was sent.
            if (this.logs.some((log) => log.path === message.path)) return this.handlers.onOpenLog(message.path);
            return this.log(`The sidebar asked for a log it did not list: ${message.path}`);
          case 'checkpointAction':
            // Only an entry it was sent, and only an action it was offered.
            if (this.checkpoints.items.some((item) => item.id === message.id && item.actions.includes(message.action))) return this.handlers.onCheckpointAction(message.action, message.id);
            return this.log(`The sidebar asked to ${message.action} a checkpoint entry it did not list so: ${message.id}`);
          case 'openComparison':
            return this.handlers.onOpenComparison(message.experiment, message.config, message.id);
          default:
            return this.log(`The sidebar does not handle "${message.type}" messages.`);
        }
      }, (text) => this.log(text)),
      view.onDidDispose(() => this.forgetView()),
    );
  }

  setExperiments(experiments: ExperimentItem[], problems: ConfigProblem[]): void {
    this.experiments = experiments;
    this.problems = problems;
    this.post({ type: 'experiments', experiments, problems, restricted: !vscode.workspace.isTrusted });
  }

  setLogs(logs: LogListItem[]): void {
    this.logs = logs;
    this.post({ type: 'logs', logs });
  }

  setCheckpoints(list: CheckpointList): void {
    this.checkpoints = list;
    this.post({ type: 'checkpoints', list });
  }

  /** Whether a job runs (enables Stop) and what it is doing, e.g. "Training digits-l2: epoch 12 of 60". */
  setStatus(running: boolean, text: string): void {
    this.status = { running, text };
    this.post({ type: 'status', running, text });
  }

  /** The run to chart live (summary null while it trains), or null to clear the charts. */
  setLiveRun(run: ShownRun | null): void {
    this.batcher.flush();
    this.liveRun = run && { ...run, epochs: [...run.epochs] };
    this.post({ type: 'runs', runs: this.liveRun ? [this.liveRun] : [] });
  }

  appendEpoch(runId: string, report: EpochReport): void {
    if (this.liveRun?.id !== runId) return;
    this.liveRun.epochs.push(report);
    this.batcher.push(runId, report);
  }

  /** The live run ended: `run` (saved, or kept when stopped) takes its place. */
  finishRun(runId: string, run: ShownRun): void {
    if (this.liveRun?.id !== runId) return;
    this.batcher.flush();
    this.liveRun = { ...run, epochs: [...run.epochs] };
    this.post({ type: 'runFinished', runId, run });
  }

  dispose(): void {
    this.batcher.dispose();
    this.forgetView();
  }

  private forgetView(): void {
    this.view = undefined;
    this.viewSubscriptions.dispose();
  }

  /** A (re)loaded page starts from its saved state; this brings it up to date. */
  private sendAll(): void {
    this.batcher.flush();
    this.post({ type: 'experiments', experiments: this.experiments, problems: this.problems, restricted: !vscode.workspace.isTrusted });
    this.post({ type: 'logs', logs: this.logs });
    this.post({ type: 'checkpoints', list: this.checkpoints });
    this.post({ type: 'status', ...this.status });
    this.post({ type: 'runs', runs: this.liveRun ? [this.liveRun] : [] });
  }

  private post(message: ToWebview): void {
    void this.view?.webview.postMessage(message);
  }

  private log(message: string): void {
    this.handlers.log?.(message);
  }
}
