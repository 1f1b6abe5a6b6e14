/** Tuning a regularizer's strength (λ by default): grids, k-fold CV, λ_min / λ_1se, warm-started paths and successive halving (see tuning/plan.ts). */
import type { Dataset } from './data/dataset';
import type { TrainSpec } from './spec';
import { runTuningJob, type JobOptions } from './tuning/job';
import { planTuning } from './tuning/plan';
import type { FoldOutcome, TuningResult, TuningSettings } from './tuning/types';

export { lambdaGrid, type LambdaRange } from './tuning/grid';
export { foldAssignment, foldData, fullData, makeFolds, type FoldSpec } from './tuning/folds';
export { badness, lambda1se, lambdaMin, meanAndSE, type Direction, type LambdaChoice, type MeanSE } from './tuning/rules';
export { chooseLambdas, coefficientPath, metricDirection, summarize } from './tuning/summarize';
export { convergenceTolerance, isConvexFullBatch, planTuning, rungBudgets, TuningPlan } from './tuning/plan';
export { runTuningJob, type JobOptions } from './tuning/job';
export { strengths, type Strength, type StrengthName } from './tuning/strength';
export type * from './tuning/types';

export interface TuningProgress {
  stage: number;
  stages: number;
  /** (λ, fold) pairs finished in this stage, and how many it has. */
  done: number;
  total: number;
  outcome: FoldOutcome;
}

/** Runs a whole tuning in this thread, stage by stage: the CLI's way, and the reference for the pool. */
export function runTuningSync(
  spec: TrainSpec,
  settings: TuningSettings,
  rows: Dataset,
  options: { signal?: JobOptions['signal']; onProgress?: (progress: TuningProgress) => void; tolerance?: number } = {},
): TuningResult {
  const plan = planTuning(spec, settings, rows, { tolerance: options.tolerance });
  for (let jobs = plan.nextJobs(); jobs.length > 0; jobs = plan.nextJobs()) {
    const total = jobs.reduce((sum, job) => sum + job.lambdas.length, 0);
    let done = 0;
    const stage = jobs[0].stage;
    const onOutcome = (outcome: FoldOutcome) => options.onProgress?.({ stage, stages: plan.budgets.length, done: ++done, total, outcome });
    plan.accept(jobs.map((job) => runTuningJob(job, rows, { signal: options.signal, onOutcome })));
  }
  return plan.result();
}
