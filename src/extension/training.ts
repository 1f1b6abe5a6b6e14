/** Starts training jobs on the worker pool and shows them: progress with cancel, the status bar, the log, the outcome. */
import * as vscode from 'vscode';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExperimentSpec } from '../config/toSpec';
import type { Dataset } from '../core/data/dataset';
import type { EpochReport } from '../core/report';
import type { JobDirs } from '../protocol/worker';
import { WorkerPool, type JobOutcome } from '../worker/pool';
import { epochLine, num } from './format';
import type { RunIndex } from './runIndex';
import { throttle } from './throttle';
import type { TuningWorkers } from './tuningDriver';

/** An experiment of a config file, ready to train or tune. */
export interface TrainTarget {
  configUri: vscode.Uri;
  experiment: ExperimentSpec;
}

/** Long work that is not a single pool job (a tuning), as the status bar and Stop see it. */
export interface Activity {
  update(line: string): void;
  end(): void;
}

export interface LiveEpoch {
  jobId: number;
  target: TrainTarget;
  report: EpochReport;
}

export interface FinishedJob {
  jobId: number;
  target: TrainTarget;
  outcome: JobOutcome;
}

/** A worker may use this much heap before it is stopped as out of memory (and the run reported as an error). */
const workerHeapMb = 2048;
const updatesPerSecond = 8;

