/** The λ values a tuning run tries: largest first, so a warm-started path goes from sparse to dense. */
import type { Dataset } from '../data/dataset';
import { outputWidth } from '../data/dataset';
import { exactLinearLoss } from '../dataLoss';
import { losses } from '../losses';
import { scaleFactor } from '../penalties';
import { lossForTask, type TrainSpec } from '../spec';
import { fullData } from './folds';

/** count values evenly spaced on a log scale from min to max. */
export interface LambdaRange {
  min: number;
  max: number;
  count: number;
}

/** The grid, sorted largest first without duplicates; λ = 0 (no penalty) is appended when asked. */
export function lambdaGrid(lambdas: LambdaRange | readonly number[], includeZero: boolean): number[] {
  const values = Array.isArray(lambdas) ? listed(lambdas as readonly number[]) : logSpaced(lambdas as LambdaRange);
  if (includeZero) values.push(0);
  return [...new Set(values)].sort((a, b) => b - a);
}

function listed(lambdas: readonly number[]): number[] {
  if (lambdas.length === 0) throw new Error('tuning.lambdas: the list is empty; give at least one λ');
  lambdas.forEach((lambda, i) => {
    if (!(Number.isFinite(lambda) && lambda >= 0)) throw new Error(`tuning.lambdas[${i}]: λ must be a finite number ≥ 0, got ${lambda}`);
  });
  return [...lambdas];
}

function logSpaced({ min, max, count }: LambdaRange): number[] {
  if (!(Number.isFinite(min) && min > 0)) throw new Error(`tuning.lambdas.min: must be > 0 for a log-spaced grid, got ${min}`);
  if (!(Number.isFinite(max) && max >= min)) throw new Error(`tuning.lambdas.max: must be ≥ min (${min}), got ${max}`);
  if (!(Number.isInteger(count) && count >= 1)) throw new Error(`tuning.lambdas.count: must be a whole number ≥ 1, got ${count}`);
  if (count === 1 || max === min) return [max];
  const step = Math.log(max / min) / (count - 1);
  // The ends are exact, so a grid from 1e-5 to 10 shows 1e-5 and 10, not 9.999999999.
  return Array.from({ length: count }, (_, i) => (i === 0 ? max : i === count - 1 ? min : max * Math.exp(-step * i)));
}

/** How many decades below λ_max the automatic grid reaches (glmnet's default: λ_min = 1e-4·λ_max). */
const autoDecades = 4;
const autoCount = 13;

/**
 * λ_max from the data: the data loss's largest gradient on a weight, at zero weights and the best
 * intercept (m = all rows). For a model without hidden layers and a penalty with an L1 part it is
 * exactly the smallest λ that keeps every weight at zero (glmnet's λ_max); for L2, or networks with
 * hidden layers, the same number is a start on the data's own scale: there the penalty's pull at
 * |w| = ½ already matches the data's strongest pull on a linear model.
 */
export function lambdaMax(rows: Dataset, spec: TrainSpec, standardize: boolean): number {
  const { train } = fullData(rows, standardize);
  const outputs = outputWidth(train);
  const loss = losses[lossForTask(train.task)];
  const weights = new Float64Array(outputs * train.features);
  const gradient = [new Float64Array(weights.length), new Float64Array(outputs)];
  exactLinearLoss(loss, train, outputs).valueAndGradient([weights, bestIntercept(train, outputs)], gradient);
  const largest = gradient[0].reduce((max, g) => Math.max(max, Math.abs(g)), 0);
  const { penalty, l1Ratio, scale } = spec.regularization;
  const l1Share = penalty === 'l1' ? 1 : penalty === 'elasticNet' && l1Ratio > 0 ? l1Ratio : 1;
  return largest / (scaleFactor(scale, train.rows) * l1Share);
}

/** The intercept that fits the data best with all weights zero: the mean, the log-odds, the log class shares. */
function bestIntercept(data: Dataset, outputs: number): Float64Array {
  const counts = new Float64Array(Math.max(outputs, 2));
  let sum = 0;
  for (let i = 0; i < data.rows; i++) {
    sum += data.y[i];
    if (data.task !== 'regression') counts[data.y[i]]++;
  }
  const clamp = (p: number) => Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  if (data.task === 'regression') return Float64Array.of(sum / data.rows);
  if (data.task === 'binary') {
    const p = clamp(sum / data.rows);
    return Float64Array.of(Math.log(p / (1 - p)));
  }
  return Float64Array.from({ length: outputs }, (_, c) => Math.log(clamp(counts[c] / data.rows)));
}

/** The automatic grid: 13 values from λ_max down four decades, largest first. */
export function autoGrid(max: number | null): number[] {
  if (max === null || !(max > 0 && Number.isFinite(max))) throw new Error('tuning.lambdas "auto": the data gives no gradient at zero weights (constant target?); list the λ values instead');
  return logSpaced({ min: max * 10 ** -autoDecades, max, count: autoCount });
}

/** Which end of the grid a picked λ sits at, if any. */
export function gridEnd(lambdas: readonly number[], lambda: number | undefined): 'largest' | 'smallest' | null {
  const positive = lambdas.filter((l) => l > 0);
  if (lambda === undefined || positive.length < 2) return null;
  return lambda === Math.max(...positive) ? 'largest' : lambda === Math.min(...positive) ? 'smallest' : null;
}

/** The grid extended by `decades` beyond the given end, at its own log spacing (largest first). */
export function extendGrid(lambdas: readonly number[], end: 'largest' | 'smallest', decades = 2): number[] {
  const positive = [...new Set(lambdas.filter((l) => l > 0))].sort((a, b) => b - a);
  const step = positive.length > 1 ? Math.log(positive[0] / positive[positive.length - 1]) / (positive.length - 1) : Math.log(10);
  const extra = Math.max(1, Math.round((decades * Math.log(10)) / step));
  const from = end === 'largest' ? positive[0] : positive[positive.length - 1];
  const added = Array.from({ length: extra }, (_, i) => from * Math.exp((end === 'largest' ? 1 : -1) * step * (i + 1)));
  return [...positive, ...added, ...lambdas.filter((l) => l === 0)].sort((a, b) => b - a);
}
