/** A log's run read the way RegLens reads its own: the gap, the best epoch and the overfitting onset, with the series used. */
import { bestEpoch, lossGap, overfittingOnset, type LossPoint } from '../../core';
import type { LogRun, ScalarPoint } from './model';
import { chooseRoles, type RoleNames } from './roles';

export interface RunAnalysis {
  /** The series each role was read from (absent roles were not found). */
  used: RoleNames;
  /** Epochs where every point of the losses used has one, else steps. */
  axis: 'epoch' | 'step';
  /** One point per validation value, with the training loss logged last at or before it (or per training value without validation). */
  points: LossPoint[];
  /** Position (on the axis) of the lowest validation loss, by RegLens's rule; null without a loss. */
  bestEpoch: number | null;
  /** Position after which validation loss kept rising while training loss fell; null if none. */
  onset: number | null;
  /** Validation minus training loss at the last validation point. */
  finalGap: number | null;
}

export function analyzeRun(run: LogRun, given: RoleNames = {}): RunAnalysis {
  const used = chooseRoles(Object.keys(run.series), given);
  const train = used.trainLoss !== undefined ? run.series[used.trainLoss] : [];
  const val = used.valLoss !== undefined ? run.series[used.valLoss] : [];
  const axis = [...train, ...val].every((p) => p.epoch !== null) && train.length + val.length > 0 ? 'epoch' : 'step';
  const position = (p: ScalarPoint) => (axis === 'epoch' ? p.epoch! : p.step);
  const points = val.length > 0 ? alignToValidation(train, val, position) : train.map((p) => ({ epoch: position(p), trainLoss: p.value, valLoss: null }));
  const finite = points.filter((p) => Number.isFinite(p.trainLoss) && (p.valLoss === null || Number.isFinite(p.valLoss)));
  const best = finite.length > 0 ? bestEpoch(finite) : null;
  const last = points.at(-1);
  return {
    used,
    axis,
    points,
    bestEpoch: best,
    onset: best === null ? null : overfittingOnset(finite, best),
    finalGap: last && last.valLoss !== null ? lossGap(last.trainLoss, last.valLoss) : null,
  };
}

/** Pairs each validation value with the latest training value at or before it; values with none before are left out. */
function alignToValidation(train: ScalarPoint[], val: ScalarPoint[], position: (p: ScalarPoint) => number): LossPoint[] {
  const sorted = [...train].sort((a, b) => position(a) - position(b));
  const points: LossPoint[] = [];
  let t = -1;
  for (const v of [...val].sort((a, b) => position(a) - position(b))) {
    while (t + 1 < sorted.length && position(sorted[t + 1]) <= position(v)) t++;
    if (t >= 0) points.push({ epoch: position(v), trainLoss: sorted[t].value, valLoss: v.value });
  }
  return points;
}
