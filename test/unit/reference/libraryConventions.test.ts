// Every row of the conventions table (src/core/conventions.ts) against the library it names: the
// library's optimum, objective or optimizer steps, from test/fixtures/reference/conventions.json
// (made by make_conventions_reference.py). Keras is not installed there: its rows are checked
// against its documented formulas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { activationFunction } from '../../../src/core/activations';
import { conventions, findConvention, fromLibrary, toLibrary, type Convention } from '../../../src/core/conventions';
import type { Dataset } from '../../../src/core/data/dataset';
import type { BundledName } from '../../../src/core/data/spec';
import { evaluate } from '../../../src/core/evaluate';
import { losses } from '../../../src/core/losses';
import { typescriptKernels } from '../../../src/core/matrix';
import { Network } from '../../../src/core/network';
import { penaltyCoefficients, penaltyValue } from '../../../src/core/penalties';
import { completeSpec, defaultRegularization, type PenaltyName } from '../../../src/core/spec';
import { train } from '../../../src/core/trainer';
import { prepareData } from '../../../src/io/datasets';
import { mediaDir, repoRoot } from '../paths';

interface Optimum { convention: string; dataset: BundledName; value: number; mixing: number; penalty: PenaltyName; coef: number[]; intercept: number }
interface MlpLoss { convention: string; alpha: number; x: number[]; y: number[]; rows: number; features: number; layers: { weight: number[]; bias: number[]; inputs: number; outputs: number }[]; sklearnLoss: number }
interface TorchRun { convention: string; optimizer: string; weightDecay: number; learningRate: number; steps: number; x: number[]; y: number[]; rows: number; features: number; initialWeight: number[]; initialBias: number[]; weight: number[]; bias: number[] }

const reference = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/reference/conventions.json'), 'utf8')) as { optima: Optimum[]; mlp: MlpLoss[]; torch: TorchRun[] };
const tested = new Set<string>();
const row = (id: string): Convention => {
  tested.add(id);
  return findConvention(id) ?? assert.fail(`no convention ${id}`);
};

test('sklearn and glmnet hyperparameters, converted, give the library’s own optimum', async () => {
  for (const optimum of reference.optima) {
    const convention = row(optimum.convention);
    const regularization = fromLibrary(convention, { value: optimum.value, mixing: optimum.mixing }, optimum.penalty);
    assert.equal(regularization.penalty, optimum.penalty, optimum.convention);
    const { data } = await prepareData({ kind: 'bundled', dataset: optimum.dataset, validation: 0, standardize: true, seed: 1 }, { configDir: '.', mediaDir });
    const spec = completeSpec({ model: { hidden: [] }, training: { optimizer: 'fista', epochs: 20000, learningRate: 1, tolerance: 1e-11 }, regularization });
    const result = train(spec, data);
    const scale = Math.max(1, ...optimum.coef.map(Math.abs));
    const label = `${optimum.convention} (${optimum.penalty})`;
    optimum.coef.forEach((w, j) => assert.ok(Math.abs(result.weights[0].weight[j] - w) < 1e-5 * scale, `${label} coef ${j}: ${result.weights[0].weight[j]} vs ${w}`));
    assert.ok(Math.abs(result.weights[0].bias[0] - optimum.intercept) < 1e-5 * Math.max(1, Math.abs(optimum.intercept)), `${label} intercept`);
    const back = toLibrary(convention, regularization, data.train.rows)!;
    assert.ok(Math.abs(back.value - optimum.value) < 1e-12 * optimum.value, `${label}: back to ${back.value}`);
    if (convention.mixingParameter) assert.ok(Math.abs(back.mixing - optimum.mixing) < 1e-12, `${label}: mixing back to ${back.mixing}`);
  }
});

test('sklearn MLP alpha: RegLens’s objective at the same weights is sklearn’s loss (classifier) or twice it (regressor, ½ on the squared loss)', () => {
  for (const case_ of reference.mlp) {
    const convention = row(case_.convention);
    const regularization = { ...defaultRegularization, ...fromLibrary(convention, { value: case_.alpha, mixing: 0 }) };
    const sizes = [case_.features, ...case_.layers.map((l) => l.outputs)];
    const network = new Network(sizes, activationFunction('tanh', 0), typescriptKernels, case_.rows);
    network.restore(case_.layers.map((l) => ({ ...l, weight: Float32Array.from(l.weight), bias: Float32Array.from(l.bias) })));
    const classifier = case_.convention === 'sklearn.MLPClassifier';
    const data: Dataset = { x: Float32Array.from(case_.x), y: Float32Array.from(case_.y), rows: case_.rows, features: case_.features, task: classifier ? 'binary' : 'regression', classes: classifier ? 2 : 0, featureNames: ['a', 'b', 'c'], classNames: [] };
    const dataLoss = evaluate(network, losses[classifier ? 'binaryCrossEntropy' : 'mse'], data, new Float32Array(case_.rows * case_.features)).loss;
    const k = penaltyCoefficients(regularization, case_.rows);
    const penalty = network.layers.reduce((sum, layer) => sum + penaltyValue(layer.weight, k), 0);
    const expected = case_.sklearnLoss * (classifier ? 1 : 2);
    assert.ok(Math.abs(dataLoss + penalty - expected) < 1e-5 * expected, `${case_.convention}: ${dataLoss + penalty} vs ${expected}`);
    assert.ok(penalty > 1e-3 * expected, 'the penalty must weigh in the comparison');
  }
});

