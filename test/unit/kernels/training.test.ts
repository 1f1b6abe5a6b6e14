import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeSpec, train, typescriptKernels, type TrainSpec } from '../../../src/core';
import { createSimdKernels } from '../../../src/core/kernels';
import { activationFunction } from '../../../src/core/activations';
import { Network } from '../../../src/core/network';
import { splitAt, syntheticDataset } from '../core/fixtures';

const data = splitAt(syntheticDataset(300, 12, 'multiclass', 4), 240);
const spec: TrainSpec = completeSpec({
  model: { hidden: [16, 8], activation: 'relu' },
  training: { epochs: 8, batchSize: 32, optimizer: 'sgd', learningRate: 0.1, seed: 3 },
  regularization: { penalty: 'l2', lambda: 0.01, scale: 'half' },
});
const capacity = 240; // the trainer's: min(256, the larger set)
const sizes = [12, 16, 8, 4];

const finalWeights = (result: ReturnType<typeof train>) => result.weights.flatMap((layer) => [...layer.weight, ...layer.bias]);

test('training is bit-for-bit repeatable with the default kernels', () => {
  const first = train(spec, data);
  const second = train(spec, data);
  assert.deepEqual(finalWeights(first), finalWeights(second));
  assert.deepEqual(first.epochs.map((r) => r.trainLoss), second.epochs.map((r) => r.trainLoss));
});

test('train() uses the SIMD kernels by default', () => {
  const simd = createSimdKernels([...Network.bufferLengths(sizes, capacity), capacity * 12])!;
  assert.deepEqual(finalWeights(train(spec, data)), finalWeights(train(spec, data, undefined, { kernels: simd })));
});

test('the SIMD and TypeScript kernels train to the same losses, up to float32 rounding', () => {
  const simd = train(spec, data);
  const plain = train(spec, data, undefined, { kernels: typescriptKernels });
  simd.epochs.forEach((report, e) => {
    const other = plain.epochs[e];
    assert.ok(Math.abs(report.trainLoss - other.trainLoss) < 1e-4, `epoch ${e + 1}: train loss ${report.trainLoss} vs ${other.trainLoss}`);
    assert.ok(Math.abs(report.gradientNorm - other.gradientNorm) < 1e-3 * other.gradientNorm, `epoch ${e + 1}: gradient norm`);
    assert.equal(report.valMetric, other.valMetric);
  });
  assert.ok(simd.epochs[simd.epochs.length - 1].trainLoss < simd.epochs[0].trainLoss, 'the loss falls');
});

test('Network.bufferLengths reserves exactly what the network allocates', () => {
  const kernels = createSimdKernels(Network.bufferLengths(sizes, capacity))!;
  new Network(sizes, activationFunction('relu', 0), kernels, capacity);
  assert.throws(() => kernels.allocate(1), /memory is full/);
});
