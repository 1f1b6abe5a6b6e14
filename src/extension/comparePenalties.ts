/**
 * "Compare Penalties": one experiment with no penalty, L1, L2 and elastic net, each at its own tuned λ.
 * Each penalty's λ is tuned with the experiment's tuning block (same grid, folds and rule), then the
 * four runs train side by side on the pool and open in the dashboard's comparison.
 */
import * as vscode from 'vscode';
import type { RunRecord, TuningRecord } from '../core/runRecord';
import type { PenaltyName } from '../core/spec';
import { RunStore } from '../io/runStore';
import type { RunViews } from './commands';
import type { TrainTarget, Training } from './training';
import type { Tuner } from './tuning';

export interface ComparedPenalties {
  tunings: TuningRecord[];
  /** none, l1, l2, elasticNet, in that order. */
  runs: RunRecord[];
}

const tunedPenalties: PenaltyName[] = ['l1', 'l2', 'elasticNet'];

/** The experiment with another penalty and λ, in its spec and in the config snapshot its run keeps. */
export function withPenalty({ configUri, experiment }: TrainTarget, penalty: PenaltyName, lambda: number): TrainTarget {
  const regularization = { ...experiment.spec.regularization, penalty, lambda };
  return {
    configUri,
    experiment: {
      ...experiment,
      spec: { ...experiment.spec, regularization },
      config: { ...experiment.config, regularization: { ...experiment.config.regularization, penalty, lambda } },
    },
  };
}

/** Undefined when a tuning or run was stopped (the user has been told). */
export async function comparePenalties(target: TrainTarget, context: { tuner: Tuner; training: Training; views: RunViews }): Promise<ComparedPenalties | undefined> {
  const { experiment } = target;
  const tunings: TuningRecord[] = [];
  for (const penalty of tunedPenalties) {
    const tuning = await context.tuner.tune(withPenalty(target, penalty, experiment.spec.regularization.lambda), { show: false });
    if (!tuning) return undefined;
    if (tuning.result.chosen === null) throw new Error(`no ${penalty} λ of ${experiment.name} finished with a finite score: every fold diverged. Lower the learning rate.`);
    tunings.push(tuning);
  }
  const targets = [withPenalty(target, 'none', 0), ...tunings.map((tuning) => withPenalty(target, tuning.spec.regularization.penalty, tuning.result.chosen!))];
  const outcomes = await Promise.all(targets.map((t) => context.training.train(t, { quiet: true })));
  const runIds = outcomes.flatMap((outcome) => (outcome.kind === 'done' ? [outcome.runId] : []));
  if (runIds.length < outcomes.length) {
    void vscode.window.showWarningMessage(`RegLens: the penalty comparison of ${experiment.name} was stopped or failed before its four runs finished.`);
    return undefined;
  }
  const store = new RunStore(context.training.dirs(target.configUri).storeRoot);
  const runs = await Promise.all(runIds.map((id) => store.load(experiment.name, id)));
  context.views.showRuns(runs);
  return { tunings, runs };
}
