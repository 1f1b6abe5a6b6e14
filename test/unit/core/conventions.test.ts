// The penalty conventions of penalties.ts and the seeds' weight-decay identity:
//   with plain SGD, L2 under '2m' gives  w ← (1 − ηλ/m)·w − η·∇L.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activationFunction } from '../../../src/core/activations';
import { fullGradient } from '../../../src/core/evaluate';
import { losses } from '../../../src/core/losses';
import { typescriptKernels } from '../../../src/core/matrix';
import { initialize, Network } from '../../../src/core/network';
import { convertLambda, describeObjective, lambdaEquivalents } from '../../../src/core/objective';
import { createRng } from '../../../src/core/rng';
import { completeSpec, type PartialTrainSpec } from '../../../src/core/spec';
import { train } from '../../../src/core/trainer';
import { syntheticDataset } from './fixtures';

const data = syntheticDataset(40, 5, 'multiclass');
const base = (regularization: PartialTrainSpec['regularization'], epochs = 1): PartialTrainSpec => ({
  model: { hidden: [6], activation: 'tanh' },
  training: { epochs, batchSize: 0, learningRate: 0.1, seed: 4 },
  regularization,
});

test("one full-batch SGD step with L2 under '2m' is w ← (1 − ηλ/m)·w − η·∇L", () => {
  const lambda = 3, eta = 0.1, m = data.rows;
  const spec = completeSpec(base({ penalty: 'l2', lambda, scale: '2m' }));
  const network = new Network([5, 6, 3], activationFunction('tanh', 0), typescriptKernels, m);
  initialize(network, spec.model, createRng(4, 'init'));
  fullGradient(network, losses.softmaxCrossEntropy, data, new Float32Array(m * 5));
  const result = train(spec, { train: data, validation: null });
  network.layers.forEach((layer, l) => {
    const trained = result.weights[l];
    layer.weight.forEach((w, i) => {
      const expected = (1 - (eta * lambda) / m) * w - eta * layer.gradWeight[i];
      assert.ok(Math.abs(trained.weight[i] - expected) <= 1e-6 * Math.max(1, Math.abs(expected)), `layer ${l} weight ${i}`);
    });
    layer.bias.forEach((b, j) => assert.ok(Math.abs(trained.bias[j] - (b - eta * layer.gradBias[j])) <= 1e-6, `layer ${l} bias ${j}`));
  });
});

function trainedWeights(regularization: PartialTrainSpec['regularization']): Float32Array[] {
  return train(completeSpec(base(regularization, 5)), { train: data, validation: null }).weights.map((w) => w.weight);
}

test("'sum' with λ trains the same weights as 'half' with 2λ, and '2m' with λ as 'half' with λ/m", () => {
  for (const penalty of ['l1', 'l2', 'elasticNet'] as const) {
    assert.deepEqual(trainedWeights({ penalty, lambda: 0.01, scale: 'sum' }), trainedWeights({ penalty, lambda: 0.02, scale: 'half' }));
    const a = trainedWeights({ penalty, lambda: 2, scale: '2m' });
    const b = trainedWeights({ penalty, lambda: 2 / data.rows, scale: 'half' });
    a.forEach((w, l) => w.forEach((v, i) => assert.ok(Math.abs(v - b[l][i]) < 1e-6, `${penalty} layer ${l}`)));
  }
  assert.notDeepEqual(trainedWeights({ penalty: 'l2', lambda: 0.01, scale: 'sum' }), trainedWeights({ penalty: 'l2', lambda: 0.01, scale: 'half' }));
});

test('λ converts between conventions: Keras l2(λ) = PyTorch weight_decay 2λ = seeds λ·2m', () => {
  const m = 1437;
  const eq = lambdaEquivalents({ lambda: 0.001, scale: 'sum' }, m);
  assert.equal(eq.keras, 0.001);
  assert.ok(Math.abs(eq.pytorchWeightDecay - 0.002) < 1e-15);
  assert.ok(Math.abs(eq['2m'] - 0.001 * 2 * m) < 1e-12);
  for (const from of ['2m', 'half', 'sum'] as const) {
    for (const to of ['2m', 'half', 'sum'] as const) {
      assert.ok(Math.abs(convertLambda(convertLambda(0.37, from, to, m), to, from, m) - 0.37) < 1e-12);
    }
  }
});

test('the objective is stated exactly', () => {
  const reg = completeSpec({ regularization: { penalty: 'l2', lambda: 0.01 } }).regularization;
  assert.equal(describeObjective(reg, 'softmaxCrossEntropy', 1437), 'mean CE(softmax(z), y) + (λ/2m)·Σ‖W‖²_F, λ=0.01, m=1437');
  const l1 = completeSpec({ regularization: { penalty: 'l1', lambda: 0.5, scale: 'sum', weightDecay: 0.01 } }).regularization;
  assert.equal(describeObjective(l1, 'mse', 10), 'mean (ŷ − y)² + (λ)·Σ|w|, λ=0.5; decoupled weight decay w ← w − η·0.01·w');
  const none = completeSpec().regularization;
  assert.equal(describeObjective(none, 'binaryCrossEntropy', 10), 'mean BCE(σ(z), y)');
});
