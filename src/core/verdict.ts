/**
 * Whether a run is useful, and if not, the real cause: divergence judged against epoch 1, the loss at
 * initialization and the chance-level loss; a penalty, not a loss, that overflows; a regression target
 * too large for its gradients; weights all zero (λ too large).
 */
import type { Dataset } from './data/dataset';
import type { EpochReport, LayerWeights, StopReason } from './report';
import type { TrainSpec } from './spec';

export interface Stop {
  reason: StopReason;
  message: string;
}

/** What a run's epochs are judged against, fixed before its first epoch. */
export interface Baseline {
  /** Data loss and penalty of the initial weights. */
  initial: { loss: number; penalty: number };
  /** The data loss of the best constant prediction (see chanceLoss). */
  chance: number;
  /** The regression target's standard deviation; 0 for classification. */
  targetDeviation: number;
}

/** A regression target with a larger standard deviation than this makes gradients large at any usual learning rate. */
const largeTarget = 1e3;

/**
 * The data loss of the best constant prediction on these rows: the target's variance for mean squared
 * error, the entropy of the class frequencies for (binary) cross-entropy.
 */
export function chanceLoss(data: Dataset): number {
  if (data.task === 'regression') return targetDeviation(data) ** 2;
  const counts = new Float64Array(Math.max(data.classes, 2));
  for (let i = 0; i < data.rows; i++) counts[data.y[i]]++;
  let entropy = 0;
  for (const count of counts) if (count > 0) entropy -= (count / data.rows) * Math.log(count / data.rows);
  return entropy;
}

export function targetDeviation(data: Dataset): number {
  if (data.task !== 'regression') return 0;
  let sum = 0;
  for (let i = 0; i < data.rows; i++) sum += data.y[i];
  const mean = sum / data.rows;
  let squares = 0;
  for (let i = 0; i < data.rows; i++) squares += (data.y[i] - mean) ** 2;
  return Math.sqrt(squares / data.rows);
}

/** Diverged: not finite, or `factor` times above epoch 1, or above both the initial loss and chance level. */
export function divergence(report: EpochReport, first: EpochReport | undefined, baseline: Baseline, spec: TrainSpec): Stop | null {
  const factor = spec.training.divergenceFactor;
  const diverged = (what: string): Stop => ({ reason: 'diverged', message: `Diverged at epoch ${report.epoch}: ${what} (${cause(report, baseline, spec)}).` });
  if (!Number.isFinite(report.objective) || !Number.isFinite(report.gradientNorm)) {
    return diverged(penaltyOverflows(report, baseline) ? 'the penalty is not a finite number' : 'the training loss is not a finite number');
  }
  const objective = report.objective.toPrecision(3);
  if (first && report.objective > factor * Math.max(first.objective, 1e-8)) {
    return diverged(`the training objective grew from ${first.objective.toPrecision(3)} to ${objective}`);
  }
  const { loss, penalty } = baseline.initial;
  const start = loss + penalty;
  if (report.objective > factor * Math.max(start, baseline.chance, 1e-8)) {
    const levels = `the loss at initialization (${start.toPrecision(3)}) and at chance level (${baseline.chance.toPrecision(3)})`;
    return diverged(`the training objective ${objective} is over ${factor}× ${levels}`);
  }
  return null;
}

function penaltyOverflows(report: EpochReport, baseline: Baseline): boolean {
  return !Number.isFinite(baseline.initial.penalty) || (Number.isFinite(report.trainLoss) && !Number.isFinite(report.penalty));
}

function cause(report: EpochReport, baseline: Baseline, spec: TrainSpec): string {
  if (penaltyOverflows(report, baseline)) return `λ = ${spec.regularization.lambda} is too large`;
  if (baseline.targetDeviation > largeTarget) {
    return `the regression target is large (standard deviation ${baseline.targetDeviation.toPrecision(3)}): rescale the target column`;
  }
  return `the learning rate ${spec.training.learningRate} may be too large`;
}

/** A layer whose weights are all exactly zero makes the network predict the same for every input. */
export function weightsZero(weights: LayerWeights[], spec: TrainSpec): Stop | null {
  const zero = weights.map((layer) => layer.weight.every((w) => w === 0));
  if (!zero.includes(true)) return null;
  const which = zero.every(Boolean) ? 'All weights are zero' : `All weights of layer ${zero.indexOf(true) + 1} of ${weights.length} are zero`;
  const { lambda, weightDecay } = spec.regularization;
  const tooLarge = lambda > 0 || weightDecay === 0 ? 'λ is too large for this data' : 'the weight decay is too large for this data';
  return { reason: 'weightsZero', message: `${which}: ${tooLarge}; the network predicts the same for every input.` };
}
