/**
 * Diagnostics of one weight matrix, wherever it comes from (a RegLens run or a checkpoint):
 * norms, sparsity, spectral norm, stable rank, the empirical spectral density and its power-law α.
 *
 * The ESD is the eigenvalues of WᵀW (the squared singular values of W), not divided by N: the
 * convention of WeightWatcher ≥ 0.6.5, so x_min compares with its `xmin` column; α does not depend
 * on the scale.
 */
import { smallGram } from './gram';
import { lanczosTopEigenvalues } from './lanczos';
import { fitPowerLaw, type PowerLawFit } from './powerLaw';
import { symmetricEigenvalues } from './symmetricEigenvalues';
import { accumulateWeightStats, emptyWeightStats, type WeightStats } from './weightStats';

export type SpectrumMethod = 'exact' | 'lanczos';

export interface SpectrumOptions {
  /** Matrices whose smaller side is at most this get every eigenvalue (O(rows·n² + n³)). */
  exactLimit: number;
  /** Beyond it, this many Lanczos steps; the converged top Ritz values are kept and fitted. */
  lanczosSteps: number;
}

export const defaultSpectrumOptions: SpectrumOptions = { exactLimit: 1024, lanczosSteps: 400 };

export interface Spectrum {
  method: SpectrumMethod;
  /** Eigenvalues of WᵀW, descending: all of them (exact) or the converged top ones (lanczos), which α is fitted to. */
  eigenvalues: Float64Array;
  /** min(rows, cols): how many there are in all. */
  total: number;
}

export interface MatrixDiagnostics {
  stats: WeightStats;
  spectralNorm: number;
  /** ‖W‖²_F / ‖W‖²₂: at least 1, at most the rank. */
  stableRank: number;
  spectrum: Spectrum;
  powerLaw: PowerLawFit | null;
}

/** The eigenvalues of WᵀW for W (rows × cols, row-major). */
export function matrixSpectrum(w: ArrayLike<number>, rows: number, cols: number, options = defaultSpectrumOptions): Spectrum {
  const total = Math.min(rows, cols);
  if (total <= options.exactLimit) {
    const { gram, n } = smallGram(w, rows, cols);
    return { method: 'exact', eigenvalues: symmetricEigenvalues(gram, n), total };
  }
  return { method: 'lanczos', eigenvalues: lanczosTopEigenvalues(w, rows, cols, options.lanczosSteps), total };
}

export function diagnoseMatrix(
  w: ArrayLike<number>,
  rows: number,
  cols: number,
  epsilon: number,
  options = defaultSpectrumOptions,
): MatrixDiagnostics {
  const stats = emptyWeightStats();
  accumulateWeightStats(stats, w, epsilon);
  const spectrum = stats.nonFinite > 0 ? { method: 'exact' as const, eigenvalues: new Float64Array(0), total: Math.min(rows, cols) } : matrixSpectrum(w, rows, cols, options);
  const top = spectrum.eigenvalues.length > 0 ? spectrum.eigenvalues[0] : 0;
  return {
    stats,
    spectralNorm: Math.sqrt(top),
    stableRank: top > 0 ? stats.sumSquares / top : 0,
    spectrum,
    powerLaw: fitPowerLaw(spectrum.eigenvalues),
  };
}
