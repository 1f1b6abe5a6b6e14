/** From fold outcomes to the cross-validated curve and the coefficient path. */
import { badness, lambda1se, lambdaMin, meanAndSE, type Direction, type LambdaChoice } from './rules';
import type { CoefficientPath, FoldOutcome, LambdaStats, TuningSettings } from './types';

export function metricDirection(metric: TuningSettings['metric']): Direction {
  return metric === 'valLoss' ? 'lower' : 'higher';
}

/** Per λ (largest first), the mean and standard error over folds of the chosen metric and the other numbers. */
export function summarize(outcomes: readonly FoldOutcome[], metric: TuningSettings['metric']): LambdaStats[] {
  const byLambda = new Map<number, FoldOutcome[]>();
  for (const outcome of outcomes) {
    if (outcome.fold < 0) continue;
    byLambda.set(outcome.lambda, [...(byLambda.get(outcome.lambda) ?? []), outcome]);
  }
  return [...byLambda.entries()]
    .sort(([a], [b]) => b - a)
    .map(([lambda, unordered]) => {
      // Sums in fold order: a pool may finish folds in any order, and the result must not depend on it.
      const folds = [...unordered].sort((a, b) => a.fold - b.fold);
      const stat = (pick: (o: FoldOutcome) => number | null) => meanAndSE(folds.map((o) => pick(o) ?? NaN));
      const mean = (pick: (o: FoldOutcome) => number) => folds.reduce((sum, o) => sum + pick(o), 0) / folds.length;
      const valLoss = stat((o) => o.valLoss);
      const valMetric = stat((o) => o.valMetric);
      return {
        lambda,
        score: metric === 'valLoss' ? valLoss : valMetric,
        trainLoss: stat((o) => o.trainLoss),
        valLoss,
        trainMetric: stat((o) => o.trainMetric),
        valMetric,
        frobenius: mean((o) => o.frobenius),
        sparsity: mean((o) => o.sparsity),
        exactZeros: mean((o) => o.exactZeros),
        epochs: mean((o) => o.epochs),
        diverged: folds.filter((o) => o.stopReason === 'diverged').length,
        foldScores: folds.map((o) => (metric === 'valLoss' ? o.valLoss : o.valMetric)),
      };
    });
}

/** λ_min and λ_1se of a curve; null when no λ has a finite score. */
export function chooseLambdas(curve: readonly LambdaStats[], direction: Direction): { lambdaMin: LambdaChoice; lambda1se: LambdaChoice } | null {
  const points = curve.map(({ lambda, score }) => ({ lambda, ...score }));
  if (!points.some((p) => badness(p.mean, direction) < Infinity)) return null;
  return { lambdaMin: lambdaMin(points, direction), lambda1se: lambda1se(points, direction) };
}

/** The first layer's weights per λ, largest λ first, from the outcomes trained on all rows. */
export function coefficientPath(outcomes: readonly FoldOutcome[], featureNames: string[]): CoefficientPath | null {
  const points = outcomes
    .filter((o) => o.fold < 0 && o.weights && o.weights.length === 1)
    .sort((a, b) => b.lambda - a.lambda)
    .map((o) => {
      const layer = o.weights![0];
      return { lambda: o.lambda, weight: Array.from(layer.weight), bias: Array.from(layer.bias), exactZeros: layer.weight.filter((w) => w === 0).length };
    });
  if (points.length === 0) return null;
  return { featureNames, outputs: outcomes.find((o) => o.fold < 0)!.weights![0].outputs, points };
}
