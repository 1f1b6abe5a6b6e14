/** A log's run read the way RegLens reads its own: the gap, the best epoch and the overfitting onset, with the series used. */
import { bestEpoch, lossesAtSteps, lossGap, valuesAtSteps, overfittingOnset, type LossPoint, type StepValue } from '../../core';
import type { LogRun, ScalarSeries } from './model';
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
  /** Training minus validation accuracy at the last validation accuracy (RegLens's metric gap); null without both. */
  finalAccuracyGap: number | null;
  /** The gap at every validation value's global step, whatever the axis: what checkpoints (saved by step) line up with. */
  gapBySteps: { step: number; trainLoss: number | null; valLoss: number | null; gap: number | null }[];
}

const none: ScalarSeries = { steps: [], epochs: [], values: [] };

export function analyzeRun(run: LogRun, given: RoleNames = {}): RunAnalysis {
  const used = chooseRoles(Object.keys(run.series), given);
  const train = used.trainLoss !== undefined ? run.series[used.trainLoss] : none;
  const val = used.valLoss !== undefined ? run.series[used.valLoss] : none;
  const axis = [...train.epochs, ...val.epochs].every((e) => e !== null) && train.steps.length + val.steps.length > 0 ? 'epoch' : 'step';
  const positions = (s: ScalarSeries) => (axis === 'epoch' ? (s.epochs as number[]) : s.steps);
  const points = val.values.length > 0
    ? alignToValidation(positions(train), train.values, positions(val), val.values)
    : train.values.map((value, i) => ({ epoch: positions(train)[i], trainLoss: value, valLoss: null }));
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
    finalAccuracyGap: accuracyGap(run, used),
    gapBySteps: lossesAtSteps(val.steps, stepValues(train), stepValues(val)),
  };
}

function stepValues(series: ScalarSeries): StepValue[] {
  return series.steps.map((step, i) => ({ step, value: series.values[i] }));
}

/** Training accuracy logged last at or before the last validation accuracy's step, minus that validation accuracy. */
function accuracyGap(run: LogRun, used: RoleNames): number | null {
  if (used.trainAccuracy === undefined || used.valAccuracy === undefined) return null;
  const val = run.series[used.valAccuracy];
  const lastStep = val.steps.at(-1);
  if (lastStep === undefined) return null;
  const [train] = valuesAtSteps([lastStep], stepValues(run.series[used.trainAccuracy]));
  const last = val.values.at(-1)!;
  return train === null || !Number.isFinite(last) ? null : train - last;
}

/** Pairs each validation value with the latest training value at or before it; values with none before are left out. */
function alignToValidation(trainAt: number[], train: number[], valAt: number[], val: number[]): LossPoint[] {
  const byPosition = (at: number[]) => at.map((_, i) => i).sort((a, b) => at[a] - at[b]);
  const trainOrder = byPosition(trainAt);
  const points: LossPoint[] = [];
  let t = -1;
  for (const v of byPosition(valAt)) {
    while (t + 1 < trainOrder.length && trainAt[trainOrder[t + 1]] <= valAt[v]) t++;
    if (t >= 0) points.push({ epoch: valAt[v], trainLoss: train[trainOrder[t]], valLoss: val[v] });
  }
  return points;
}
