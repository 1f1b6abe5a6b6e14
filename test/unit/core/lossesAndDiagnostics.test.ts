// Numerically stable losses, and diagnostics checked on matrices whose answers are known.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activationFunction } from '../../../src/core/activations';
import { compression, layerDiagnostics, SpectralTracker, weightHistograms } from '../../../src/core/diagnostics';
import { createUnitActivity, evaluate } from '../../../src/core/evaluate';
import { losses } from '../../../src/core/losses';
import { typescriptKernels } from '../../../src/core/matrix';
import { Network } from '../../../src/core/network';

test('cross-entropies stay finite and exact for huge logits', () => {
  const z = Float32Array.from([1000, -1000]);
  const bce = losses.binaryCrossEntropy.sum(z, Float32Array.from([0, 1]), 2, 1);
  assert.equal(bce, 2000);
  const grad = new Float32Array(3);
  const ce = losses.softmaxCrossEntropy.sumAndGradient(Float32Array.from([800, 0, -800]), Float32Array.from([1]), 1, 3, 1, grad);
  assert.equal(ce, 800);
  assert.deepEqual(Array.from(grad), [1, -1, 0]);
  assert.ok(Math.abs(losses.binaryCrossEntropy.sum(Float32Array.from([0]), Float32Array.from([1]), 1, 1) - Math.LN2) < 1e-12);
});

function linearLayer(weights: number[][], activation: 'relu' | 'tanh' = 'relu'): Network {
  const outputs = weights.length, inputs = weights[0].length;
  const network = new Network([inputs, outputs, 1], activationFunction(activation, 0), typescriptKernels, 4);
  network.layers[0].weight.set(weights.flat());
  network.layers[1].weight.fill(1);
  return network;
}

test('spectral norm and stable rank match the singular values of a known matrix', () => {
  // diag(3, 1) rotated by 45°: singular values 3 and 1.
  const c = Math.SQRT1_2;
  const network = linearLayer([[3 * c, -3 * c], [c, c]]);
  const [layer] = layerDiagnostics(network, 1e-3, null, new SpectralTracker(network));
  assert.ok(Math.abs(layer.spectralNorm - 3) < 1e-5, `${layer.spectralNorm}`);
  assert.ok(Math.abs(layer.stableRank - 10 / 9) < 1e-5);
  assert.ok(Math.abs(layer.frobenius - Math.sqrt(10)) < 1e-6);
  assert.ok(Math.abs(layer.l1 - 8 * c) < 1e-6);
});

test('sparsity, exact zeros and dead units are counted per layer', () => {
  const network = linearLayer([[0, 0, 0], [1e-4, 0, -2], [0.5, 0.5, 0.5]]);
  const data = { x: Float32Array.from([-1, -1, -1, -2, -1, -3]), y: Float32Array.from([0, 1]), rows: 2, features: 3, task: 'regression' as const, classes: 1, featureNames: [], classNames: [] };
  const activity = createUnitActivity(network);
  evaluate(network, losses.mse, data, new Float32Array(12), activity);
  const [hidden] = layerDiagnostics(network, 1e-3, activity, new SpectralTracker(network));
  assert.equal(hidden.exactZeros, 4 / 9);
  assert.equal(hidden.sparsity, 5 / 9);
  // Unit 0 has no weights; unit 2 is never active on these inputs; unit 1 is active on both rows.
  assert.equal(hidden.deadUnits, 2);
  assert.equal(hidden.linearFraction, 1 / 3);
  assert.equal(hidden.maxAbs, 2);
});

test('tanh units with small pre-activations count as near-linear', () => {
  const network = linearLayer([[0.1, 0.1], [5, 5]], 'tanh');
  const data = { x: Float32Array.from([1, 1, -1, 1]), y: Float32Array.from([0, 0]), rows: 2, features: 2, task: 'regression' as const, classes: 1, featureNames: [], classNames: [] };
  const activity = createUnitActivity(network);
  evaluate(network, losses.mse, data, new Float32Array(8), activity);
  const [hidden] = layerDiagnostics(network, 1e-3, activity, new SpectralTracker(network));
  // Pre-activations: unit 0 → 0.2, 0; unit 1 → 10, 0: three of four within |z| ≤ 0.5.
  assert.equal(hidden.linearFraction, 3 / 4);
});

test('histograms count every weight, and CSR storage shrinks with zeros', () => {
  const network = linearLayer([[0, 0, 0], [1e-4, 0, -2], [0.5, 0.5, 0.5]]);
  const [hist] = weightHistograms(network.layers, 10);
  assert.equal(hist.counts.reduce((s, c) => s + c, 0), 9);
  assert.equal(hist.edges[0], -2);
  assert.equal(hist.edges[10], 2);
  const sizes = compression(network);
  assert.equal(sizes.parameters, 9 + 3 + 3 + 1);
  assert.equal(sizes.nonZeros, 5 + 3);
  assert.equal(sizes.denseBytes, 64);
  assert.equal(sizes.csrBytes, 5 * 8 + 4 * 4 + 3 * 4 + (3 * 8 + 2 * 4 + 4));
});
