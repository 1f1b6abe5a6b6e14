/** The numeric core's public surface: what the worker, the CLI and the tests import. */
export * from './spec';
export * from './report';
export type { Dataset, TrainingData } from './data/dataset';
export { outputWidth } from './data/dataset';
export type * from './data/spec';
export type { RunRecord, RunSummary, TuningRecord } from './runRecord';
export { train, type TrainOptions } from './trainer';
export { describeObjective, lambdaEquivalents, convertLambda, type LambdaEquivalents } from './objective';
export { penaltyCoefficients, type PenaltyCoefficients } from './penalties';
export { createRng, type Rng } from './rng';
export { typescriptKernels, type Kernels } from './matrix';
export { bestEpoch, improves, lossGap, overfittingOnset, type LossPoint } from './generalization';
