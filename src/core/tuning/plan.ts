/**
 * Plans a tuning run as stages of independent jobs, so a worker pool can spread each stage:
 *
 *   const plan = planTuning(spec, settings, rows);
 *   for (let jobs = plan.nextJobs(); jobs.length > 0; jobs = plan.nextJobs()) plan.accept(await runAll(jobs));
 *   const result = plan.result();
 *
 * Grid: one stage, every λ on every fold at the full epoch budget. Halving: rungs with budgets
 * E/ηᴿ … E/η, E; after each rung the best 1/η of the λ values go on, and so does every larger λ
 * within two standard errors of the rung's best, so the λ_1se region survives a noisy low-budget
 * rung (smaller λ only compete on rank: in the flat low-λ tail they differ by little). Each rung
 * continues its survivors' runs from the last rung's checkpoints (bit for bit what one straight run
 * would give), so the last rung ends with exactly the grid's numbers for the λ values left: when the
 * grid's λ_min and λ_1se survive, halving picks the same λ_1se and λ_min.
 *
 * Warm starts chain a fold's λ values from largest to smallest, so a stage then has one job per fold
 * (k chains in parallel) instead of one per (λ, fold); the coefficient path is one more chain.
 */
import type { Dataset } from '../data/dataset';
import { needsNoisyPass } from '../regularizers/trainingPass';
import type { TrainCheckpoint } from '../report';
import type { TrainSpec } from '../spec';
import { foldAssignment, type FoldSpec } from './folds';
import { autoGrid, lambdaGrid, lambdaMax } from './grid';
import { badness } from './rules';
import { strengths } from './strength';
import { inputPath } from './inputPath';
import { chooseLambdas, coefficientPath, metricDirection, summarize } from './summarize';
import type { DroppedLambda, FoldGroups, FoldOutcome, TuningJob, TuningJobResult, TuningResult, TuningSettings } from './types';

/**
 * Full-batch convex training has converged when the objective improves by less than this fraction
 * over 10 epochs: in float32 that is a plateau. It is what lets warm starts save epochs.
 */
export const convergenceTolerance = 1e-9;
/** The smallest epoch budget of a halving rung. */
const minimumRungEpochs = 5;
/** Halving keeps every λ whose mean is within this many standard errors of the rung's best. */
const halvingGuard = 2;

/** A model with one optimum per λ, trained deterministically: warm starts and convergence stops are sound. */
export function isConvexFullBatch(spec: TrainSpec, rows: number): boolean {
  const { optimizer, batchSize } = spec.training;
  return spec.model.hidden.length === 0 && (optimizer === 'fista' || batchSize === 0 || batchSize >= rows);
}

/** Epochs per rung, smallest first; the last is the experiment's budget. One rung for the grid. */
export function rungBudgets(epochs: number, lambdas: number, strategy: TuningSettings['strategy'], eta: number): number[] {
  if (strategy === 'grid' || lambdas < 2) return [epochs];
  let rungs = Math.floor(Math.log(lambdas) / Math.log(eta) + 1e-9);
  // A rung of a few epochs ranks λ values by noise and the guard then keeps them all: not worth its cost.
  while (rungs > 0 && epochs / eta ** rungs < minimumRungEpochs) rungs--;
  return Array.from({ length: rungs + 1 }, (_, r) => Math.max(1, Math.round(epochs / eta ** (rungs - r))));
}

/**
 * What the plan needs of the rows, worked out where the rows are (a worker, or the CLI's own thread):
 * their count, task and feature names, each row's fold, and λ_max for an "auto" grid. The numbers
 * themselves stay with the jobs.
 */
export interface RowsShape extends Pick<Dataset, 'rows' | 'task' | 'featureNames'> {
  folds: Uint8Array;
  /** The group column the folds keep whole, when the rows have one. */
  foldGroups: FoldGroups | null;
  lambdaMax: number | null;
}

export function rowsShape(rows: Dataset, spec: TrainSpec, settings: TuningSettings): RowsShape {
  const folds = foldAssignment(rows, { count: settings.folds, seed: settings.seed, standardize: settings.standardize, shuffle: settings.shuffle, stratify: settings.stratify });
  const largest = settings.lambdas === 'auto' && (settings.strength ?? 'lambda') === 'lambda' ? lambdaMax(rows, spec, settings.standardize) : null;
  const foldGroups = rows.groups ? { column: rows.groups.column, groups: new Set(rows.groups.ids).size } : null;
  return { rows: rows.rows, task: rows.task, featureNames: rows.featureNames, folds, foldGroups, lambdaMax: largest };
}

/** Plans a tuning over rows in this thread (a Dataset) or held by workers (their shape). */
export function planTuning(spec: TrainSpec, settings: TuningSettings, rows: Dataset | RowsShape, options: { tolerance?: number } = {}): TuningPlan {
  return new TuningPlan(spec, settings, 'x' in rows ? rowsShape(rows, spec, settings) : rows, options.tolerance);
}

