/**
 * "Tune λ": the job runner has the workers load the rows, drives the tuning's stages over the pool
 * and has a worker save the record beside the runs; here it is told and shown. A cancelled tuning saves nothing.
 */
import * as vscode from 'vscode';
import type { TuningRecord } from '../../../protocol/records';
import type { RegLensContext } from '../../context';
import { tuningLines } from '../../format';
import { runCommand } from '../../registry';
import { untrusted } from '../../text';
import type { TrainTarget } from '../../workspace/configFile';
import { appliedLambda } from '../config/lambdaLens';
import { formatLambda } from '../../../protocol/numbers';

/** Tunes and saves; undefined when cancelled. Throws (for the command's error message) when the data or a job fails. */
export async function tuneAndSave(context: RegLensContext, target: TrainTarget, options: { show: boolean; lambdas?: number[] } = { show: true }): Promise<TuningRecord | undefined> {
  const { experiment } = target;
  const { log } = context;
  const tuned = await context.jobs.tune(target, options.lambdas);
  if (tuned.kind === 'cancelled') {
    log.info(`${experiment.name}: tuning stopped after ${tuned.trained} (λ, fold) trainings; nothing saved`);
    void vscode.window.showInformationMessage(`RegLens: tuning of ${untrusted(experiment.name)} stopped; nothing was saved.`);
    return undefined;
  }
  const { record, path } = tuned;
  context.tunings.invalidate();
  for (const line of tuningLines(record)) log.info(line);
  log.info(`${experiment.name}: tuning saved in ${vscode.workspace.asRelativePath(path)}`);
  if (options.show) announce(context, target, record);
  return record;
}

function announce(context: RegLensContext, { experiment, file }: TrainTarget, record: TuningRecord): void {
  context.views.showTuning(record, file);
  const { lambdaMin, lambda1se } = record.result;
  const name = untrusted(experiment.name);
  if (!lambdaMin || !lambda1se) {
    void vscode.window.showWarningMessage(`RegLens: no λ of ${name} finished with a finite score: every fold diverged. Lower the learning rate.`);
    return;
  }
  const oneSe = appliedLambda(lambda1se.lambda);
  void vscode.window
    .showInformationMessage(`RegLens: ${name}: λ_1se = ${formatLambda(oneSe)}, λ_min = ${formatLambda(lambdaMin.lambda)} (${record.result.folds}-fold CV).`, 'Apply λ_1se')
    .then((choice) => {
      if (choice) void runCommand('applyLambda', experiment.name, file.uri, oneSe);
    });
}
