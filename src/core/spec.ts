/** What one training run is asked to do: the model, the training loop and the regularization. */
import type { ConventionName } from './conventions';

export type Activation = 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid' | 'linear';
export type Init = 'auto' | 'he' | 'glorot';
export type LossName = 'mse' | 'binaryCrossEntropy' | 'softmaxCrossEntropy';
export type PenaltyName = 'none' | 'l1' | 'l2' | 'elasticNet';
/** How λ scales the penalty; see `penaltyCoefficients` in penalties.ts for the exact forms. */
export type PenaltyScale = '2m' | 'half' | 'sum';
export type OptimizerName = 'sgd' | 'momentum' | 'adam' | 'adamw' | 'fista';
export type Task = 'regression' | 'binary' | 'multiclass';

export interface ModelSpec {
  /** Widths of the hidden layers; [] is a linear / logistic / softmax regression. */
  hidden: number[];
  activation: Activation;
  init: Init;
  /** Slope of leakyRelu for negative inputs. */
  leakySlope: number;
}

export interface EarlyStoppingSpec {
  /** Epochs without a validation-loss improvement of at least minDelta before stopping. */
  patience: number;
  minDelta: number;
  /** Put back the weights of the best validation epoch when training ends. */
  restoreBest: boolean;
}

export interface TrainingSpec {
  epochs: number;
  /** Rows per minibatch; 0 means the full training set in one batch. */
  batchSize: number;
  optimizer: OptimizerName;
  learningRate: number;
  /** Momentum coefficient of the `momentum` optimizer. */
  momentum: number;
  nesterov: boolean;
  beta1: number;
  beta2: number;
  adamEpsilon: number;
  seed: number;
  earlyStopping: EarlyStoppingSpec | null;
  /** Stop as diverged when the training objective exceeds this multiple of its first value. */
  divergenceFactor: number;
  /**
   * FISTA on a model without hidden layers stops once its relative optimality (KKT) residual is at
   * most this (see fista.ts); 0 runs every epoch.
   */
  tolerance: number;
}

export interface RegularizationSpec {
  penalty: PenaltyName;
  lambda: number;
  scale: PenaltyScale;
  /** Share of L1 in the elastic net: l1Ratio·L1 + (1 − l1Ratio)·L2. */
  l1Ratio: number;
  applyToBias: boolean;
  /** Decoupled (AdamW-style) decay: w ← w − η·weightDecay·w, beside the gradient. */
  weightDecay: number;
  /**
   * The library whose terms the config wrote λ and l1Ratio in (see conventions.ts); a complete spec
   * holds them converted to RegLens terms, and keeps the name for the objective text.
   */
  convention: ConventionName;
  /** Inverted dropout rate p of the hidden activations in training steps: one for every hidden layer, or one per hidden layer; 0 is off. */
  dropout: number | number[];
  /** Max-norm radius c of every unit's incoming weights, enforced after each step; 0 is off. */
  maxNorm: number;
  /** σ of the Gaussian noise added to the inputs in training steps; 0 is off. */
  inputNoise: number;
  /** ε of label smoothing for classification losses in training steps; 0 is off. */
  labelSmoothing: number;
}

export interface DiagnosticsSpec {
  /** |w| ≤ sparsityEpsilon counts as (near) zero. */
  sparsityEpsilon: number;
  /** Epochs (1-based) that record weight histograms, [] for the first and middle; the last always does. */
  histogramEpochs: number[];
  histogramBins: number;
  /** Epochs (1-based) that take pictures when asked (decision grid, network, pre-activations), [] for the first and the quarters; the last always does. */
  pictureEpochs: number[];
}

export interface TrainSpec {
  model: ModelSpec;
  training: TrainingSpec;
  regularization: RegularizationSpec;
  diagnostics: DiagnosticsSpec;
}

export const defaultModel: ModelSpec = { hidden: [32], activation: 'relu', init: 'auto', leakySlope: 0.01 };

export const defaultTraining: TrainingSpec = {
  epochs: 50,
  batchSize: 32,
  optimizer: 'sgd',
  learningRate: 0.05,
  momentum: 0.9,
  nesterov: false,
  beta1: 0.9,
  beta2: 0.999,
  adamEpsilon: 1e-8,
  seed: 1,
  earlyStopping: null,
  divergenceFactor: 1e4,
  tolerance: 1e-9,
};

export const defaultRegularization: RegularizationSpec = {
  penalty: 'none',
  lambda: 0,
  scale: '2m',
  l1Ratio: 0.5,
  applyToBias: false,
  weightDecay: 0,
  convention: 'reglens',
  dropout: 0,
  maxNorm: 0,
  inputNoise: 0,
  labelSmoothing: 0,
};

export const defaultDiagnostics: DiagnosticsSpec = { sparsityEpsilon: 1e-3, histogramEpochs: [], histogramBins: 30, pictureEpochs: [] };

/** Partial specs as users write them; missing fields take the defaults above. */
export interface PartialTrainSpec {
  model?: Partial<ModelSpec>;
  training?: Partial<Omit<TrainingSpec, 'earlyStopping'>> & { earlyStopping?: Partial<EarlyStoppingSpec> | null };
  regularization?: Partial<RegularizationSpec>;
  diagnostics?: Partial<DiagnosticsSpec>;
}

export function completeSpec(partial: PartialTrainSpec = {}): TrainSpec {
  const { earlyStopping, ...training } = partial.training ?? {};
  return {
    model: { ...defaultModel, ...partial.model },
    training: {
      ...defaultTraining,
      ...training,
      earlyStopping: earlyStopping ? { patience: 10, minDelta: 0, restoreBest: true, ...earlyStopping } : null,
    },
    regularization: { ...defaultRegularization, ...partial.regularization },
    diagnostics: { ...defaultDiagnostics, ...partial.diagnostics },
  };
}

/** The loss that fits a task: the output layer is linear and the loss owns its link (sigmoid, softmax). */
export function lossForTask(task: Task): LossName {
  return task === 'regression' ? 'mse' : task === 'binary' ? 'binaryCrossEntropy' : 'softmaxCrossEntropy';
}
