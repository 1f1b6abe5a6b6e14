/** Which strength a tuned regularizer of a comparison got, and the cross-validated numbers that chose it. */
import type { MetricName } from '../report';
import type { MeanSE } from '../tuning/rules';
import { strengths, type StrengthName } from '../tuning/strength';
import type { TuningResult } from '../tuning/types';

export interface StrengthChoice {
  strength: StrengthName;
  /** The strength s chosen, and the setting it means as the config writes it (max-norm: c = 1/s). */
  value: number;
  setting: number;
  rule: 'min' | '1se';
  metric: 'valLoss' | 'valMetric';
  metricName: MetricName;
  folds: number;
  /** Strengths compared at the full epoch budget. */
  candidates: number;
  /** The cross-validated score at the chosen strength, and the best one (at `bestValue`). */
  score: MeanSE;
  best: MeanSE;
  bestValue: number;
}

/** The choice a finished tuning made; null when every strength diverged. */
export function strengthChoice(result: TuningResult): StrengthChoice | null {
  const { chosen, lambdaMin } = result;
  if (chosen === null || !lambdaMin) return null;
  const point = result.curve.find((p) => p.lambda === chosen);
  if (!point) throw new Error(`the chosen strength ${chosen} is not on the tuning's curve`);
  const strength = result.strength ?? 'lambda';
  return {
    strength,
    value: chosen,
    setting: strengths[strength].setting(chosen),
    rule: result.rule,
    metric: result.metric,
    metricName: result.metricName,
    folds: result.folds,
    candidates: result.curve.length,
    score: point.score,
    best: { mean: lambdaMin.mean, se: lambdaMin.se },
    bestValue: lambdaMin.lambda,
  };
}
