/** What RegLens says about each tensor of a model and about the model as a whole: plain data, JSON-ready. */
import { scaleFactor } from '../penalties';
import type { PenaltyScale } from '../spec';
import type { MatrixDiagnostics, SpectrumMethod } from './matrixDiagnostics';
import { alphaReading } from './powerLaw';
import type { WeightStats } from './weightStats';

export interface LayerReport {
  name: string;
  file: string;
  shape: number[];
  dtype: string;
  parameters: number;
  /** rows × cols analysed, with a note when the shape was flattened or transposed; null for vectors. */
  matrix: { rows: number; cols: number; note: string | null } | null;
  /** False for dtypes that are listed, not analysed (integers, 8-bit floats): then every number is null. */
  analysed: boolean;
  frobenius: number | null;
  l1: number | null;
  maxAbs: number | null;
  /** Count of values exactly 0. */
  exactZeros: number | null;
  /** Share of values with |w| ≤ epsilon. */
  sparsity: number | null;
  epsilon: number;
  /** NaN and ±∞ values, left out of every sum. */
  nonFinite: number | null;
  spectralNorm: number | null;
  stableRank: number | null;
  alpha: number | null;
  alphaXmin: number | null;
  alphaSigma: number | null;
  alphaKsDistance: number | null;
  /** Eigenvalues ≥ x_min. */
  alphaTail: number | null;
  /** Heuristic (WeightWatcher): α < 2 over-trained, α > 6 under-trained. */
  alphaReading: 'over-trained' | 'typical' | 'under-trained' | null;
  spectrumMethod: SpectrumMethod | null;
  /** Eigenvalues computed / min(rows, cols). */
  eigenvaluesComputed: number | null;
  eigenvaluesTotal: number | null;
}

export interface TensorDescription {
  name: string;
  file: string;
  shape: number[];
  dtype: string;
  parameters: number;
  matrix: { rows: number; cols: number; note: string | null } | null;
}

export function unanalysedLayer(tensor: TensorDescription, epsilon: number): LayerReport {
  return {
    ...tensor, analysed: false, frobenius: null, l1: null, maxAbs: null, exactZeros: null, sparsity: null, epsilon, nonFinite: null,
    spectralNorm: null, stableRank: null, alpha: null, alphaXmin: null, alphaSigma: null, alphaKsDistance: null, alphaTail: null,
    alphaReading: null, spectrumMethod: null, eigenvaluesComputed: null, eigenvaluesTotal: null,
  };
}

export function vectorLayer(tensor: TensorDescription, stats: WeightStats, epsilon: number): LayerReport {
  return {
    ...unanalysedLayer(tensor, epsilon),
    analysed: true,
    frobenius: Math.sqrt(stats.sumSquares),
    l1: stats.sumAbs,
    maxAbs: stats.maxAbs,
    exactZeros: stats.exactZeros,
    sparsity: stats.count > 0 ? stats.belowEpsilon / stats.count : 0,
    nonFinite: stats.nonFinite,
  };
}

export function matrixLayer(tensor: TensorDescription, d: MatrixDiagnostics, epsilon: number): LayerReport {
  const fit = d.powerLaw;
  return {
    ...vectorLayer(tensor, d.stats, epsilon),
    spectralNorm: d.spectralNorm,
    stableRank: d.stableRank,
    alpha: fit?.alpha ?? null,
    alphaXmin: fit?.xmin ?? null,
    alphaSigma: fit?.sigma ?? null,
    alphaKsDistance: fit?.ksDistance ?? null,
    alphaTail: fit?.tailCount ?? null,
    alphaReading: fit === null ? null : alphaReading(fit.alpha),
    spectrumMethod: d.spectrum.method,
    eigenvaluesComputed: d.spectrum.eigenvalues.length,
    eigenvaluesTotal: d.spectrum.total,
  };
}

export interface ModelSummary {
  tensors: number;
  matrices: number;
  parameters: number;
  /** Σ‖W‖²_F over the weight matrices (tensors of two or more dimensions). */
  sumSquares: number;
  /** Σ|w| over the same. */
  sumAbs: number;
  /** The L2 penalty Σ‖W‖²_F would cost at λ with m training rows, under each of RegLens's conventions. */
  l2Penalty: { lambda: number; m: number } & Record<PenaltyScale, number>;
  meanAlpha: number | null;
}

export function summarizeModel(layers: LayerReport[], lambda: number, m: number): ModelSummary {
  const matrices = layers.filter((l) => l.matrix !== null);
  const sumSquares = matrices.reduce((s, l) => s + (l.frobenius ?? 0) ** 2, 0);
  const alphas = matrices.flatMap((l) => (l.alpha === null ? [] : [l.alpha]));
  const scales: PenaltyScale[] = ['2m', 'half', 'sum'];
  return {
    tensors: layers.length,
    matrices: matrices.length,
    parameters: layers.reduce((s, l) => s + l.parameters, 0),
    sumSquares,
    sumAbs: matrices.reduce((s, l) => s + (l.l1 ?? 0), 0),
    l2Penalty: { lambda, m, ...(Object.fromEntries(scales.map((s) => [s, lambda * scaleFactor(s, m) * sumSquares])) as Record<PenaltyScale, number>) },
    meanAlpha: alphas.length > 0 ? alphas.reduce((a, b) => a + b, 0) / alphas.length : null,
  };
}