export class Training implements vscode.Disposable {
  private pool: WorkerPool | undefined;
  /** Runs by pool job id, tunings by "tune-n": what the status bar shows and Stop stops. */
  private readonly running = new Map<number | string, { name: string; line: string; stop?: () => void }>();
  private activities = 0;
  private tuningRows = 0;
  private readonly statusItem = vscode.window.createStatusBarItem('reglens.training', vscode.StatusBarAlignment.Left, 10);
  private readonly statusChanged = new vscode.EventEmitter<string | null>();
  private readonly started = new vscode.EventEmitter<{ jobId: number; target: TrainTarget }>();
  private readonly epochs = new vscode.EventEmitter<LiveEpoch>();
  private readonly finished = new vscode.EventEmitter<FinishedJob>();
  private readonly status = throttle<void>(1000 / updatesPerSecond, () => this.showStatus());
  /** The status line changed (at most a few times a second). */
  readonly onDidChangeStatus = this.statusChanged.event;
  /** A job was queued; its epochs follow. */
  readonly onDidStart = this.started.event;
  /** Every epoch of every job, as it arrives (views batch it themselves). */
  readonly onDidReportEpoch = this.epochs.event;
  readonly onDidFinish = this.finished.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly runIndex: RunIndex,
  ) {
    this.statusItem.name = 'RegLens training';
    this.statusItem.command = 'reglens.stop';
    this.statusItem.tooltip = 'RegLens is training: click to stop';
  }

  /** Worker threads alive right now (0 when nothing trains). */
  get liveWorkers(): number {
    return this.pool?.liveWorkers ?? 0;
  }

  /** Trains and saves one experiment; settles with the outcome once its worker is done. `quiet`: no message when it completes. */
  async train(target: TrainTarget, options: { quiet?: boolean } = {}): Promise<JobOutcome> {
    const { experiment, configUri } = target;
    const dirs = this.dirs(configUri);
    const totalEpochs = experiment.spec.training.epochs;
    this.log.info(`${experiment.name}: queued (${configUri.fsPath})`);
    const job = this.workers().run(experiment, dirs, {
      onEpoch: (report) => {
        const entry = this.running.get(job.id);
        if (entry) entry.line = epochLine(report, totalEpochs);
        this.status.push();
        this.epochs.fire({ jobId: job.id, target, report });
      },
      onLog: (level, message) => this.log[level](message),
    });
    this.running.set(job.id, { name: experiment.name, line: 'waiting for a worker' });
    this.started.fire({ jobId: job.id, target });
    this.runningChanged();

    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `RegLens: ${experiment.name}`, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => job.cancel());
        let shown = 0;
        const report = throttle<EpochReport>(1000 / updatesPerSecond, (epoch) => {
          progress.report({ message: epochLine(epoch, totalEpochs), increment: (100 * (epoch.epoch - shown)) / totalEpochs });
          shown = epoch.epoch;
        });
        const listener = this.epochs.event((live) => live.jobId === job.id && report.push(live.report));
        try {
          return await job.outcome;
        } finally {
          listener.dispose();
          report.cancel();
        }
      },
    );
    this.running.delete(job.id);
    this.runningChanged();
    this.announce(target, outcome, options.quiet === true);
    this.finished.fire({ jobId: job.id, target, outcome });
    return outcome;
  }

  /** Asks every running and queued job (tunings too) to stop; returns how many there were. */
  stopAll(): number {
    const count = this.running.size;
    for (const entry of [...this.running.values()]) entry.stop?.();
    this.pool?.cancelAll();
    return count;
  }

  /** Shows `name` in the status bar until ended; Stop calls `stop`. */
  track(name: string, stop: () => void): Activity {
    const key = `tune-${++this.activities}`;
    this.running.set(key, { name, line: 'starting', stop });
    this.runningChanged();
    return {
      update: (line) => {
        const entry = this.running.get(key);
        if (entry) entry.line = line;
        this.status.push();
      },
      end: () => {
        this.running.delete(key);
        this.runningChanged();
      },
    };
  }

  /**
   * The pool for one tuning: its rows go to each worker once, and idle workers wait for the next
   * stage until released (then they exit, as after a run).
   */
  tuningWorkers(rows: Dataset): TuningWorkers & { release(): Promise<void> } {
    const pool = this.workers();
    const keyed = { key: `tuning-${++this.tuningRows}`, dataset: rows };
    const hold = pool.hold();
    return {
      tune: (job, handlers) => pool.tune(job, keyed, { ...handlers, onLog: (level, message) => this.log[level](message) }),
      release: () => hold.release(),
    };
  }

  /** Where an experiment of this config file finds its files and data, and stores its runs and tunings. */
  dirs(configUri: vscode.Uri): JobDirs {
    const configDir = dirname(configUri.fsPath);
    return { configDir, storeRoot: configDir, mediaDir: join(this.extensionUri.fsPath, 'media') };
  }

  async dispose(): Promise<void> {
    this.status.cancel();
    this.statusItem.dispose();
    this.statusChanged.dispose();
    this.started.dispose();
    this.epochs.dispose();
    this.finished.dispose();
    await this.pool?.dispose();
  }

  /** The pool (and so any worker) is created on the first run: activation loads no training code. */
  private workers(): WorkerPool {
    const script = join(this.extensionUri.fsPath, 'dist', 'worker.js');
    this.pool ??= new WorkerPool({
      spawn: () => new Worker(script, { name: 'reglens-training', resourceLimits: { maxOldGenerationSizeMb: workerHeapMb } }),
    });
    return this.pool;
  }

  /** What is training, e.g. "digits-l2 · epoch 12/60 · train 0.312 · val 0.351 (+1 more)"; null when idle. */
  get statusText(): string | null {
    const jobs = [...this.running.values()];
    if (jobs.length === 0) return null;
    const more = jobs.length > 1 ? ` (+${jobs.length - 1} more)` : '';
    return `${jobs[0]!.name} · ${jobs[0]!.line}${more}`;
  }

  private showStatus(): void {
    const text = this.statusText;
    if (text === null) this.statusItem.hide();
    else {
      this.statusItem.text = `$(sync~spin) ${text}`;
      this.statusItem.show();
    }
    this.statusChanged.fire(text);
  }

  /** Jobs started or ended: the `reglens.training` context key (Stop's `when`) and the status bar follow. */
  private runningChanged(): void {
    void vscode.commands.executeCommand('setContext', 'reglens.training', this.running.size > 0);
    this.status.push();
  }

  private announce({ experiment }: TrainTarget, outcome: JobOutcome, quiet: boolean): void {
    if (outcome.kind === 'error') {
      this.log.error(`${experiment.name}: ${outcome.message}${outcome.stack ? `\n${outcome.stack}` : ''}`);
      void vscode.window.showErrorMessage(`RegLens: ${experiment.name} failed: ${outcome.message}`);
      return;
    }
    if (outcome.runId) this.runIndex.invalidate();
    const final = outcome.summary?.final;
    const result = final ? `: val loss ${num(final.valLoss)}, train loss ${num(final.trainLoss)}` : '';
    const text = outcome.kind === 'cancelled' ? `stopped${outcome.runId ? ', epochs so far saved' : ''}` : (outcome.summary.message || outcome.summary.stopReason);
    this.log.info(`${experiment.name}: ${text}${result}${outcome.runId ? ` (run ${outcome.runId})` : ''}`);
    if (outcome.kind === 'done' && !quiet) {
      void vscode.window.showInformationMessage(`RegLens: ${experiment.name} ${outcome.summary.stopReason}${result}`, 'Open Dashboard').then((choice) => {
        if (choice) void vscode.commands.executeCommand('reglens.openDashboard', experiment.name);
      });
    }
  }
}
