/** The numeric core's public surface: the only file code outside src/core imports. */
export * from './spec';
export * from './report';
export type { Dataset, TrainingData } from './data/dataset';
export { outputWidth } from './data/dataset';
export type * from './data/spec';
export { bundledDatasets, bundledNames, bundledTarget } from './data/bundled';
export { CsvError, CsvParser, parseCsv, type CsvOptions } from './data/csv';
export { applyStandardization, fitStandardization, splitTrainValidation, standardize, subset, type Standardization } from './data/split';
export { generateSynthetic, type SyntheticParams } from './data/synthetic';
export type { RunRecord, RunSummary, TuningRecord } from './runRecord';
export { train, type TrainOptions } from './trainer';
export { describeObjective, lambdaEquivalents, convertLambda, type LambdaEquivalents } from './objective';
export { penaltyCoefficients, type PenaltyCoefficients } from './penalties';
export { createRng, type Rng } from './rng';
export { typescriptKernels, type Kernels } from './matrix';
export { simdAvailable } from './kernels';
export * from './tuning';
export { bestEpoch, improves, lossGap, overfittingOnset, type LossPoint } from './generalization';
