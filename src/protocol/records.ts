/**
 * The shared record types (a run, its epochs, a tuning) and their checks: what the worker sends, what
 * the stores read back and what the webviews receive all pass these. Stored records are untrusted
 * input (a repository may carry any `.reglens/` folder), so every field is checked.
 */
import type {
  CoefficientPath,
  Compression,
  DataSpec,
  DatasetSummary,
  DiagnosticsSpec,
  EarlyStoppingSpec,
  EpochReport,
  FoldGroups,
  Histogram,
  InputPath,
  LambdaChoice,
  LambdaEquivalents,
  LambdaRange,
  LambdaStats,
  LayerDiagnostics,
  MeanSE,
  ModelSpec,
  RegularizationSpec,
  RunRecord,
  RunSummary,
  TrainSpec,
  TrainingSpec,
  TuningCost,
  TuningRecord,
  TuningResult,
  TuningSettings,
} from '../core';
import { conventions, type ConventionName, type StrengthName } from '../core';
import { runPictures } from './pictures';
import { anything, arrayOf, boolean, defaulted, either, integer, nonNegative, nullable, number, object, oneOf, optional, refine, string, type Check } from './check';

export type {
  CoefficientPath,
  DataSpec,
  DatasetSummary,
  EpochReport,
  Histogram,
  LambdaStats,
  LayerDiagnostics,
  MetricName,
  PenaltyName,
  PenaltyScale,
  RegularizationSpec,
  RunRecord,
  RunSummary,
  StopReason,
  TrainSpec,
  TuningRecord,
  TuningResult,
} from '../core';

export const stopReason = oneOf('completed', 'converged', 'earlyStopped', 'diverged', 'cancelled', 'weightsZero', 'failed');
export const metricName = oneOf('accuracy', 'r2');
export const strengthName = oneOf<StrengthName>('lambda', 'dropout', 'maxNorm', 'inputNoise');
export const task = oneOf('regression', 'binary', 'multiclass');

const layerDiagnostics = object<LayerDiagnostics>({
  layer: integer,
  inputs: integer,
  outputs: integer,
  frobenius: number,
  l1: number,
  maxAbs: number,
  sparsity: number,
  exactZeros: number,
  deadUnits: number,
  linearFraction: nullable(number),
  spectralNorm: number,
  stableRank: number,
});

const histogram = object<Histogram>({ layer: integer, edges: arrayOf(number), counts: arrayOf(number) });

export const epochReport = object<EpochReport>({
  epoch: integer,
  trainLoss: number,
  penalty: number,
  objective: number,
  valLoss: nullable(number),
  trainMetric: number,
  valMetric: nullable(number),
  gap: nullable(number),
  metricGap: nullable(number),
  gradientNorm: number,
  learningRate: number,
  ms: number,
  layers: arrayOf(layerDiagnostics),
  histograms: nullable(arrayOf(histogram)),
});

const compression = object<Compression>({ parameters: number, nonZeros: number, denseBytes: number, csrBytes: number });

export const runSummary = object<RunSummary>({
  stopReason,
  message: string,
  bestEpoch: integer,
  overfittingOnset: nullable(integer),
  final: nullable(epochReport),
  compression,
});

const model = object<ModelSpec>({
  hidden: arrayOf(integer),
  activation: oneOf('relu', 'leakyRelu', 'tanh', 'sigmoid', 'linear'),
  init: oneOf('auto', 'he', 'glorot'),
  leakySlope: number,
});

const training = object<TrainingSpec>({
  epochs: integer,
  batchSize: integer,
  optimizer: oneOf('sgd', 'momentum', 'adam', 'adamw', 'fista'),
  learningRate: number,
  momentum: number,
  nesterov: boolean,
  beta1: number,
  beta2: number,
  adamEpsilon: number,
  seed: number,
  earlyStopping: nullable(object<EarlyStoppingSpec>({ patience: integer, minDelta: number, restoreBest: boolean })),
  divergenceFactor: number,
  // Runs saved before the KKT stop ran every epoch: tolerance 0.
  tolerance: defaulted(nonNegative, 0),
});

export const regularization = object<RegularizationSpec>({
  penalty: oneOf('none', 'l1', 'l2', 'elasticNet'),
  lambda: number,
  scale: oneOf('2m', 'half', 'sum'),
  l1Ratio: number,
  applyToBias: boolean,
  weightDecay: number,
  // Runs saved before these regularizers existed had them off.
  dropout: defaulted(either(nonNegative, arrayOf(nonNegative)), 0),
  maxNorm: defaulted(nonNegative, 0),
  inputNoise: defaulted(nonNegative, 0),
  labelSmoothing: defaulted(nonNegative, 0),
  convention: defaulted(oneOf<ConventionName>('reglens', ...conventions.flatMap((c) => (c.id === 'keras.regularizers' ? [] : [c.id]))), 'reglens'),
});

const diagnostics = object<DiagnosticsSpec>({ sparsityEpsilon: number, histogramEpochs: arrayOf(integer), histogramBins: integer, pictureEpochs: defaulted(arrayOf(integer), []) });

export const trainSpec = object<TrainSpec>({ model, training, regularization, diagnostics });

const split = { validation: number, standardize: boolean, seed: number };

export const dataSpec: Check<DataSpec> = (value, at) => {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  switch (kind) {
    case 'bundled':
      return object<Extract<DataSpec, { kind: 'bundled' }>>({ ...split, kind: oneOf('bundled'), dataset: oneOf('digits', 'breast_cancer', 'iris', 'wine', 'diabetes') })(value, at);
    case 'synthetic':
      return object<Extract<DataSpec, { kind: 'synthetic' }>>({
        ...split,
        kind: oneOf('synthetic'),
        dataset: oneOf('moons', 'circles', 'spiral', 'xor', 'blobs', 'polynomial'),
        samples: integer,
        noise: number,
        features: integer,
        classes: integer,
      })(value, at);
    default:
      return object<Extract<DataSpec, { kind: 'csv' }>>({ ...split, kind: oneOf('csv'), csv: string, target: string, task: oneOf('auto', 'regression', 'classification'), group: defaulted(nullable(string), null) })(value, at);
  }
};

