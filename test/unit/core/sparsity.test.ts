// L1's proximal step makes weights exactly zero, more of them as λ grows; biases stay out of every
// penalty unless applyToBias.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { softThreshold } from '../../../src/core/penalties';
import { completeSpec, type PartialTrainSpec } from '../../../src/core/spec';
import { train } from '../../../src/core/trainer';
import { syntheticDataset, splitAt } from './fixtures';

const data = splitAt(syntheticDataset(300, 10, 'binary'), 240);
const spec = (regularization: PartialTrainSpec['regularization'], epochs = 30) =>
  completeSpec({ model: { hidden: [16] }, training: { epochs, batchSize: 16, learningRate: 0.05, seed: 2 }, regularization });

test('soft-thresholding is the proximal map of t·|w|: it minimizes ½(w − v)² + t·|w|', () => {
  const v = Float32Array.from([-2, -0.25, 0, 0.2, 0.31, 5]);
  const w = Float32Array.from(v);
  softThreshold(w, 0.3);
  v.forEach((vi, i) => {
    const f = (x: number) => 0.5 * (x - vi) ** 2 + 0.3 * Math.abs(x);
    for (const d of [-1e-3, 1e-3]) assert.ok(f(w[i]) <= f(w[i] + d) + 1e-12, `v=${vi}`);
  });
  assert.deepEqual(Array.from(w.slice(1, 4)), [0, 0, 0]);
});

test('L1 reaches exact zeros, more of them as λ grows', () => {
  const zeros = [0, 0.005, 0.01, 0.02, 0.05].map((lambda) => {
    const result = train(spec({ penalty: 'l1', lambda, scale: 'sum' }), data);
    return result.epochs[result.epochs.length - 1].layers.reduce((s, l) => s + l.exactZeros * l.inputs * l.outputs, 0);
  });
  assert.equal(zeros[0], 0);
  assert.ok(zeros[1] > 0, `zeros at λ=0.005: ${zeros[1]}`);
  assert.ok(zeros[4] < 176, 'the largest λ still leaves some weights');
  for (let i = 1; i < zeros.length; i++) assert.ok(zeros[i] > zeros[i - 1], `zeros ${zeros.join(', ')}`);
});

test('L2 shrinks the weights but leaves no exact zeros', () => {
  const norm = (lambda: number) => {
    const result = train(spec({ penalty: 'l2', lambda, scale: 'sum' }), data);
    const last = result.epochs[result.epochs.length - 1];
    assert.equal(last.layers.reduce((s, l) => s + l.exactZeros, 0), 0);
    return last.layers.reduce((s, l) => s + l.frobenius ** 2, 0);
  };
  assert.ok(norm(0.05) < norm(0.001));
});

test('no penalty or weight decay touches the biases unless applyToBias', () => {
  // One full-batch step from the same start: the biases' data gradient is the same in every run,
  // so any difference in the biases comes from the penalty alone.
  const fullBatch = (regularization: PartialTrainSpec['regularization']) =>
    ({ ...spec(regularization, 1), training: { ...spec({}).training, epochs: 1, batchSize: 0 } });
  // Start where biases are not 0, or L2 and weight decay would have nothing to shrink.
  const start = train(spec({ penalty: 'none' }, 3), data).weights;
  const oneStep = (regularization: PartialTrainSpec['regularization']) =>
    train(fullBatch(regularization), data, undefined, { initialWeights: start }).weights;
  const plain = oneStep({ penalty: 'none' });
  const cases: PartialTrainSpec['regularization'][] = [
    { penalty: 'l1', lambda: 0.2, scale: 'sum' },
    { penalty: 'l2', lambda: 0.2, scale: 'sum' },
    { penalty: 'elasticNet', lambda: 0.2, scale: 'sum' },
    { penalty: 'none', weightDecay: 0.5 },
  ];
  for (const regularization of cases) {
    const excluded = oneStep(regularization);
    const included = oneStep({ ...regularization, applyToBias: true });
    const label = JSON.stringify(regularization);
    excluded.forEach((layer, l) => {
      assert.deepEqual(layer.bias, plain[l].bias, `${label}: biases untouched`);
      assert.notDeepEqual(layer.weight, plain[l].weight, `${label}: weights penalized`);
      assert.notDeepEqual(included[l].bias, plain[l].bias, `${label} with applyToBias: biases penalized`);
    });
  }
});
