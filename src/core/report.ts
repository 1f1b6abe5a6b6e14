/** What training reports: one EpochReport per epoch and a TrainResult at the end. */
import type { Baseline } from './verdict';
import type { RunPictures } from './pictures/types';
import type { ThreadUse } from './kernels/shared';

export type MetricName = 'accuracy' | 'r2';

export interface LayerDiagnostics {
  /** 0-based index of the dense layer; the last one is the output layer. */
  layer: number;
  inputs: number;
  outputs: number;
  frobenius: number;
  l1: number;
  maxAbs: number;
  /** Fraction of weights with |w| ≤ sparsityEpsilon. */
  sparsity: number;
  /** Fraction of weights exactly 0 (what L1's proximal step produces). */
  exactZeros: number;
  /** Units whose incoming weights are all ≤ ε, or that are never active on the probe data (relu family). */
  deadUnits: number;
  /** Fraction of (example, unit) pre-activations in the activation's near-linear regime; null for the output layer. */
  linearFraction: number | null;
  /** Largest singular value of W, by power iteration. */
  spectralNorm: number;
  /** ‖W‖²_F / ‖W‖²₂: how many directions carry the weight. */
  stableRank: number;
}

export interface Histogram {
  layer: number;
  /** Bin edges, bins + 1 of them, symmetric around 0. */
  edges: number[];
  counts: number[];
}

export interface EpochReport {
  /** 1-based. */
  epoch: number;
  /** Data loss on the training set (mean, true labels, no dropout or noise), measured after the epoch's updates. */
  trainLoss: number;
  /** The penalty term at the end of the epoch (0 without a penalty). */
  penalty: number;
  /**
   * What the optimizer minimizes: the training data loss + penalty, the data loss taken against the
   * smoothed targets under label smoothing. Dropout and input noise are off in every reported loss.
   */
  objective: number;
  /** Data loss on validation data: regularization acts in training only. */
  valLoss: number | null;
  trainMetric: number;
  valMetric: number | null;
  /** valLoss − trainLoss. */
  gap: number | null;
  /** trainMetric − valMetric. */
  metricGap: number | null;
  /** Mean over the epoch's steps of ‖∇(data loss + smooth penalty)‖₂. */
  gradientNorm: number;
  learningRate: number;
  ms: number;
  layers: LayerDiagnostics[];
  histograms: Histogram[] | null;
}

/**
 * 'converged': FISTA on a convex model reached `training.tolerance` (see fista.ts).
 * 'weightsZero': a layer's weights all reached 0 (λ too large), so the run predicts a constant.
 * 'failed': the run's worker crashed or ran out of memory; the epochs it reported are kept.
 */
export type StopReason = 'completed' | 'converged' | 'earlyStopped' | 'diverged' | 'cancelled' | 'weightsZero' | 'failed';

/** Diverged, all-zero and failed runs are not results: the CLI exits 1 for them. */
export function isUsefulRun(reason: StopReason): boolean {
  return reason !== 'diverged' && reason !== 'weightsZero' && reason !== 'failed';
}

export interface LayerWeights {
  inputs: number;
  outputs: number;
  /** outputs × inputs, row-major: the layout of PyTorch's nn.Linear.weight. */
  weight: Float32Array;
  bias: Float32Array;
}

export interface Compression {
  parameters: number;
  nonZeros: number;
  denseBytes: number;
  /** float32 values + int32 column indices + int32 row pointers, per layer. */
  csrBytes: number;
}

export interface TrainResult {
  stopReason: StopReason;
  /** A sentence for the user, e.g. why training diverged. */
  message: string;
  epochs: EpochReport[];
  /** Epoch with the lowest validation loss (or objective without validation); 0 if none finished. */
  bestEpoch: number;
  /** The report describing the returned weights: the best epoch's when early stopping restored them. */
  final: EpochReport | null;
  /** First epoch after which the validation loss kept rising while the training loss fell; null if none. */
  overfittingOnset: number | null;
  metric: MetricName;
  weights: LayerWeights[];
  compression: Compression;
  /** The kernel path the run trained on: 'webassembly-relaxed-simd', 'webassembly-simd' or 'typescript'. */
  kernels: string;
  /** The threads the run used (TrainOptions.threads): 2 while a helper thread shared its large GEMMs or computed its reports, else 1. */
  threads: ThreadUse;
  /** Whether a helper thread computed the epoch reports while the next epoch trained (threads is then 2). */
  helperReports: boolean;
  /** Present when TrainOptions.checkpoint asked for it. */
  checkpoint?: TrainCheckpoint;
  /** Present when TrainOptions.pictures asked for them. */
  pictures?: RunPictures;
}

/** Optimizer (or FISTA) state: step counters and moment buffers, in a form that survives structured cloning. */
export interface UpdateState {
  scalars: number[];
  buffers: Float32Array[];
}

/**
 * Everything needed to continue a run exactly where it stopped: training E₁ epochs, then resuming
 * to E₂, gives the bits of training E₂ epochs at once (successive halving resumes its survivors).
 */
export interface TrainCheckpoint {
  /** The current weights (not the best epoch's). */
  weights: LayerWeights[];
  update: UpdateState;
  shuffle: { rng: number[]; order: Uint32Array };
  spectralVectors: Float64Array[];
  /** The dropout and input-noise streams' positions, when the run uses them. */
  noise?: number[][];
  reports: EpochReport[];
  best: { epoch: number; value: number; weights: LayerWeights[] | null };
  stop: { reason: StopReason; message: string } | null;
  /** What the run's divergence is judged against, from before its first epoch. */
  baseline: Baseline;
}
