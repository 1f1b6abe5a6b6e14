import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeSpec, train, typescriptKernels, type Kernels, type TrainSpec } from '../../../src/core';
import { createWasmKernels, kernelPath, type WasmBuild } from '../../../src/core/kernels';
import { activationFunction } from '../../../src/core/activations';
import { initialize, Network } from '../../../src/core/network';
import { SpectralTracker } from '../../../src/core/diagnostics';
import { createUnitActivity, evaluate } from '../../../src/core/evaluate';
import { losses } from '../../../src/core/losses';
import { createRng } from '../../../src/core/rng';
import { enableRelaxedSimd } from '../../../src/io/wasmFeatures';
import { splitAt, syntheticDataset } from '../core/fixtures';

enableRelaxedSimd();

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

test('train() uses the fastest kernels by default and names them in its result', () => {
  const path = kernelPath() as WasmBuild;
  const fastest = createWasmKernels(path, [...Network.bufferLengths(sizes, capacity), ...SpectralTracker.bufferLengths(sizes), capacity * 12])!;
  const byDefault = train(spec, data);
  assert.equal(byDefault.kernels, path);
  assert.deepEqual(finalWeights(byDefault), finalWeights(train(spec, data, undefined, { kernels: fastest })));
  assert.equal(train(spec, data, undefined, { kernels: typescriptKernels }).kernels, 'typescript');
});

for (const build of ['webassembly-relaxed-simd', 'webassembly-simd'] as const) {
  test(`the ${build} and TypeScript kernels train to the same losses, up to float32 rounding`, () => {
    const kernels = createWasmKernels(build, [...Network.bufferLengths(sizes, capacity), ...SpectralTracker.bufferLengths(sizes), capacity * 12])!;
    const simd = train(spec, data, undefined, { kernels });
    assert.equal(simd.kernels, build);
    kernels.reset!();
    assert.deepEqual(finalWeights(train(spec, data, undefined, { kernels })), finalWeights(simd), 'the same bits on a second run of this path');
    const plain = train(spec, data, undefined, { kernels: typescriptKernels });
    simd.epochs.forEach((report, e) => {
      const other = plain.epochs[e];
      assert.ok(Math.abs(report.trainLoss - other.trainLoss) < 1e-4, `epoch ${e + 1}: train loss ${report.trainLoss} vs ${other.trainLoss}`);
      assert.ok(Math.abs(report.gradientNorm - other.gradientNorm) < 1e-3 * other.gradientNorm, `epoch ${e + 1}: gradient norm`);
      assert.equal(report.valMetric, other.valMetric);
    });
    assert.ok(simd.epochs[simd.epochs.length - 1].trainLoss < simd.epochs[0].trainLoss, 'the loss falls');
  });
}

test('Network.bufferLengths reserves exactly what the network allocates', () => {
  const kernels = createWasmKernels('webassembly-simd', Network.bufferLengths(sizes, capacity))!;
  new Network(sizes, activationFunction('relu', 0), kernels, capacity);
  assert.throws(() => kernels.allocate(1), /memory is full/);
});

test('unit activity from the kernels equals the plain loop over pre-activations', () => {
  const network = (kernels: Kernels) => {
    const net = new Network(sizes, activationFunction('relu', 0), kernels, capacity);
    initialize(net, spec.model, createRng(5, 'init'));
    return net;
  };
  const simd = network(createWasmKernels('webassembly-simd', [...Network.bufferLengths(sizes, capacity), ...SpectralTracker.bufferLengths(sizes), capacity * 12])!);
  const plain = network(typescriptKernels);
  const [simdActivity, plainActivity] = [simd, plain].map((net) => {
    const activity = createUnitActivity(net);
    evaluate(net, losses.softmaxCrossEntropy, data.train, net.kernels.allocate(capacity * 12), activity);
    return activity;
  });
  assert.deepEqual(simdActivity.everActive, plainActivity.everActive);
  assert.deepEqual(simdActivity.alwaysActive, plainActivity.alwaysActive);
  assert.ok(simdActivity.everActive[0].some((v) => v === 1) && simdActivity.alwaysActive[0].some((v) => v === 0), 'a mix of active and inactive units');
});
