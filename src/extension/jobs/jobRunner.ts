/**
 * Runs every job on the worker pool: training runs (their epochs kept, so a run survives its worker)
 * and tunings (rows loaded by the workers, stages driven by the core's driveTuning), with progress,
 * Stop and the status bar.
 */
import * as vscode from 'vscode';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { driveTuning, planTuning, strengths, type DrivenTuning, type PictureSnapshot, type PlanePoints, type TuningProgress, type TuningSettings } from '../../core';
import { tuningRecord, tuningSettings } from '../../io/tuning';
import { penaltyLabel } from '../../protocol/labels';
import type { EpochReport, TuningRecord } from '../../protocol/records';
import type { RunStart } from '../../protocol/worker';
import { trainKeepingEpochs, type RunOutcome } from '../../worker/keptRun';
import { WorkerPool } from '../../worker/pool';
import { epochLine, num } from '../format';
import type { TrainTarget } from '../workspace/configFile';
import { withProgress } from './progress';
import { RunningJobs } from './statusBar';
import { StopSwitch } from './stopSwitch';

/** A worker may use this much heap before it is stopped as out of memory (and the run saved as failed). */
const workerHeapMb = 2048;

export interface JobEvent {
  jobId: number;
  target: TrainTarget;
}

/** A tuning saved (by a worker) with its record, or stopped: a stopped tuning saves nothing. */
export type Tuned = { kind: 'saved'; record: TuningRecord; path: string } | { kind: 'cancelled'; trained: number };
/** A tuning's record, not saved (a comparison keeps it in its own record). */
export type CrossValidated = { kind: 'completed'; record: TuningRecord } | { kind: 'cancelled'; trained: number };

export class JobRunner implements vscode.Disposable {
  private pool: WorkerPool | undefined;
  private tunings = 0;
  readonly running = new RunningJobs();
  private readonly started = new vscode.EventEmitter<JobEvent & { run: RunStart }>();
  private readonly epochs = new vscode.EventEmitter<JobEvent & { report: EpochReport }>();
  private readonly pictures = new vscode.EventEmitter<JobEvent & { snapshot: PictureSnapshot; points: PlanePoints | null }>();
  private readonly finished = new vscode.EventEmitter<JobEvent & { outcome: RunOutcome }>();
  /** A worker loaded a run's data: the run with real row counts, before epoch 1. */
  readonly onDidStart = this.started.event;
  readonly onDidReportEpoch = this.epochs.event;
  /** A run's pictures at one of its picture epochs, while it trains. */
  readonly onDidTakePicture = this.pictures.event;
  readonly onDidFinish = this.finished.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Worker threads alive right now (0 when nothing runs). */
  get liveWorkers(): number {
    return this.pool?.liveWorkers ?? 0;
  }

  /**
   * Trains and saves one experiment (in `runsDir` when given, else the config's run store); settles
   * once its worker is done (or lost: the epochs reported are saved anyway).
   */
  async train(target: TrainTarget, runsDir?: string): Promise<RunOutcome> {
    const { experiment, file } = target;
    const total = experiment.spec.training.epochs;
    // The penalty tells apart the runs of one experiment queued together (Compare Regularizers queues eight).
    this.log.info(`${experiment.name} (${penaltyLabel(experiment.spec.regularization)}): queued, from ${file.label}`);
    const job = trainKeepingEpochs(this.workers(), experiment, { ...file.dirs(this.extensionUri), ...(runsDir ? { runsDir } : {}) }, {
      onStart: (run) => this.started.fire({ jobId: job.id, target, run }),
      onEpoch: (report) => {
        activity.update(epochLine(report, total));
        this.epochs.fire({ jobId: job.id, target, report });
      },
      onPicture: (snapshot, points) => this.pictures.fire({ jobId: job.id, target, snapshot, points }),
      onLog: (level, message) => this.log[level](message),
    });
    const activity = this.running.add(experiment.name, () => job.cancel());
    const outcome = await withProgress(experiment.name, () => job.cancel(), (report) => {
      const listener = this.epochs.event((live) => live.jobId === job.id && report(epochLine(live.report, total), live.report.epoch / total));
      return job.outcome.finally(() => listener.dispose());
    });
    activity.end();
    this.finished.fire({ jobId: job.id, target, outcome });
    return outcome;
  }

  /**
   * Tunes λ of an experiment (over `lambdas` instead of its config's grid when given) over the pool
   * and saves the tuning; rejects (for the command's message) when the data, a job or the save fails.
   */
  async tune(target: TrainTarget, lambdas?: number[]): Promise<Tuned> {
    const pool = this.workers();
    // Idle workers (and the rows they loaded) wait between stages, and one of them saves the record.
    const hold = pool.hold();
    try {
      const settings = tuningSettings(target.experiment);
      const tuned = await this.tuneOver(pool, target, lambdas ? { ...settings, lambdas } : settings);
      if (tuned.kind === 'cancelled') return tuned;
      const { record } = tuned;
      const saved = await pool.saveTuning(record, target.file.tunings.root, { onLog: (level, message) => this.log[level](message) }).outcome;
      if (saved.kind === 'error') throw new Error(`the tuning could not be saved: ${saved.message}`);
      return saved.kind === 'done' ? { kind: 'saved', record, path: saved.path } : { kind: 'cancelled', trained: 0 };
    } finally {
      await hold.release();
    }
  }

