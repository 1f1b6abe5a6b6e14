/**
 * Diagnostics of one weight matrix, wherever it comes from (a RegLens run or a checkpoint):
 * norms, sparsity, spectral norm, stable rank, the empirical spectral density and its power-law α.
 *
 * The ESD is the eigenvalues of WᵀW (the squared singular values of W), not divided by N: the
 * convention of WeightWatcher ≥ 0.6.5, so x_min compares with its `xmin` column; α does not depend
 * on the scale.
 */
import { wasmExactEigenvalues } from './exactSpectrum';
import { smallGram } from './gram';
import { kernelFloats, lanczosTopEigenvalues } from './lanczos';
import { fitPowerLaw, type PowerLawFit } from './powerLaw';
import { symmetricEigenvalues } from './symmetricEigenvalues';
import type { WeightMatrix } from './weightMatrix';
import { accumulateWeightStats, emptyWeightStats, type WeightStats } from './weightStats';

export type SpectrumMethod = 'exact' | 'lanczos';

export interface SpectrumOptions {
  /** Matrices whose smaller side is at most this get every eigenvalue (O(rows·n² + n³))… */
  exactLimit: number;
  /** …when they have at most this many values, or are tall (the exact path copies a wide W as float32; a tall one streams in SIMD). */
  exactValues: number;
  /** Beyond it, at most this many Lanczos steps. */
  lanczosSteps: number;
}

export const defaultSpectrumOptions: SpectrumOptions = { exactLimit: 2048, exactValues: 64 * 1024 * 1024, lanczosSteps: 512 };

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

/**
 * The eigenvalues of WᵀW. Up to `exactLimit` on the smaller side, all of them: in WebAssembly SIMD
 * where it runs and W's values are float32 or narrower (any height; a wide W up to `exactValues`),
 * else in plain TypeScript up to `exactValues`. Beyond, Lanczos runs until at least max(64, n/8) top
 * eigenvalues have converged and the power-law fit on them puts x_min inside them with a quarter
 * below it. α is then WeightWatcher's fit over those top eigenvalues only: where the KS distance has
 * a second, lower minimum deeper in the bulk, the exact path would choose it and α differs; the
 * bench measures how often and by how much.
 */
export function matrixSpectrum(w: WeightMatrix, options = defaultSpectrumOptions): Spectrum {
  const total = Math.min(w.rows, w.cols);
  if (total <= options.exactLimit) {
    const small = w.rows * w.cols <= options.exactValues;
    const narrow = !(w.row(0, new Float32Array(w.cols)) instanceof Float64Array);
    const fast = narrow && (small || w.cols <= w.rows) ? wasmExactEigenvalues(w) : null;
    if (fast) return { method: 'exact', eigenvalues: fast, total };
    if (small) {
      const { gram, n } = smallGram(w);
      return { method: 'exact', eigenvalues: symmetricEigenvalues(gram, n), total };
    }
  }
  const enough = (values: Float64Array) => {
    if (values.length < Math.max(64, total / 8)) return false;
    const fit = fitPowerLaw(values);
    return fit !== null && fit.tailCount <= 0.75 * values.length;
  };
  return { method: 'lanczos', eigenvalues: lanczosTopEigenvalues(w, { maxSteps: options.lanczosSteps, enough }), total };
}

/**
 * About how many bytes matrixSpectrum allocates for a rows × cols matrix: the exact path's float32
 * copy and float64 Gram matrix, or Lanczos's float32 copy (where it takes one) and its basis.
 * Callers running several at once share a memory budget with it.
 */
export function spectrumBytes(rows: number, cols: number, options = defaultSpectrumOptions): number {
  const n = Math.min(rows, cols);
  if (n <= options.exactLimit && (rows * cols <= options.exactValues || cols <= rows)) {
    const width = Math.ceil(n / 4) * 4;
    return 4 * (cols <= rows ? 0 : cols) * width + 8 * width * width + (1 << 20);
  }
  const copy = rows * cols <= kernelFloats ? 4 * rows * cols : 0;
  return copy + 8 * Math.min(options.lanczosSteps, n) * n + 16 * (rows + cols);
}

export function matrixStats(w: WeightMatrix, epsilon: number): WeightStats {
  const stats = emptyWeightStats();
  const scratch = new Float32Array(w.cols);
  for (let r = 0; r < w.rows; r++) accumulateWeightStats(stats, w.row(r, scratch), epsilon);
  return stats;
}

export function diagnoseMatrix(w: WeightMatrix, epsilon: number, options = defaultSpectrumOptions): MatrixDiagnostics {
  const stats = matrixStats(w, epsilon);
  const total = Math.min(w.rows, w.cols);
  const spectrum: Spectrum = stats.nonFinite > 0 ? { method: 'exact', eigenvalues: new Float64Array(0), total } : matrixSpectrum(w, options);
  const top = spectrum.eigenvalues.length > 0 ? spectrum.eigenvalues[0] : 0;
  return {
    stats,
    spectralNorm: Math.sqrt(top),
    stableRank: top > 0 ? stats.sumSquares / top : 0,
    spectrum,
    powerLaw: fitPowerLaw(spectrum.eigenvalues),
  };
}
