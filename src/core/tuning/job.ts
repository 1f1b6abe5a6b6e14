/** Runs one tuning job: a list of λ on one fold (or all rows), optionally warm-started along the list. */
import type { Dataset, TrainingData } from '../data/dataset';
import type { EpochReport, LayerWeights, TrainResult } from '../report';
import type { TrainSpec } from '../spec';
import { train } from '../trainer';
import { foldAssignment, foldData, fullData } from './folds';
import { strengths } from './strength';
import type { FoldOutcome, TuningJob, TuningJobResult } from './types';

export interface JobOptions {
  signal?: { readonly aborted: boolean };
  /** Called after every λ of the job. */
  onOutcome?: (outcome: FoldOutcome) => void;
}

/** Epochs over which the convergence test compares objectives. */
const convergenceWindow = 10;

/** Trains the job's λ values in order; stops the list early when cancelled. Safe to call in a worker. */
export function runTuningJob(job: TuningJob, rows: Dataset, options: JobOptions = {}): TuningJobResult {
  const data = jobData(job, rows);
  const outcomes: FoldOutcome[] = [];
  let previous: LayerWeights[] | undefined;
  const resume = job.resume ?? undefined;
  for (const lambda of job.lambdas) {
    const convergence = new Convergence(stopsAtOptimum(job.spec) ? 0 : job.tolerance, resume?.reports ?? []);
    const spec = lambdaSpec(job, lambda, data.train.rows / rows.rows);
    const started = performance.now();
    const result = train(spec, data, undefined, {
      signal: options.signal,
      stopWhen: (report) => convergence.stopAt(report),
      initialWeights: job.warmStart ? previous : undefined,
      resume,
      checkpoint: job.keepCheckpoint,
      // An outcome reads the final epoch's layers only; the stopping rules read losses every epoch.
      layerDiagnostics: 'final',
    });
    const cancelled = result.stopReason === 'cancelled';
    const trained = result.epochs.length - (resume?.reports.length ?? 0);
    const outcome = foldOutcome(job, lambda, result, performance.now() - started, trained, convergence.reached && result.stopReason === 'completed');
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
    if (cancelled) break;
    previous = result.weights;
  }
  return { job: job.id, outcomes };
}

/** Folds already cut from a dataset: a worker runs many jobs on the same rows. */
const foldCache = new WeakMap<Dataset, Map<string, TrainingData>>();

function jobData(job: TuningJob, rows: Dataset): TrainingData {
  const { count, seed, standardize, shuffle, stratify } = job.folds;
  const key = `${job.fold}/${count}/${seed}/${standardize}/${shuffle}/${stratify}`;
  const cached = foldCache.get(rows) ?? new Map<string, TrainingData>();
  foldCache.set(rows, cached);
  let data = cached.get(key);
  if (!data) {
    data = job.fold < 0 ? fullData(rows, standardize) : foldData(rows, foldAssignment(rows, job.folds), job.fold, standardize);
    cached.set(key, data);
  }
  return data;
}

/**
 * The experiment's spec at this λ and budget; without validation rows (the path) nothing can stop early.
 * Under scale '2m' the penalty is λ/2m·‖W‖², so a fold with fewer training rows would regularize
 * harder than the same λ on all rows: λ is scaled by the row share to mean the same objective.
 */
function lambdaSpec(job: TuningJob, lambda: number, rowShare: number): TrainSpec {
  const { spec } = job;
  return {
    ...spec,
    training: { ...spec.training, epochs: job.epochs, earlyStopping: job.fold < 0 ? null : spec.training.earlyStopping },
    regularization: strengths[job.strength ?? 'lambda'].apply(spec.regularization, lambda, rowShare),
  };
}

/**
 * FISTA on a convex model stops by itself at its optimality residual (training.tolerance, the same
 * rule as `train`); the objective plateau below would stop it early on a worse iterate.
 */
function stopsAtOptimum(spec: TrainSpec): boolean {
  return spec.model.hidden.length === 0 && spec.training.optimizer === 'fista';
}

/** Full-batch training of a convex model has converged when the objective stops improving. */
class Convergence {
  private readonly objectives: number[] = [];
  reached = false;

  /** `history`: the epochs of a resumed run, so it stops exactly where a straight run would. */
  constructor(private readonly tolerance: number, history: readonly EpochReport[]) {
    for (const report of history) this.stopAt(report);
  }

  /** The trainer's `stopWhen`: a sentence once the objective has plateaued. */
  stopAt(report: EpochReport): string | null {
    this.objectives.push(report.objective);
    const n = this.objectives.length;
    if (!this.reached && this.tolerance > 0 && n > convergenceWindow) {
      const before = Math.min(...this.objectives.slice(0, n - convergenceWindow));
      const now = Math.min(...this.objectives.slice(n - convergenceWindow));
      this.reached = before - now <= this.tolerance * Math.abs(now);
    }
    return this.reached ? `Converged at epoch ${report.epoch}: the objective improved by less than ${this.tolerance} (relative) over ${convergenceWindow} epochs.` : null;
  }
}

function foldOutcome(
  job: TuningJob,
  lambda: number,
  result: TrainResult,
  ms: number,
  trainedEpochs: number,
  converged: boolean,
): FoldOutcome {
  const report = scoredReport(result);
  const sizes = report?.layers.map((layer) => layer.inputs * layer.outputs) ?? [];
  const total = sizes.reduce((a, b) => a + b, 0) || 1;
  const weighted = (pick: (i: number) => number) => sizes.reduce((sum, size, i) => sum + pick(i) * size, 0) / total;
  return {
    lambda,
    fold: job.fold,
    stage: job.stage,
    epochs: result.epochs.length,
    stopReason: converged ? 'converged' : result.stopReason,
    trainLoss: report?.trainLoss ?? NaN,
    valLoss: report?.valLoss ?? null,
    trainMetric: report?.trainMetric ?? NaN,
    valMetric: report?.valMetric ?? null,
    objective: report?.objective ?? NaN,
    frobenius: report?.layers.reduce((sum, layer) => sum + layer.frobenius, 0) ?? NaN,
    sparsity: report ? weighted((i) => report.layers[i].sparsity) : NaN,
    exactZeros: report ? weighted((i) => report.layers[i].exactZeros) : NaN,
    ms,
    trainedEpochs,
    weights: job.keepWeights ? result.weights : null,
    checkpoint: result.checkpoint ?? null,
  };
}

/** The report of the returned weights; a diverged run's numbers are not a score: they count as the worst. */
function scoredReport(result: TrainResult): EpochReport | undefined {
  const report = result.final ?? undefined;
  return result.stopReason === 'diverged' && report ? { ...report, valLoss: Infinity, valMetric: -Infinity } : report;
}
