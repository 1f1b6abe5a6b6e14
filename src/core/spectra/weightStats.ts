/** Norms and sparsity of any tensor, accumulated chunk by chunk so a reader can stream. */

export interface WeightStats {
  count: number;
  sumSquares: number;
  sumAbs: number;
  maxAbs: number;
  exactZeros: number;
  /** Values with |w| ≤ ε. */
  belowEpsilon: number;
  /** NaN or ±∞ values: counted, left out of the sums. */
  nonFinite: number;
}

export function emptyWeightStats(): WeightStats {
  return { count: 0, sumSquares: 0, sumAbs: 0, maxAbs: 0, exactZeros: 0, belowEpsilon: 0, nonFinite: 0 };
}

/** Adds a chunk of values to `stats`. */
export function accumulateWeightStats(stats: WeightStats, values: ArrayLike<number>, epsilon: number): void {
  let sumSquares = 0, sumAbs = 0, maxAbs = stats.maxAbs, zeros = 0, small = 0, nonFinite = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (!(a < Infinity)) {
      nonFinite++;
      continue;
    }
    sumSquares += a * a;
    sumAbs += a;
    if (a > maxAbs) maxAbs = a;
    if (a <= epsilon) small++;
    if (a === 0) zeros++;
  }
  stats.count += values.length;
  stats.sumSquares += sumSquares;
  stats.sumAbs += sumAbs;
  stats.maxAbs = maxAbs;
  stats.exactZeros += zeros;
  stats.belowEpsilon += small;
  stats.nonFinite += nonFinite;
}

/** Histogram of the values over [−max|w|, max|w|] in `bins` equal bins. */
export function valueHistogram(values: ArrayLike<number>, maxAbs: number, bins: number): { edges: number[]; counts: number[] } {
  const counts = new Array<number>(bins).fill(0);
  const width = maxAbs > 0 ? (2 * maxAbs) / bins : 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    counts[Math.min(bins - 1, Math.max(0, Math.floor((v + maxAbs) / width)))]++;
  }
  return { edges: Array.from({ length: bins + 1 }, (_, i) => -maxAbs + i * width), counts };
}
