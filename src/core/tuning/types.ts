/** The plain data of a tuning run: settings, jobs for the worker pool, their results, and the summary. */
import type { LayerWeights, MetricName, StopReason, TrainCheckpoint } from '../report';
import type { TrainSpec } from '../spec';
import type { FoldSpec } from './folds';
import type { LambdaRange } from './grid';
import type { LambdaChoice, MeanSE } from './rules';
import type { StrengthName } from './strength';

/** How `Tune λ` searches: the config's `tuning` block, defaults filled in. */
export interface TuningSpec {
  /** What the grid varies: the penalty's λ (when absent) or another regularizer's strength (see strength.ts); "λ" below means that strength. */
  strength?: StrengthName;
  /** 'auto': 13 values from λ_max (computed from the data, see grid.ts) down four decades. */
  lambdas: LambdaRange | number[] | 'auto';
  /** Also try λ = 0 as the unregularized baseline. */
  includeZero: boolean;
  folds: number;
  /** Shuffle the rows by the data seed before cutting folds; false keeps their order (contiguous folds unless stratified). */
  shuffle?: boolean;
  /** Give every fold each class's share (classification only). */
  stratify?: boolean;
  /** valLoss: lower is better; valMetric (accuracy, R²): higher is better. */
  metric: 'valLoss' | 'valMetric';
  /** 'min': best mean score; '1se': largest λ within one standard error of the best (glmnet's rule). */
  rule: 'min' | '1se';
  strategy: 'grid' | 'halving';
  /**
   * Start each λ from the next larger λ's weights. Honoured only where it leaves the answer unchanged:
   * no hidden layers and full-batch training (a convex problem with one optimum per λ).
   */
  warmStart: boolean;
}

/** A TuningSpec plus where the folds come from. */
export interface TuningSettings extends TuningSpec {
  /** Seed of the folds: the data seed, so the folds stay fixed across tuning runs. */
  seed: number;
  /** Standardize each fold on its own training rows. */
  standardize: boolean;
  /** Successive halving keeps 1/eta of the λ values per rung and multiplies the epochs by eta (default 3). */
  eta?: number;
}

/**
 * One unit of work for a worker: train `lambdas` in order on one fold (or, with fold −1, on all rows
 * for the coefficient path). With warmStart each λ starts from the previous one's weights, which
 * makes the list sequential; the jobs of one stage are independent of each other.
 */
export interface TuningJob {
  id: number;
  stage: number;
  fold: number;
  /** The strength each `lambdas` value sets; absent: λ. */
  strength?: StrengthName;
  lambdas: number[];
  epochs: number;
  warmStart: boolean;
  spec: TrainSpec;
  folds: FoldSpec;
  /** Stop a λ once the objective improves by less than this fraction over a window of epochs; 0 runs every epoch. */
  tolerance: number;
  /** Return the final weights (the coefficient path needs them). */
  keepWeights: boolean;
  /** A single-λ job of a later halving rung continues the previous rung's run from here. */
  resume: TrainCheckpoint | null;
  /** Return a checkpoint, so the next rung can continue the run instead of starting over. */
  keepCheckpoint: boolean;
}

/** What one λ on one fold ended with: the final (or restored best) epoch's numbers. */
export interface FoldOutcome {
  lambda: number;
  fold: number;
  stage: number;
  epochs: number;
  stopReason: StopReason | 'converged';
  trainLoss: number;
  valLoss: number | null;
  trainMetric: number;
  valMetric: number | null;
  objective: number;
  /** Σ over layers of ‖W‖_F. */
  frobenius: number;
  /** Fractions over all weights (not biases): |w| ≤ ε, and exactly 0. */
  sparsity: number;
  exactZeros: number;
  ms: number;
  /** Epochs this job trained: a resumed run's earlier epochs are not counted again. */
  trainedEpochs: number;
  weights: LayerWeights[] | null;
  checkpoint: TrainCheckpoint | null;
}

export interface TuningJobResult {
  job: number;
  outcomes: FoldOutcome[];
}

/** One point of the cross-validated curve: every number is a mean over folds. */
export interface LambdaStats {
  lambda: number;
  /** The chosen metric, which the rules compare. */
  score: MeanSE;
  trainLoss: MeanSE;
  valLoss: MeanSE;
  trainMetric: MeanSE;
  valMetric: MeanSE;
  frobenius: number;
  sparsity: number;
  exactZeros: number;
  epochs: number;
  /** Folds whose training diverged. */
  diverged: number;
  /** The chosen metric on each fold, in fold order (null where a fold has no score). */
  foldScores: (number | null)[];
}

/** A λ successive halving stopped early, with the score that dropped it. */
export interface DroppedLambda {
  lambda: number;
  epochs: number;
  score: MeanSE;
}

/** Every weight of a model without hidden layers against λ, trained on all rows (standardized units when the data is). */
export interface CoefficientPath {
  featureNames: string[];
  /** Rows of each weight matrix: 1, or the number of classes for softmax. */
  outputs: number;
  points: { lambda: number; weight: number[]; bias: number[]; exactZeros: number }[];
}

/**
 * For a network with hidden layers: each input feature's first-layer group norm ‖W₁[:, j]‖₂ against λ,
 * trained on all rows, each λ warm-started from the next smaller one (see plan.ts).
 */
export interface InputPath {
  featureNames: string[];
  /** Largest λ first; `norms` in the features' order. */
  points: { lambda: number; norms: number[] }[];
}

export interface TuningCost {
  /** Epochs trained over all jobs, path included. */
  epochs: number;
  /** Of which the path's run on all rows. */
  pathEpochs: number;
  /** What a plain grid costs: λ values × (folds, plus the path's run on all rows) × epochs. */
  gridEpochs: number;
  /** Training time summed over jobs (CPU), and from plan to result (wall, including waits for a pool). */
  trainingMs: number;
  wallMs: number;
  jobs: number;
}

/** The group column of grouped folds, and how many groups the cross-validated rows hold. */
export interface FoldGroups {
  column: string;
  groups: number;
}

export interface TuningResult {
  /** What `lambdas` and the curve's λ are the strength of; absent (tunings saved before other strengths): λ. */
  strength?: StrengthName;
  strategy: TuningSettings['strategy'];
  metric: TuningSettings['metric'];
  /** What valMetric measures for this task. */
  metricName: MetricName;
  rule: TuningSettings['rule'];
  folds: number;
  seed: number;
  /** The fold (0..k−1) of every cross-validated row, in the rows' order. */
  foldAssignment: number[];
  /** Grouped k-fold: the group column each fold keeps whole; null for row-wise folds. */
  foldGroups: FoldGroups | null;
  /** The grid, largest first. */
  lambdas: number[];
  /** Whether warm starts were used (asked for and sound for this model). */
  warmStart: boolean;
  /** The cross-validated curve at the full epoch budget, largest λ first. */
  curve: LambdaStats[];
  dropped: DroppedLambda[];
  lambdaMin: LambdaChoice | null;
  lambda1se: LambdaChoice | null;
  /** The rule's pick. */
  chosen: number | null;
  path: CoefficientPath | null;
  /** Networks with hidden layers: which inputs each λ switches off. */
  inputPath: InputPath | null;
  /** The rungs: epochs and the λ values trained at each (one stage for the grid). */
  stages: { epochs: number; lambdas: number[] }[];
  cost: TuningCost;
  stopReason: 'completed' | 'cancelled';
}