export class TuningPlan {
  readonly lambdas: number[];
  readonly budgets: number[];
  readonly warmStart: boolean;
  private readonly folds: FoldSpec;
  private readonly assignment: Uint8Array;
  private readonly tolerance: number;
  private readonly started = performance.now();
  private stage = 0;
  private survivors: number[];
  private readonly stages: { epochs: number; lambdas: number[] }[] = [];
  private readonly pending = new Set<number>();
  private readonly outcomes: FoldOutcome[] = [];
  private readonly dropped: DroppedLambda[] = [];
  private jobCount = 0;
  private cancelled = false;
  /** Runs of the last rung that reached its budget, by λ and fold: the next rung continues them. */
  private checkpoints = new Map<string, TrainCheckpoint>();

  constructor(private readonly spec: TrainSpec, private readonly settings: TuningSettings, private readonly rows: RowsShape, tolerance?: number) {
    const strength = strengths[settings.strength ?? 'lambda'];
    const unsuitable = strength.checkSpec(spec);
    if (unsuitable) throw new Error(unsuitable);
    const eta = settings.eta ?? 3;
    if (!(eta > 1)) throw new Error(`tuning.eta: must be > 1, got ${eta}`);
    this.lambdas = settings.lambdas === 'auto' ? withZero(autoGrid(rows.lambdaMax), settings.includeZero) : lambdaGrid(settings.lambdas, settings.includeZero);
    for (const value of this.lambdas) {
      const problem = strength.checkValue(value);
      if (problem) throw new Error(`tuning.lambdas: as a ${strength.label}, ${problem}`);
    }
    this.survivors = this.lambdas;
    this.budgets = rungBudgets(spec.training.epochs, this.lambdas.length, settings.strategy, eta);
    this.folds = { count: settings.folds, seed: settings.seed, standardize: settings.standardize, shuffle: settings.shuffle, stratify: settings.stratify };
    this.assignment = rows.folds;
    // Warm starts and the convergence stop need one optimum per λ: a convex model, full batches, no random steps.
    const convex = isConvexFullBatch(spec, rows.rows) && !needsNoisyPass(strength.apply(spec.regularization, this.lambdas[0], 1));
    this.warmStart = settings.warmStart && convex;
    this.tolerance = tolerance ?? (convex ? convergenceTolerance : 0);
  }

  get finished(): boolean {
    return this.cancelled || this.stage >= this.budgets.length;
  }

  /** The next stage's jobs, or [] when tuning is over. Call accept() with all of them before asking again. */
  nextJobs(): TuningJob[] {
    if (this.pending.size > 0) throw new Error('the current stage is still running: accept its results first');
    while (!this.finished) {
      const jobs = this.stageJobs();
      this.checkpoints = new Map();
      if (jobs.length > 0) {
        for (const job of jobs) this.pending.add(job.id);
        return jobs;
      }
      this.completeStage(); // every run of this rung had stopped early in the last one
    }
    return [];
  }

  private stageJobs(): TuningJob[] {
    const epochs = this.budgets[this.stage];
    const isLast = this.stage === this.budgets.length - 1;
    this.stages.push({ epochs, lambdas: this.survivors });
    const jobs: TuningJob[] = [];
    if (isLast) jobs.push(...this.pathChains(epochs));
    for (let fold = 0; fold < this.folds.count; fold++) jobs.push(...this.chains(fold, this.resumable(fold), epochs, false));
    return jobs;
  }

  /**
   * The path on all rows: a convex model's coefficients (chained like the folds), or a network's
   * input group norms, always one warm-started chain from the smallest λ up, as LassoNet does:
   * a network that a large λ has shrunk to zero gets no gradient in its hidden units and cannot
   * grow back, so a chain from the largest λ down would stay at zero.
   */
  private pathChains(epochs: number): TuningJob[] {
    if (this.spec.model.hidden.length === 0) return this.chains(-1, this.lambdas, epochs, true);
    return this.chains(-1, [...this.lambdas].reverse(), epochs, true, true);
  }

  /**
   * The survivors this fold must train. A run that stopped before its rung's budget (early stopping,
   * convergence, divergence) would stop the same way with a larger one: its outcome carries over.
   */
  private resumable(fold: number): number[] {
    if (this.stage === 0) return this.survivors;
    const previousBudget = this.budgets[this.stage - 1];
    return this.survivors.filter((lambda) => {
      const previous = this.outcomes.find((o) => o.stage === this.stage - 1 && o.fold === fold && o.lambda === lambda)!;
      if (previous.epochs >= previousBudget) return true;
      this.outcomes.push({ ...previous, stage: this.stage, trainedEpochs: 0, ms: 0 });
      return false;
    });
  }

