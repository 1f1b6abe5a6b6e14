// The decision grid, its points and the polynomial curve against predictions written out by hand
// in float64 (not through RegLens's network), for each task, in raw and standardized units.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decisionGrid, fittedCurve, planeAxes, planePoints } from '../../../src/core/pictures/boundary';
import type { Dataset } from '../../../src/core/data/dataset';
import type { LayerWeights } from '../../../src/core/report';
import { createRng } from '../../../src/core/rng';

const relu = { activation: 'relu' as const, leakySlope: 0.01 };
const tanh = { activation: 'tanh' as const, leakySlope: 0.01 };

function layer(outputs: number, inputs: number, values: number[], bias: number[]): LayerWeights {
  return { inputs, outputs, weight: Float32Array.from(values), bias: Float32Array.from(bias) };
}

/** Float64 forward pass of a tanh MLP, written out. */
function reference(weights: LayerWeights[], x: number[]): number[] {
  let a = x;
  weights.forEach((w, l) => {
    const z = Array.from({ length: w.outputs }, (_, j) => w.bias[j] + a.reduce((s, v, i) => s + w.weight[j * w.inputs + i] * v, 0));
    a = l === weights.length - 1 ? z : z.map(Math.tanh);
  });
  return a;
}

const axes = (steps: number) =>
  [
    { feature: 0, name: 'x1', min: -2, max: 3, steps },
    { feature: 1, name: 'x2', min: -1, max: 1, steps: steps + 3 },
  ] as [ReturnType<typeof planeAxes>[0], ReturnType<typeof planeAxes>[1]];

test('a logistic model: the class flips on its line x1 − 2·x2 + 0.5 = 0, confidence σ(|z|), cells row-major with x2 outer', () => {
  const weights = [layer(1, 2, [1, -2], [0.5])];
  const grid = decisionGrid(weights, relu, 'binary', axes(11), null);
  assert.equal(grid.values.length, 11 * 14);
  assert.equal(grid.units, 'standardized');
  for (let j = 0; j < 14; j++) {
    for (let i = 0; i < 11; i++) {
      const x1 = -2 + (5 * i) / 10, x2 = -1 + (2 * j) / 13;
      const z = x1 - 2 * x2 + 0.5;
      if (Math.abs(z) < 1e-5) continue; // on the line, float32 may round either way
      const cell = j * 11 + i;
      assert.equal(grid.values[cell], z > 0 ? 1 : 0, `cell ${i},${j}`);
      assert.ok(Math.abs(grid.confidence![cell] - 1 / (1 + Math.exp(-Math.abs(z)))) <= 5e-5 + 1e-6, `confidence at ${i},${j}`);
    }
  }
});

test('a tanh network with softmax output: the class is the largest logit and the confidence its softmax; raw units map through the standardization', () => {
  const rng = createRng(3, 'grid');
  const weights = [
    layer(5, 2, Array.from({ length: 10 }, () => rng.normal()), Array.from({ length: 5 }, () => rng.normal())),
    layer(3, 5, Array.from({ length: 15 }, () => rng.normal()), [0.1, -0.2, 0.3]),
  ];
  const standardization = { mean: [1, -0.5], std: [2, 0.25] };
  const grid = decisionGrid(weights, tanh, 'multiclass', axes(9), standardization);
  assert.equal(grid.units, 'raw');
  for (let j = 0; j < 12; j++) {
    for (let i = 0; i < 9; i++) {
      const raw = [-2 + (5 * i) / 8, -1 + (2 * j) / 11];
      const z = reference(weights, [(raw[0] - 1) / 2, (raw[1] + 0.5) / 0.25]);
      const best = z.indexOf(Math.max(...z));
      const sorted = [...z].sort((a, b) => b - a);
      if (sorted[0] - sorted[1] < 1e-4) continue;
      const p = 1 / z.reduce((s, v) => s + Math.exp(v - z[best]), 0);
      const cell = j * 9 + i;
      assert.equal(grid.values[cell], best, `cell ${i},${j}`);
      assert.ok(Math.abs(grid.confidence![cell] - p) <= 5e-5 + 1e-5, `confidence at ${i},${j}: ${grid.confidence![cell]} vs ${p}`);
    }
  }
});

test('regression: a heat map of the predicted values, no confidence', () => {
  const weights = [layer(1, 2, [0.5, -1.5], [2])];
  const grid = decisionGrid(weights, relu, 'regression', axes(5), null);
  assert.equal(grid.confidence, null);
  grid.values.forEach((v, cell) => {
    const x1 = -2 + (5 * (cell % 5)) / 4, x2 = -1 + (2 * Math.floor(cell / 5)) / 7;
    assert.ok(Math.abs(v - (0.5 * x1 - 1.5 * x2 + 2)) <= 1e-5 * (1 + Math.abs(v)), `cell ${cell}`);
  });
});

function plane(rows: number, seed: number): Dataset {
  const rng = createRng(seed, 'plane');
  return {
    x: Float32Array.from({ length: rows * 2 }, () => rng.normal()),
    y: Float32Array.from({ length: rows }, () => rng.int(2)),
    rows,
    features: 2,
    task: 'binary',
    classes: 2,
    featureNames: ['a', 'b'],
    classNames: ['0', '1'],
  };
}

test('the axes span every point with 10% padding; points come back in raw units, thinned to the limit', () => {
  const data = { train: plane(5000, 1), validation: plane(300, 2) };
  const standardization = { mean: [10, -3], std: [2, 0.5] };
  const [x, y] = planeAxes(data, standardization, 30);
  const raw = (part: Dataset, f: number) => Array.from({ length: part.rows }, (_, i) => standardization.mean[f] + standardization.std[f] * part.x[2 * i + f]);
  for (const [axis, f] of [[x, 0], [y, 1]] as const) {
    const all = [...raw(data.train, f), ...raw(data.validation, f)];
    const [min, max] = [Math.min(...all), Math.max(...all)];
    assert.ok(Math.abs(axis.min - (min - 0.1 * (max - min))) < 1e-9 && Math.abs(axis.max - (max + 0.1 * (max - min))) < 1e-9);
    assert.equal(axis.steps, 30);
  }
  assert.equal(x.name, 'a');
  const points = planePoints(data, standardization, 1000);
  assert.equal(points.train.total, 5000);
  assert.ok(points.train.x.length <= 1000 && points.train.x.length >= 800, `${points.train.x.length} points`);
  assert.equal(points.validation!.x.length, 300);
  assert.ok(Math.abs(points.validation!.y[7] - raw(data.validation, 1)[7]) < 1e-9);
  assert.equal(points.validation!.target[7], data.validation.y[7]);
});

test('the polynomial curve is the model of x through its standardized powers', () => {
  const weights = [layer(1, 3, [0.7, -1.2, 0.4], [0.3])];
  const standardization = { mean: [0, 0.33, 0], std: [0.58, 0.3, 0.45] };
  const curve = fittedCurve(weights, relu, standardization, [-1, 1], 21);
  assert.equal(curve.x.length, 21);
  curve.x.forEach((t, i) => {
    const expected = 0.3 + [0.7, -1.2, 0.4].reduce((s, w, j) => s + (w * (t ** (j + 1) - standardization.mean[j])) / standardization.std[j], 0);
    assert.ok(Math.abs(curve.y[i] - expected) <= 1e-5 * (1 + Math.abs(expected)), `x=${t}: ${curve.y[i]} vs ${expected}`);
  });
});