  /** Cross-validates `settings` (a regularizer's strength, its grid) over the pool and returns the record unsaved. */
  async crossValidate(target: TrainTarget, settings: TuningSettings): Promise<CrossValidated> {
    const pool = this.workers();
    const hold = pool.hold();
    try {
      return await this.tuneOver(pool, target, settings);
    } finally {
      await hold.release();
    }
  }

  private async tuneOver(pool: WorkerPool, target: TrainTarget, settings: TuningSettings): Promise<CrossValidated> {
    const createdAt = new Date();
    const { driven, rows } = await this.drive(pool, target, settings);
    if (driven.kind === 'cancelled') return driven;
    return { kind: 'completed', record: tuningRecord(target.experiment, settings, rows, driven.result, createdAt) };
  }

  private async drive(pool: WorkerPool, target: TrainTarget, settings: TuningSettings): Promise<{ driven: DrivenTuning; rows: number }> {
    const { experiment, file } = target;
    const rows = { key: `tuning-${++this.tunings}`, data: experiment.data, dirs: file.dirs(this.extensionUri) };
    const onLog = (level: 'info' | 'warn' | 'error', message: string) => this.log[level](message);
    const stop = new StopSwitch();
    const activity = this.running.add(experiment.name, () => stop.stop());
    try {
      activity.update('loading the data');
      const loading = pool.load(rows, { spec: experiment.spec, settings }, { onLog });
      stop.step(() => loading.cancel());
      const loaded = await loading.outcome;
      if (loaded.kind === 'error') throw new Error(loaded.message);
      if (loaded.kind === 'cancelled' || stop.requested) return { driven: { kind: 'cancelled', trained: 0 }, rows: 0 };
      const plan = planTuning(experiment.spec, settings, loaded.shape);
      const what = settings.strength && settings.strength !== 'lambda' ? strengths[settings.strength].label : `${experiment.spec.regularization.penalty} λ`;
      this.log.info(`${experiment.name}: tuning ${what} over ${plan.lambdas.length} values × ${settings.folds} folds (${settings.strategy}) on ${loaded.summary.trainRows} rows`);
      const driven = await withProgress(`tuning λ of ${experiment.name}`, () => stop.stop(), (report) => {
        const drive = driveTuning(plan, (job, onOutcome) => pool.tune(job, rows, { onOutcome, onLog }), (p) => {
          this.log.debug(`${experiment.name}: ${progressLine(p)}`);
          activity.update(`tuning λ · ${p.stages > 1 ? `rung ${p.stage + 1}/${p.stages} · ` : ''}${p.done}/${p.total}`);
          // Each rung gets an equal share of the bar: later rungs have fewer λ values but more epochs.
          report(progressLine(p), (p.stage + p.done / p.total) / p.stages);
        });
        stop.step(() => drive.cancel());
        return drive.result;
      });
      return { driven, rows: loaded.summary.trainRows };
    } finally {
      activity.end();
    }
  }

  /** Asks every running and queued job (tunings too) to stop; returns how many there were. */
  stopAll(): number {
    const count = this.running.stopAll();
    this.pool?.cancelAll();
    return count;
  }

  /** Stops every job and waits until no worker is left. */
  async dispose(): Promise<void> {
    this.running.dispose();
    this.started.dispose();
    this.epochs.dispose();
    this.pictures.dispose();
    this.finished.dispose();
    await this.pool?.dispose();
  }

  /** The pool (and so any worker) is created on the first job: activation loads no training code. */
  private workers(): WorkerPool {
    const script = join(this.extensionUri.fsPath, 'dist', 'worker.js');
    this.pool ??= new WorkerPool({ spawn: () => new Worker(script, { name: 'reglens-training', resourceLimits: { maxOldGenerationSizeMb: workerHeapMb } }) });
    return this.pool;
  }
}

/** E.g. "rung 2/3 · 12/39 (λ, fold) · λ = 0.01, fold 3: val loss 0.123". */
function progressLine({ stage, stages, done, total, outcome }: TuningProgress): string {
  const rung = stages > 1 ? `rung ${stage + 1}/${stages} · ` : '';
  const score = outcome.valLoss === null ? '' : `: val loss ${num(outcome.valLoss)}`;
  return `${rung}${done}/${total} (λ, fold) · λ = ${num(outcome.lambda)}, fold ${outcome.fold + 1}${score}`;
}
