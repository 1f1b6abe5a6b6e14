/** From scores per fold to a choice of λ: mean and standard error per λ, λ_min and glmnet's λ_1se. */

/** Which way is better: losses go down, accuracy and R² go up. */
export type Direction = 'lower' | 'higher';

export interface MeanSE {
  mean: number;
  /** Standard error of the mean over folds: sample sd (n − 1) / √n; 0 for a single fold. */
  se: number;
}

/** A λ and the cross-validated score that chose it. */
export interface LambdaChoice {
  lambda: number;
  mean: number;
  se: number;
}

/** Mean and standard error; a fold that diverged (not finite) makes the mean not finite, so that λ is never best. */
export function meanAndSE(values: readonly number[]): MeanSE {
  const n = values.length;
  if (n === 0) return { mean: NaN, se: NaN };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1 || !Number.isFinite(mean)) return { mean, se: n === 1 ? 0 : NaN };
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

/** A score where lower is better, whatever the metric's direction; not finite scores become +∞. */
export function badness(mean: number, direction: Direction): number {
  if (!Number.isFinite(mean)) return Infinity;
  return direction === 'lower' ? mean : -mean;
}

/** λ_min: the best mean (ties go to the larger λ, the simpler model). Throws if no λ has a finite score. */
export function lambdaMin(curve: readonly LambdaChoice[], direction: Direction): LambdaChoice {
  let best: LambdaChoice | null = null;
  for (const point of curve) {
    const b = badness(point.mean, direction);
    if (b === Infinity) continue;
    if (!best || b < badness(best.mean, direction) || (b === badness(best.mean, direction) && point.lambda > best.lambda)) best = point;
  }
  if (!best) throw new Error('no λ finished with a finite cross-validated score (every fold diverged): lower the learning rate');
  return best;
}

/**
 * λ_1se (glmnet's rule): the largest λ whose mean is within one standard error of the best mean,
 * the standard error being λ_min's. It is never below λ_min, since λ_min qualifies.
 */
export function lambda1se(curve: readonly LambdaChoice[], direction: Direction): LambdaChoice {
  const best = lambdaMin(curve, direction);
  const limit = badness(best.mean, direction) + (Number.isFinite(best.se) ? best.se : 0);
  let chosen = best;
  for (const point of curve) {
    if (point.lambda > chosen.lambda && badness(point.mean, direction) <= limit) chosen = point;
  }
  return chosen;
}
