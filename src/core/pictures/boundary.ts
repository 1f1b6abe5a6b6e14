/**
 * The model over its input plane: the decision grid of a two-feature set, its points, and the
 * polynomial set's fitted curve. Each runs stored weights through a network on the plain kernels,
 * so the host can redraw any weights the same way the trainer does.
 */
import { activationFunction } from '../activations';
import type { Dataset, TrainingData } from '../data/dataset';
import type { Standardization } from '../data/split';
import { typescriptKernels } from '../matrix';
import { Network } from '../network';
import type { LayerWeights } from '../report';
import type { ModelSpec, Task } from '../spec';
import type { DecisionGrid, FittedCurve, GridAxis, PlanePoints, PointSet } from './types';

/** A network on the plain kernels holding `weights`, for `capacity` rows at once. */
function networkWith(weights: LayerWeights[], model: Pick<ModelSpec, 'activation' | 'leakySlope'>, capacity: number): Network {
  const sizes = [weights[0].inputs, ...weights.map((w) => w.outputs)];
  const network = new Network(sizes, activationFunction(model.activation, model.leakySlope), typescriptKernels, capacity);
  network.restore(weights);
  return network;
}

const toRaw = (value: number, feature: number, s: Standardization | null) => (s ? s.mean[feature] + s.std[feature] * value : value);
const toModel = (value: number, feature: number, s: Standardization | null) => (s ? (value - s.mean[feature]) / s.std[feature] : value);

/** Class and its probability from one row of logits (k = 1: a sigmoid output, as the BCE loss reads it). */
function classify(z: Float32Array, start: number, k: number): [number, number] {
  if (k === 1) {
    const p = 1 / (1 + Math.exp(-z[start]));
    return z[start] > 0 ? [1, p] : [0, 1 - p];
  }
  let best = 0;
  for (let c = 1; c < k; c++) if (z[start + c] > z[start + best]) best = c;
  let sum = 0;
  for (let c = 0; c < k; c++) sum += Math.exp(z[start + c] - z[start + best]);
  return [best, 1 / sum];
}

const decimals4 = (v: number) => Math.round(v * 1e4) / 1e4;
const significant6 = (v: number) => Number(v.toPrecision(6));

/**
 * Axes over features 0 and 1 spanning every training and validation point, padded by 10% of the
 * range on each side, in raw units when the standardization is given.
 */
export function planeAxes(data: TrainingData, standardization: Standardization | null, steps: number): [GridAxis, GridAxis] {
  const parts = [data.train, ...(data.validation ? [data.validation] : [])];
  return [0, 1].map((feature) => {
    let min = Infinity, max = -Infinity;
    for (const part of parts) {
      for (let i = 0; i < part.rows; i++) {
        const v = toRaw(part.x[i * part.features + feature], feature, standardization);
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    const pad = max > min ? 0.1 * (max - min) : 1;
    const name = data.train.featureNames[feature] ?? `x${feature + 1}`;
    return { feature, name, min: min - pad, max: max + pad, steps };
  }) as [GridAxis, GridAxis];
}

/** The model's prediction at each cell of the grid spanned by the two axes (see DecisionGrid). */
export function decisionGrid(
  weights: LayerWeights[],
  model: Pick<ModelSpec, 'activation' | 'leakySlope'>,
  task: Task,
  [xAxis, yAxis]: [GridAxis, GridAxis],
  standardization: Standardization | null,
): DecisionGrid {
  const network = networkWith(weights, model, xAxis.steps);
  const k = network.output.outputs;
  const input = new Float32Array(xAxis.steps * 2);
  const values: number[] = [];
  const confidence: number[] | null = task === 'regression' ? null : [];
  const at = (axis: GridAxis, i: number) => (axis.steps === 1 ? axis.min : axis.min + ((axis.max - axis.min) * i) / (axis.steps - 1));
  for (let j = 0; j < yAxis.steps; j++) {
    for (let i = 0; i < xAxis.steps; i++) {
      input[2 * i] = toModel(at(xAxis, i), 0, standardization);
      input[2 * i + 1] = toModel(at(yAxis, j), 1, standardization);
    }
    const z = network.forward(input, xAxis.steps);
    for (let i = 0; i < xAxis.steps; i++) {
      if (!confidence) {
        values.push(significant6(z[i]));
        continue;
      }
      const [label, p] = classify(z, i * k, k);
      values.push(label);
      confidence.push(decimals4(p));
    }
  }
  return { x: xAxis, y: yAxis, units: standardization ? 'raw' : 'standardized', values, confidence };
}

/** Every `step`-th row's first feature (raw units when the standardization is given), `second` and target. */
function pointSet(data: Dataset, standardization: Standardization | null, limit: number, second: (row: number) => number): PointSet {
  const step = Math.max(1, Math.ceil(data.rows / limit));
  const set: PointSet = { x: [], y: [], target: [], total: data.rows };
  for (let i = 0; i < data.rows; i += step) {
    set.x.push(toRaw(data.x[i * data.features], 0, standardization));
    set.y.push(second(i));
    set.target.push(data.y[i]);
  }
  return set;
}

function points(data: TrainingData, standardization: Standardization | null, limit: number, second: (part: Dataset, row: number) => number): PlanePoints {
  return {
    units: standardization ? 'raw' : 'standardized',
    train: pointSet(data.train, standardization, limit, (i) => second(data.train, i)),
    validation: data.validation ? pointSet(data.validation, standardization, limit, (i) => second(data.validation!, i)) : null,
  };
}

/** The points drawn over the grid (the first two features): at most `limit` per part, evenly thinned. */
export function planePoints(data: TrainingData, standardization: Standardization | null, limit = 2000): PlanePoints {
  return points(data, standardization, limit, (part, i) => toRaw(part.x[i * part.features + 1], 1, standardization));
}

/** The points under the polynomial set's curve: the raw x against the target (y = target). */
export function curvePoints(data: TrainingData, standardization: Standardization | null, limit = 2000): PlanePoints {
  return points(data, standardization, limit, (part, i) => part.y[i]);
}

/**
 * The polynomial set's fit: its features are x, x², …, x^d of one raw input x (standardized each
 * when the standardization is given), so the model is a function of x, drawn over [from, to].
 */
export function fittedCurve(
  weights: LayerWeights[],
  model: Pick<ModelSpec, 'activation' | 'leakySlope'>,
  standardization: Standardization | null,
  [from, to]: [number, number],
  steps = 200,
): FittedCurve {
  const degree = weights[0].inputs;
  const network = networkWith(weights, model, steps);
  const input = new Float32Array(steps * degree);
  const x = Array.from({ length: steps }, (_, i) => from + ((to - from) * i) / (steps - 1));
  x.forEach((t, i) => {
    for (let j = 0; j < degree; j++) input[i * degree + j] = toModel(t ** (j + 1), j, standardization);
  });
  const z = network.forward(input, steps);
  return { x, y: x.map((_, i) => significant6(z[i])) };
}

/** The range of the raw first feature over training and validation rows (the polynomial set's x). */
export function firstFeatureRange(data: TrainingData, standardization: Standardization | null): [number, number] {
  let min = Infinity, max = -Infinity;
  for (const part of [data.train, ...(data.validation ? [data.validation] : [])]) {
    for (let i = 0; i < part.rows; i++) {
      const v = toRaw(part.x[i * part.features], 0, standardization);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  return [min, max];
}
