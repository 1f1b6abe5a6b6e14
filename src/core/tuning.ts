/** λ tuning: grids, k-fold CV, λ_min / λ_1se, warm-started paths and successive halving (see tuning/plan.ts), one stage driver. */
export { autoGrid, extendGrid, gridEnd, lambdaGrid, lambdaMax, type LambdaRange } from './tuning/grid';
export { foldAssignment, foldData, fullData, groupFolds, makeFolds, type FoldSpec } from './tuning/folds';
export { badness, lambda1se, lambdaMin, meanAndSE, type Direction, type LambdaChoice, type MeanSE } from './tuning/rules';
export { chooseLambdas, coefficientPath, metricDirection, summarize } from './tuning/summarize';
export { convergenceTolerance, isConvexFullBatch, planTuning, rowsShape, rungBudgets, TuningPlan, type RowsShape } from './tuning/plan';
export { runTuningJob, type JobOptions } from './tuning/job';
export { inputGroupNorms, inputPath } from './tuning/inputPath';
export { driveTuning, inThisThread, type DrivenTuning, type JobEnd, type RunJob, type RunningJob, type TuningDrive, type TuningProgress } from './tuning/drive';
export { strengths, type Strength, type StrengthName } from './tuning/strength';
export type * from './tuning/types';
