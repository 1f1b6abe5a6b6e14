/**
 * Where λ values sit on the tuning charts' log x axis. λ = 0 (the unregularized baseline) has no
 * place on a log scale, so it gets one left of the smallest positive λ, past a drawn axis break.
 */
import { formatNumber } from '../protocol/labels';

export interface LambdaAxis {
  min: number;
  max: number;
  /** Where λ = 0 is drawn, or null when no λ is 0. */
  zeroAt: number | null;
  /** Where the break between λ = 0 and the log scale is drawn. */
  breakAt: number | null;
  /** λ = 0 (if shown) and every power of ten the grid spans. */
  ticks: number[];
  toX(lambda: number): number;
  tickLabel(x: number): string;
}

export function lambdaAxis(lambdas: readonly number[]): LambdaAxis {
  const positive = lambdas.filter((l) => l > 0 && Number.isFinite(l));
  const low = Math.floor(Math.log10(positive.length > 0 ? Math.min(...positive) : 1));
  const high = Math.max(low + 1, Math.ceil(Math.log10(positive.length > 0 ? Math.max(...positive) : 1)));
  const decades = Array.from({ length: high - low + 1 }, (_, k) => 10 ** (low + k));
  const hasZero = lambdas.includes(0);
  const zeroAt = hasZero ? 10 ** (low - 0.65) : null;
  return {
    // A little room beyond the outer points so their markers and error bars are not clipped.
    min: 10 ** (low - (hasZero ? 0.9 : 0.08)),
    max: 10 ** (high + 0.08),
    zeroAt,
    breakAt: hasZero ? 10 ** (low - 0.3) : null,
    ticks: zeroAt === null ? decades : [zeroAt, ...decades],
    toX: (lambda) => (lambda === 0 && zeroAt !== null ? zeroAt : lambda),
    tickLabel: (x) => (x === zeroAt ? '0' : formatNumber(x)),
  };
}
