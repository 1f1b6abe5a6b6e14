/**
 * "Tune λ" in VS Code: loads the experiment's rows, runs its tuning plan on the worker pool with
 * progress per (λ, fold) and cancel, then saves the tuning beside the runs and shows it.
 * A cancelled tuning saves nothing (see TuningDriver).
 */
import * as vscode from 'vscode';
import type { Dataset } from '../core/data/dataset';
import type { TuningRecord } from '../core/runRecord';
import type { TuningProgress } from '../core/tuning';
import { planTuning, type TuningPlan } from '../core/tuning/plan';
import { prepareTuning, tuningRecord } from '../io/tuning';
import { TuningStore } from '../io/tuningStore';
import { num, tuningLines } from './format';
import { appliedLambda } from './lambdaLens';
import { throttle } from './throttle';
import type { TrainTarget, Training } from './training';
import { TuningDriver, type DrivenTuning } from './tuningDriver';
import type { TuningIndex } from './tuningIndex';

export interface TunerContext {
  log: vscode.LogOutputChannel;
  training: Training;
  tunings: TuningIndex;
  showTuning(record: TuningRecord, configUri: vscode.Uri): void;
}

const updatesPerSecond = 8;

/** E.g. "rung 2/3 · 12/39 (λ, fold) · λ = 0.01, fold 3: val loss 0.123". */
function progressLine({ stage, stages, done, total, outcome }: TuningProgress): string {
  const rung = stages > 1 ? `rung ${stage + 1}/${stages} · ` : '';
  const score = outcome.valLoss === null ? '' : `: val loss ${num(outcome.valLoss)}`;
  return `${rung}${done}/${total} (λ, fold) · λ = ${num(outcome.lambda)}, fold ${outcome.fold + 1}${score}`;
}

export class Tuner {
  constructor(private readonly context: TunerContext) {}

  /** Tunes and saves; undefined when cancelled. Throws (for the command's error message) when the data or a job fails. */
  async tune(target: TrainTarget, options: { show: boolean } = { show: true }): Promise<TuningRecord | undefined> {
    const { experiment, configUri } = target;
    const { log, training } = this.context;
    const dirs = training.dirs(configUri);
    const { rows, settings } = await prepareTuning(experiment, dirs);
    const plan = planTuning(experiment.spec, settings, rows);
    const createdAt = new Date();
    log.info(`${experiment.name}: tuning ${experiment.spec.regularization.penalty} λ over ${plan.lambdas.length} values × ${settings.folds} folds (${settings.strategy}) on ${rows.rows} rows`);

    const driven = await this.drive(experiment.name, plan, rows);
    if (driven.kind === 'cancelled') {
      log.info(`${experiment.name}: tuning stopped after ${driven.trained} (λ, fold) trainings; nothing saved`);
      void vscode.window.showInformationMessage(`RegLens: tuning of ${experiment.name} stopped; nothing was saved.`);
      return undefined;
    }
    const { record, path } = await new TuningStore(dirs.storeRoot).save(tuningRecord(experiment, settings, rows.rows, driven.result, createdAt));
    this.context.tunings.invalidate();
    for (const line of tuningLines(record)) log.info(line);
    log.info(`${experiment.name}: tuning saved in ${vscode.workspace.asRelativePath(path)}`);
    if (options.show) this.announce(target, record);
    return record;
  }

  private async drive(name: string, plan: TuningPlan, rows: Dataset): Promise<DrivenTuning> {
    const { training, log } = this.context;
    const workers = training.tuningWorkers(rows);
    let report: (progress: TuningProgress) => void = () => {};
    const driver = new TuningDriver(plan, workers, (progress) => {
      log.debug(`${name}: ${progressLine(progress)}`);
      report(progress);
    });
    const activity = training.track(name, () => driver.cancel());
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `RegLens: tuning λ of ${name}`, cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => driver.cancel());
          let shown = 0;
          const show = throttle<TuningProgress>(1000 / updatesPerSecond, (p) => {
            // Each rung gets an equal share of the bar: later rungs have fewer λ values but more epochs.
            const fraction = (p.stage + p.done / p.total) / p.stages;
            progress.report({ message: progressLine(p), increment: 100 * (fraction - shown) });
            shown = fraction;
            activity.update(`tuning λ · ${p.stages > 1 ? `rung ${p.stage + 1}/${p.stages} · ` : ''}${p.done}/${p.total}`);
          });
          report = (p) => show.push(p);
          try {
            return await driver.run();
          } finally {
            show.cancel();
          }
        },
      );
    } finally {
      activity.end();
      await workers.release();
    }
  }

  private announce({ experiment, configUri }: TrainTarget, record: TuningRecord): void {
    this.context.showTuning(record, configUri);
    const { lambdaMin, lambda1se } = record.result;
    if (!lambdaMin || !lambda1se) {
      void vscode.window.showWarningMessage(`RegLens: no λ of ${experiment.name} finished with a finite score: every fold diverged. Lower the learning rate.`);
      return;
    }
    const oneSe = appliedLambda(lambda1se.lambda);
    void vscode.window
      .showInformationMessage(`RegLens: ${experiment.name}: λ_1se = ${oneSe}, λ_min = ${appliedLambda(lambdaMin.lambda)} (${record.result.folds}-fold CV).`, 'Apply λ_1se')
      .then((choice) => {
        if (choice) void vscode.commands.executeCommand('reglens.applyLambda', experiment.name, configUri, oneSe);
      });
  }
}