  private chains(fold: number, lambdas: number[], epochs: number, keepWeights: boolean, warmStart = this.warmStart): TuningJob[] {
    const isLast = this.stage === this.budgets.length - 1;
    const lists = warmStart ? [lambdas] : lambdas.map((lambda) => [lambda]);
    return lists.map((list) => ({
      id: this.jobCount++,
      stage: this.stage,
      fold,
      strength: this.settings.strength ?? 'lambda',
      lambdas: list,
      epochs,
      warmStart,
      spec: this.spec,
      folds: this.folds,
      tolerance: this.tolerance,
      keepWeights,
      resume: warmStart ? null : this.checkpoints.get(runKey(list[0], fold)) ?? null,
      keepCheckpoint: !isLast && !warmStart,
    }));
  }

  /** Takes finished jobs (in any order); when the stage is complete, picks the next rung's λ values. */
  accept(results: readonly TuningJobResult[]): void {
    for (const result of results) {
      if (!this.pending.delete(result.job)) throw new Error(`job ${result.job} is not part of the running stage`);
      for (const { checkpoint, ...outcome } of result.outcomes) {
        if (checkpoint) this.checkpoints.set(runKey(outcome.lambda, outcome.fold), checkpoint);
        this.outcomes.push({ ...outcome, checkpoint: null });
      }
      if (result.outcomes.some((o) => o.stopReason === 'cancelled')) this.cancelled = true;
    }
    if (this.pending.size === 0 && !this.cancelled) this.completeStage();
  }

  private completeStage(): void {
    if (this.stage < this.budgets.length - 1) this.survivors = this.halve();
    this.stage++;
  }

  /** The λ values that go on to the next rung, largest first; the others are recorded as dropped. */
  private halve(): number[] {
    const direction = metricDirection(this.settings.metric);
    const rung = summarize(this.stageOutcomes(this.stage), this.settings.metric);
    const ranked = [...rung].sort((a, b) => badness(a.score.mean, direction) - badness(b.score.mean, direction) || b.lambda - a.lambda);
    const best = ranked[0];
    const limit = badness(best.score.mean, direction) + halvingGuard * (Number.isFinite(best.score.se) ? best.score.se : 0);
    const keep = Math.ceil(ranked.length / (this.settings.eta ?? 3));
    // λ_1se lives above λ_min: guard the larger λ values near the best; smaller ones compete on rank only.
    const kept = ranked.filter((point, rank) => rank < keep || (point.lambda > best.lambda && badness(point.score.mean, direction) <= limit));
    for (const point of rung) {
      if (!kept.includes(point)) this.dropped.push({ lambda: point.lambda, epochs: this.budgets[this.stage], score: point.score });
    }
    return kept.map((point) => point.lambda).sort((a, b) => b - a);
  }

  private stageOutcomes(stage: number): FoldOutcome[] {
    return this.outcomes.filter((o) => o.stage === stage);
  }

  result(): TuningResult {
    const last = this.budgets.length - 1;
    const final = this.stageOutcomes(last);
    const curve = summarize(final.filter((o) => o.stopReason !== 'cancelled'), this.settings.metric).filter(
      (point) => final.filter((o) => o.lambda === point.lambda && o.fold >= 0 && o.stopReason !== 'cancelled').length === this.folds.count,
    );
    const choice = chooseLambdas(curve, metricDirection(this.settings.metric));
    const { settings } = this;
    return {
      strength: settings.strength ?? 'lambda',
      strategy: settings.strategy,
      metric: settings.metric,
      metricName: this.rows.task === 'regression' ? 'r2' : 'accuracy',
      rule: settings.rule,
      folds: this.folds.count,
      seed: this.folds.seed,
      foldAssignment: Array.from(this.assignment),
      foldGroups: this.rows.foldGroups,
      lambdas: this.lambdas,
      warmStart: this.warmStart,
      curve,
      dropped: this.dropped,
      lambdaMin: choice?.lambdaMin ?? null,
      lambda1se: choice?.lambda1se ?? null,
      chosen: choice ? (settings.rule === 'min' ? choice.lambdaMin : choice.lambda1se).lambda : null,
      path: coefficientPath(final, this.rows.featureNames),
      inputPath: inputPath(final, this.rows.featureNames),
      stages: this.stages,
      cost: {
        epochs: this.outcomes.reduce((sum, o) => sum + o.trainedEpochs, 0),
        pathEpochs: this.outcomes.reduce((sum, o) => sum + (o.fold < 0 ? o.trainedEpochs : 0), 0),
        gridEpochs: this.lambdas.length * (this.folds.count + 1) * this.spec.training.epochs,
        trainingMs: this.outcomes.reduce((sum, o) => sum + o.ms, 0),
        wallMs: performance.now() - this.started,
        jobs: this.jobCount,
      },
      stopReason: this.cancelled ? 'cancelled' : 'completed',
    };
  }
}

function withZero(lambdas: number[], includeZero: boolean): number[] {
  return includeZero ? [...lambdas, 0] : lambdas;
}

function runKey(lambda: number, fold: number): string {
  return `${lambda}/${fold}`;
}
