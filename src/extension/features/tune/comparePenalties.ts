/**
 * "Compare Penalties": one experiment with no penalty, L1, L2 and elastic net, each at its own tuned λ.
 * Each penalty's λ is tuned with the experiment's tuning block (same grid, folds and rule), then the
 * four runs train side by side on the pool and open in the dashboard's comparison.
 */
import * as vscode from 'vscode';
import type { PenaltyName, RunRecord, TuningRecord } from '../../../protocol/records';
import type { RegLensContext } from '../../context';
import { untrusted } from '../../text';
import type { TrainTarget } from '../../workspace/configFile';
import { trainAndTell } from '../train/register';
import { tuneAndSave } from './tune';

export interface ComparedPenalties {
  tunings: TuningRecord[];
  /** none, l1, l2, elasticNet, in that order. */
  runs: RunRecord[];
}

const tunedPenalties: PenaltyName[] = ['l1', 'l2', 'elasticNet'];

/** The experiment with another penalty and λ, in its spec and in the config snapshot its run keeps. */
export function withPenalty({ file, experiment }: TrainTarget, penalty: PenaltyName, lambda: number): TrainTarget {
  const regularization = { ...experiment.spec.regularization, penalty, lambda };
  return {
    file,
    experiment: {
      ...experiment,
      spec: { ...experiment.spec, regularization },
      config: { ...experiment.config, regularization: { ...experiment.config.regularization, penalty, lambda } },
    },
  };
}

/** Undefined when a tuning or run was stopped (the user has been told). */
export async function comparePenalties(context: RegLensContext, target: TrainTarget): Promise<ComparedPenalties | undefined> {
  const { experiment } = target;
  const tunings: TuningRecord[] = [];
  for (const penalty of tunedPenalties) {
    const tuning = await tuneAndSave(context, withPenalty(target, penalty, experiment.spec.regularization.lambda), { show: false });
    if (!tuning) return undefined;
    if (tuning.result.chosen === null) throw new Error(`no ${penalty} λ of ${experiment.name} finished with a finite score: every fold diverged. Lower the learning rate.`);
    tunings.push(tuning);
  }
  const targets = [withPenalty(target, 'none', 0), ...tunings.map((tuning) => withPenalty(target, tuning.spec.regularization.penalty, tuning.result.chosen!))];
  const outcomes = await Promise.all(targets.map((t) => trainAndTell(context, t, true)));
  const runs = outcomes.flatMap((outcome) => (outcome.kind === 'done' && outcome.record.summary.stopReason !== 'cancelled' ? [outcome.record] : []));
  if (runs.length < outcomes.length) {
    void vscode.window.showWarningMessage(`RegLens: the penalty comparison of ${untrusted(experiment.name)} was stopped or failed before its four runs finished.`);
    return undefined;
  }
  context.views.showRuns(runs);
  return { tunings, runs };
}