test('PyTorch: SGD and Adam weight_decay are RegLens L2 under “half”; AdamW weight_decay is RegLens weightDecay', () => {
  for (const run of reference.torch) {
    const coupled = run.convention === 'torch.weight_decay';
    const regularization = coupled ? { ...fromLibrary(row(run.convention), { value: run.weightDecay, mixing: 0 }) } : { penalty: 'none' as const, weightDecay: run.weightDecay };
    if (!coupled) tested.add(run.convention);
    const spec = completeSpec({
      model: { hidden: [] },
      training: { optimizer: run.optimizer.toLowerCase() as 'sgd' | 'adam' | 'adamw', epochs: run.steps, batchSize: 0, learningRate: run.learningRate },
      regularization,
    });
    const data: Dataset = { x: Float32Array.from(run.x), y: Float32Array.from(run.y), rows: run.rows, features: run.features, task: 'regression', classes: 0, featureNames: ['a', 'b', 'c', 'd'], classNames: [] };
    const initialWeights = [{ inputs: run.features, outputs: 1, weight: Float32Array.from(run.initialWeight), bias: Float32Array.from(run.initialBias) }];
    const result = train(spec, { train: data, validation: null }, undefined, { initialWeights });
    run.weight.forEach((w, j) => assert.ok(Math.abs(result.weights[0].weight[j] - w) < 1e-5, `${run.optimizer}: weight ${j} ${result.weights[0].weight[j]} vs ${w}`));
    assert.ok(Math.abs(result.weights[0].bias[0] - run.bias[0]) < 1e-5, `${run.optimizer}: bias`);
  }
});

test('Keras regularizers.L1L2(l1, l2) is RegLens’s “sum” scale: the same penalty value, both ways', () => {
  const keras = row('keras.regularizers');
  const w = Float32Array.from([0.5, -2, 0, 3]);
  for (const [l1, l2] of [[0.01, 0], [0, 0.02], [0.01, 0.03]]) {
    const reg = { ...defaultRegularization, ...fromLibrary(keras, { value: l1, mixing: l2 }) };
    const documented = l1 * (0.5 + 2 + 3) + l2 * (0.25 + 4 + 9);
    assert.ok(Math.abs(penaltyValue(w, penaltyCoefficients(reg, 100)) - documented) < 1e-12, `L1L2(${l1}, ${l2})`);
    const back = toLibrary(keras, reg, 100)!;
    assert.ok(Math.abs(back.value - l1) < 1e-15 && Math.abs(back.mixing - l2) < 1e-15);
  }
});

test('sklearn’s ElasticNet l1_ratio 0.5 is RegLens l1Ratio 2/3 with λ = 1.5·alpha (the ½ on its L2 part)', () => {
  const reg = fromLibrary(row('sklearn.ElasticNet'), { value: 1, mixing: 0.5 });
  assert.equal(reg.scale, 'sum');
  assert.ok(Math.abs(reg.l1Ratio - 2 / 3) < 1e-15 && Math.abs(reg.lambda - 1.5) < 1e-15);
});

test('a library that cannot say a penalty answers null, not a wrong number', () => {
  const l2 = { penalty: 'l2' as const, lambda: 1, scale: '2m' as const, l1Ratio: 0.5 };
  assert.equal(toLibrary(row('sklearn.Lasso'), l2, 100), null);
  assert.equal(toLibrary(row('torch.weight_decay'), { ...l2, penalty: 'l1' }, 100), null);
  assert.notEqual(toLibrary(row('sklearn.Ridge'), l2, 100), null);
});

test('every row of the table is tested above', () => {
  for (const convention of conventions) assert.ok(tested.has(convention.id), `${convention.id} has no test`);
  assert.ok(tested.has('torch.AdamW'));
});
