import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { completeSpec, train, typescriptKernels, type Kernels, type TrainSpec } from '../../../src/core';
import { createWasmKernels, kernelPath, type WasmBuild } from '../../../src/core/kernels';
import { activationFunction } from '../../../src/core/activations';
import { initialize, Network } from '../../../src/core/network';
import { SpectralTracker } from '../../../src/core/diagnostics';
import { createUnitActivity, evaluate } from '../../../src/core/evaluate';
import { losses } from '../../../src/core/losses';
import { createRng } from '../../../src/core/rng';
import { enableRelaxedSimd } from '../../../src/io/wasmFeatures';
import { HelperThread } from '../../../src/io/helperThread';
import { splitAt, syntheticDataset } from '../core/fixtures';
import { repoRoot } from '../paths';

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

const wide = splitAt(syntheticDataset(480, 64, 'multiclass', 4), 384);
// 64 → 256 at batch 128: 4.2 MFLOP a product, over the threshold; 256 → 4 stays on one thread.
const wideSpec = (epochs: number, batchSize = 128): TrainSpec =>
  completeSpec({
    model: { hidden: [256], activation: 'relu' },
    training: { epochs, batchSize, optimizer: 'sgd', learningRate: 0.05, seed: 5 },
    regularization: { penalty: 'l2', lambda: 0.01, scale: 'half' },
  });
const helper = new HelperThread(join(repoRoot, 'dist', 'kernelHelper.js'));

test('a run whose large GEMMs a helper thread shares trains to the one-thread bits and records 2 threads', () => {
  const alone = train(wideSpec(3), wide);
  const shared = train(wideSpec(3), wide, undefined, { threads: { helper } });
  assert.deepEqual(finalWeights(shared), finalWeights(alone));
  assert.deepEqual(shared.epochs.map((r) => r.trainLoss), alone.epochs.map((r) => r.trainLoss));
  // The norm sums each weight row's Σg² in row order, whichever thread updated the row.
  assert.deepEqual(shared.epochs.map((r) => r.gradientNorm), alone.epochs.map((r) => r.gradientNorm));
  assert.equal(shared.kernels, alone.kernels);
  // 3 epochs: 26 GEMMs over the threshold (steps and evaluation chunks), the 16th on one thread as a
  // sample, fewer than the 128 a verdict needs.
  assert.equal(shared.threads.threads, 2);
  assert.equal(shared.threads.fellBack, null);
  assert.equal(shared.threads.splitGemms, 26 - 1);
  assert.deepEqual(alone.threads, { threads: 1, fellBack: null, splitGemms: 0, helperShare: 0 });
});

test('a run whose split GEMMs are not faster goes back to one thread, says so, and keeps its bits', () => {
  // 768 training rows in batches and evaluation chunks of 256: every GEMM over the threshold has the
  // same FLOPs (8.4 M), and each takes one tick of this clock, split or not: splitting does not pay.
  const even = splitAt(syntheticDataset(864, 64, 'multiclass', 4), 768);
  let ticks = 0;
  // 30 epochs: 273 such GEMMs, past the two verdicts (256) that send the run to one thread.
  const result = train(wideSpec(30, 256), even, undefined, { threads: { helper, clock: () => ticks++ } });
  assert.deepEqual(finalWeights(result), finalWeights(train(wideSpec(30, 256), even)));
  assert.equal(result.threads.threads, 2);
  assert.match(result.threads.fellBack ?? '', /^went back to one thread after 240 split GEMMs/);
  assert.equal(result.threads.splitGemms, 240);
});

for (const [name, regularization] of [
  ['L2', { penalty: 'l2', lambda: 0.01, scale: 'half' }],
  ['L2 on biases too, with max-norm', { penalty: 'l2', lambda: 0.01, scale: 'half', applyToBias: true, maxNorm: 0.5 }],
  ['elastic net', { penalty: 'elasticNet', lambda: 0.01, l1Ratio: 0.5 }],
] as const) {
  test(`plain SGD fused into the backward pass trains to the bits of the separate step (${name})`, () => {
    const fusedSpec = completeSpec({ ...wideSpec(3), regularization });
    const wideCapacity = 256; // the trainer's: min(256, 384 training rows)
    const lengths = [...Network.bufferLengths([64, 256, 4], wideCapacity), ...SpectralTracker.bufferLengths([64, 256, 4]), wideCapacity * 64];
    const kernels = createWasmKernels('webassembly-relaxed-simd', lengths)!;
    let steps = 0;
    const counted: Kernels = { ...kernels, gradientStep: (...args) => (steps++, kernels.gradientStep!(...args)) };
    const fused = train(fusedSpec, wide, undefined, { kernels: counted });
    // 3 epochs of 3 batches, each through both layers.
    assert.equal(steps, 3 * 3 * 2);
    kernels.reset!();
    const apart = train(fusedSpec, wide, undefined, { kernels: { ...kernels, gradientStep: undefined } });
    assert.deepEqual(finalWeights(fused), finalWeights(apart));
    assert.deepEqual(fused.epochs.map((r) => r.trainLoss), apart.epochs.map((r) => r.trainLoss));
    // Only the norm's summation order differs: each row's Σg² summed on its own.
    fused.epochs.forEach((report, e) => {
      const other = apart.epochs[e].gradientNorm;
      assert.ok(Math.abs(report.gradientNorm - other) <= 1e-6 * other, `epoch ${e + 1}: gradient norm ${report.gradientNorm} vs ${other}`);
    });
  });
}

test('a network too small to gain keeps one thread even with a helper', () => {
  const result = train(spec, data, undefined, { threads: { helper } });
  assert.deepEqual(result.threads, { threads: 1, fellBack: null, splitGemms: 0, helperShare: 0 });
  assert.deepEqual(finalWeights(result), finalWeights(train(spec, data)));
});
