/**
 * The power-law fit of an empirical spectral density, exactly as WeightWatcher's default
 * (`WWFit` in weightwatcher/WW_powerlaw.py, pl_package="ww", which replicates the `powerlaw`
 * package's continuous fit): eigenvalues ≤ 1e-5 are dropped; for each candidate x_min among the
 * sorted eigenvalues but the largest, the continuous maximum-likelihood exponent on the n values
 * ≥ x_min is α = 1 + n / Σ ln(x_i / x_min), and its Kolmogorov–Smirnov distance is
 * D = max_j |1 − (x_j / x_min)^(1−α) − j/n| (j = 0…n−1 over the sorted tail); the fit keeps the
 * x_min with the smallest D (the first on ties). σ = (α − 1)/√n is the estimate's standard error.
 */

/** WeightWatcher's EVALS_THRESH: smaller eigenvalues are numerical zeros, not part of the density. */
export const powerLawThreshold = 1e-5;

export interface PowerLawFit {
  alpha: number;
  xmin: number;
  /** Kolmogorov–Smirnov distance of the chosen fit. */
  ksDistance: number;
  /** Standard error of α. */
  sigma: number;
  /** Eigenvalues ≥ x_min: the tail that was fitted. */
  tailCount: number;
}

/** Fits the eigenvalues (any order); null when fewer than two exceed the threshold. */
export function fitPowerLaw(eigenvalues: ArrayLike<number>): PowerLawFit | null {
  const data = Float64Array.from(eigenvalues).filter((x) => x > powerLawThreshold).sort();
  const count = data.length;
  if (count < 2) return null;
  const logs = data.map(Math.log);
  const suffix = new Float64Array(count + 1);
  for (let i = count - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + logs[i];
  let best: PowerLawFit | null = null;
  for (let i = 0; i < count - 1; i++) {
    const n = count - i;
    const alpha = 1 + n / (suffix[i] - n * logs[i]);
    // WWFit leaves D = 1 where α ≤ 1 (including α = ∞ from a run of equal values); so do we.
    let ksDistance = 1;
    if (alpha > 1 && Number.isFinite(alpha)) {
      ksDistance = 0;
      for (let j = 0; j < n; j++) {
        const gap = Math.abs(1 - Math.exp((1 - alpha) * (logs[i + j] - logs[i])) - j / n);
        if (gap > ksDistance) ksDistance = gap;
      }
    }
    if (best === null || ksDistance < best.ksDistance) {
      best = { alpha, xmin: data[i], ksDistance, sigma: (alpha - 1) / Math.sqrt(n), tailCount: n };
    }
  }
  return best;
}

/** WeightWatcher's reading of α, a heuristic from heavy-tailed random matrix theory, not a test. */
export function alphaReading(alpha: number): 'over-trained' | 'typical' | 'under-trained' {
  return alpha < 2 ? 'over-trained' : alpha > 6 ? 'under-trained' : 'typical';
}