export const datasetSummary = object<DatasetSummary>({
  source: string,
  task,
  features: integer,
  classes: integer,
  trainRows: integer,
  validationRows: integer,
  featureNames: arrayOf(string),
  classNames: arrayOf(string),
});

export const lambdaEquivalents = object<LambdaEquivalents>({ '2m': number, half: number, sum: number, pytorchWeightDecay: number, keras: number });

/** What the store's header fields share (run and tuning records). */
const saved = { id: string, experiment: string, createdAt: string, reglensVersion: string, config: anything, spec: trainSpec };

export const runRecord = object<RunRecord>({
  format: oneOf('reglens-run/1'),
  ...saved,
  seed: number,
  objective: string,
  lambdaEquivalents,
  dataset: datasetSummary,
  metric: metricName,
  epochs: arrayOf(epochReport),
  summary: runSummary,
  kernels: optional(string),
  threads: optional(number),
  threadsNote: optional(string),
  pictures: optional(runPictures),
});

// Tunings saved before records shared one codec wrote a diverged λ's NaN as null: read it as NaN.
const numberOrNull: Check<number> = (value, at) => (value === null ? { ok: true, value: NaN } : number(value, at));
const meanSE = object<MeanSE>({ mean: numberOrNull, se: numberOrNull });
const lambdaChoice = object<LambdaChoice>({ lambda: number, mean: numberOrNull, se: numberOrNull });

const lambdaStats = object<LambdaStats>({
  lambda: number,
  score: meanSE,
  trainLoss: meanSE,
  valLoss: meanSE,
  trainMetric: meanSE,
  valMetric: meanSE,
  frobenius: numberOrNull,
  sparsity: numberOrNull,
  exactZeros: numberOrNull,
  epochs: number,
  diverged: integer,
  foldScores: defaulted(arrayOf(nullable(number)), []),
});

/** Every point of the path has one weight per output and feature, or its lines would not line up. */
const coefficientPath = refine(
  object<CoefficientPath>({
    featureNames: arrayOf(string),
    outputs: integer,
    points: arrayOf(object<CoefficientPath['points'][number]>({ lambda: number, weight: arrayOf(number), bias: arrayOf(number), exactZeros: numberOrNull })),
  }),
  ({ featureNames, outputs, points }, at) => {
    const weights = featureNames.length * outputs;
    const bad = points.findIndex((p) => p.weight.length !== weights);
    return bad < 0 ? null : `${at}.points[${bad}].weight: expected ${weights} weights (${outputs} outputs × ${featureNames.length} features), got ${points[bad].weight.length}`;
  },
);

export const foldGroups = object<FoldGroups>({ column: string, groups: integer });

/** Every point of the input path has one norm per feature. */
const inputPath = refine(
  object<InputPath>({
    featureNames: arrayOf(string),
    points: arrayOf(object<InputPath['points'][number]>({ lambda: number, norms: arrayOf(number) })),
  }),
  ({ featureNames, points }, at) => {
    const bad = points.findIndex((p) => p.norms.length !== featureNames.length);
    return bad < 0 ? null : `${at}.points[${bad}].norms: expected ${featureNames.length} norms (one per feature), got ${points[bad].norms.length}`;
  },
);

const tuningResult = object<TuningResult>({
  strategy: oneOf('grid', 'halving'),
  metric: oneOf('valLoss', 'valMetric'),
  metricName,
  rule: oneOf('min', '1se'),
  folds: integer,
  seed: number,
  foldAssignment: defaulted(arrayOf(integer), []),
  foldGroups: defaulted(nullable(foldGroups), null),
  strength: optional(strengthName),
  lambdas: arrayOf(number),
  warmStart: boolean,
  curve: arrayOf(lambdaStats),
  dropped: arrayOf(object<TuningResult['dropped'][number]>({ lambda: number, epochs: number, score: meanSE })),
  lambdaMin: nullable(lambdaChoice),
  lambda1se: nullable(lambdaChoice),
  chosen: nullable(number),
  path: nullable(coefficientPath),
  inputPath: defaulted(nullable(inputPath), null),
  stages: arrayOf(object<TuningResult['stages'][number]>({ epochs: number, lambdas: arrayOf(number) })),
  cost: object<TuningCost>({ epochs: number, pathEpochs: defaulted(number, 0), gridEpochs: number, trainingMs: number, wallMs: number, jobs: integer }),
  stopReason: oneOf('completed', 'cancelled'),
});

const lambdaRange = object<LambdaRange>({ min: number, max: number, count: integer });

export const tuningSettings = object<TuningSettings>({
  lambdas: either(either(arrayOf(number), lambdaRange), oneOf('auto')),
  includeZero: boolean,
  folds: integer,
  metric: oneOf('valLoss', 'valMetric'),
  rule: oneOf('min', '1se'),
  strategy: oneOf('grid', 'halving'),
  warmStart: boolean,
  seed: number,
  standardize: boolean,
  eta: optional(number),
  shuffle: optional(boolean),
  stratify: optional(boolean),
  strength: optional(strengthName),
});

export const tuningRecord = object<TuningRecord>({
  format: oneOf('reglens-tuning/1'),
  ...saved,
  settings: tuningSettings,
  rows: integer,
  result: tuningResult,
});
