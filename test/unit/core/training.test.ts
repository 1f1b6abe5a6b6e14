// The training loop: determinism, optimizers' update rules, early stopping, divergence, cancellation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activationFunction } from '../../../src/core/activations';
import { fullGradient } from '../../../src/core/evaluate';
import { losses } from '../../../src/core/losses';
import { typescriptKernels } from '../../../src/core/matrix';
import { initialize, Network } from '../../../src/core/network';
import { createRng } from '../../../src/core/rng';
import { completeSpec, type PartialTrainSpec } from '../../../src/core/spec';
import { train } from '../../../src/core/trainer';
import { syntheticDataset, splitAt } from './fixtures';

const data = splitAt(syntheticDataset(200, 6, 'multiclass'), 150);
const spec = (partial: PartialTrainSpec = {}) =>
  completeSpec({
    ...partial,
    model: { hidden: [8], ...partial.model },
    training: { epochs: 5, batchSize: 16, learningRate: 0.05, ...partial.training },
  });

test('the same seed gives the same bits; another seed another initialization', () => {
  const a = train(spec({ training: { seed: 3 } }), data);
  const b = train(spec({ training: { seed: 3 } }), data);
  const c = train(spec({ training: { seed: 4, epochs: 0 } }), data);
  const d = train(spec({ training: { seed: 3, epochs: 0 } }), data);
  assert.deepEqual(a.weights, b.weights);
  assert.deepEqual(a.epochs.map((e) => e.valLoss), b.epochs.map((e) => e.valLoss));
  assert.notDeepEqual(c.weights[0].weight, d.weights[0].weight);
});

/** One full-batch step under an optimizer: the first layer's weights before, their gradient, and after. */
function firstStep(partial: PartialTrainSpec) {
  const full = spec({ ...partial, training: { epochs: 1, batchSize: 0, learningRate: 0.01, ...partial.training } });
  const network = new Network([6, 8, 3], activationFunction('relu', 0), typescriptKernels, data.train.rows);
  initialize(network, full.model, createRng(full.training.seed, 'init'));
  fullGradient(network, losses.softmaxCrossEntropy, data.train, new Float32Array(data.train.rows * 6));
  const { weight: start, gradWeight: gradient } = network.layers[0];
  return { start, gradient, after: train(full, data).weights[0].weight };
}

test('adam’s first step is w − η·g/(|g| + ε) and adamw decays decoupled: w·(1 − η·wd) − η·g/(|g| + ε)', () => {
  const eta = 0.01, wd = 0.5;
  const adamw = firstStep({ training: { optimizer: 'adamw' }, regularization: { weightDecay: wd } });
  adamw.after.forEach((w, i) => {
    const g = adamw.gradient[i];
    const expected = adamw.start[i] * (1 - eta * wd) - (eta * g) / (Math.abs(g) + 1e-8);
    assert.ok(Math.abs(w - expected) < 1e-6, `weight ${i}: ${w} vs ${expected}`);
  });
});

test('adamw with decoupled decay differs from adam with the same L2 in the loss', () => {
  const decoupled = train(spec({ training: { optimizer: 'adamw', learningRate: 0.01 }, regularization: { weightDecay: 0.1 } }), data);
  const coupled = train(spec({ training: { optimizer: 'adam', learningRate: 0.01 }, regularization: { penalty: 'l2', lambda: 0.1, scale: 'half' } }), data);
  const gap = decoupled.weights[0].weight.reduce((s, w, i) => s + Math.abs(w - coupled.weights[0].weight[i]), 0);
  assert.ok(gap > 1e-3, `total difference ${gap}`);
});

test('momentum accumulates velocity; Nesterov looks ahead', () => {
  const lr = 0.01, mu = 0.9;
  const two = (nesterov: boolean) => train(spec({ training: { optimizer: 'momentum', momentum: mu, nesterov, epochs: 2, batchSize: 0, learningRate: lr } }), data).weights[0].weight;
  const one = firstStep({ training: { optimizer: 'momentum', momentum: mu } });
  // First step: v = g, so heavy-ball moves by η·g and Nesterov by η·(g + μ·g).
  one.after.forEach((w, i) => assert.ok(Math.abs(w - (one.start[i] - lr * one.gradient[i])) < 1e-6));
  const nesterov = firstStep({ training: { optimizer: 'momentum', momentum: mu, nesterov: true } });
  nesterov.after.forEach((w, i) => assert.ok(Math.abs(w - (nesterov.start[i] - lr * (1 + mu) * nesterov.gradient[i])) < 1e-6));
  assert.notDeepEqual(two(false), two(true));
});

test('early stopping stops after `patience` epochs without improvement and restores the best weights', () => {
  const noisy = splitAt(syntheticDataset(60, 20, 'multiclass', 3, 7), 30);
  const result = train(
    spec({ model: { hidden: [64] }, training: { epochs: 300, learningRate: 0.3, batchSize: 4, earlyStopping: { patience: 5 } } }),
    noisy,
  );
  assert.equal(result.stopReason, 'earlyStopped');
  const last = result.epochs[result.epochs.length - 1];
  assert.equal(last.epoch - result.bestEpoch, 5);
  const bestVal = Math.min(...result.epochs.map((e) => e.valLoss!));
  assert.equal(result.epochs[result.bestEpoch - 1].valLoss, bestVal);
  assert.equal(result.final, result.epochs[result.bestEpoch - 1], 'the final report describes the restored weights');
  const replay = train(spec({ model: { hidden: [64] }, training: { epochs: result.bestEpoch, learningRate: 0.3, batchSize: 4 } }), noisy);
  assert.deepEqual(result.weights, replay.weights);
});

test('divergence stops with a clear reason', () => {
  const regression = splitAt(syntheticDataset(100, 5, 'regression'), 80);
  const result = train(spec({ training: { learningRate: 50, epochs: 50 } }), regression);
  assert.equal(result.stopReason, 'diverged');
  assert.equal(result.final, result.epochs.at(-1), 'a diverged run keeps its last weights');
  assert.match(result.message, /Diverged at epoch \d+: .*learning rate 50 may be too large/);
  assert.ok(result.epochs.length < 50);
});

test('a cancelled run stops between epochs and keeps what it reported', () => {
  const signal = { aborted: false };
  const seen: number[] = [];
  const result = train(spec({ training: { epochs: 50 } }), data, (r) => {
    seen.push(r.epoch);
    if (r.epoch === 3) signal.aborted = true;
  }, { signal });
  assert.equal(result.stopReason, 'cancelled');
  assert.deepEqual(seen, [1, 2, 3, 4]);
  assert.equal(result.epochs.length, 4);
});

test('bad data is refused with its location', () => {
  const broken = splitAt(syntheticDataset(20, 3, 'binary'), 15);
  broken.train.x[7] = NaN;
  assert.throws(() => train(spec(), broken), /Training row 3, feature 2 is not a finite number/);
  assert.throws(() => train(spec({ training: { earlyStopping: { patience: 3 } } }), { train: data.train, validation: null }), /no validation data/);
});

test('every epoch reports the objective as data loss + penalty, and the gap as val − train', () => {
  const result = train(spec({ regularization: { penalty: 'elasticNet', lambda: 0.5 } }), data);
  for (const r of result.epochs) {
    assert.ok(r.penalty > 0);
    assert.equal(r.objective, r.trainLoss + r.penalty);
    assert.equal(r.gap, r.valLoss! - r.trainLoss);
    assert.equal(r.layers.length, 2);
    assert.ok(r.ms >= 0 && r.gradientNorm > 0);
  }
  const withHistograms = result.epochs.filter((r) => r.histograms).map((r) => r.epoch);
  assert.deepEqual(withHistograms, [1, 3, 5]);
});

test('a run resumed from its checkpoint gives the bits of one straight run, for every optimizer', () => {
  const regression = splitAt(syntheticDataset(120, 5, 'regression'), 90);
  const cases: PartialTrainSpec[] = [
    { training: { optimizer: 'sgd' }, regularization: { penalty: 'l1', lambda: 0.5 } },
    { training: { optimizer: 'momentum', nesterov: true }, regularization: { penalty: 'l2', lambda: 1 } },
    { training: { optimizer: 'adamw', learningRate: 0.01 }, regularization: { weightDecay: 0.1 } },
    { model: { hidden: [] }, training: { optimizer: 'fista', learningRate: 1 }, regularization: { penalty: 'elasticNet', lambda: 2 } },
    { training: { earlyStopping: { patience: 2 }, learningRate: 0.5 } },
  ];
  for (const partial of cases) {
    const at = (epochs: number) => spec({ ...partial, training: { epochs, ...partial.training } });
    const straight = train(at(12), regression);
    const first = train(at(5), regression, undefined, { checkpoint: true });
    const resumed = train(at(12), regression, undefined, { resume: first.checkpoint });
    const label = JSON.stringify(partial);
    assert.deepEqual(resumed.weights, straight.weights, label);
    assert.equal(resumed.stopReason, straight.stopReason, label);
    assert.deepEqual(resumed.epochs.map((e) => [e.valLoss, e.layers[0].spectralNorm]), straight.epochs.map((e) => [e.valLoss, e.layers[0].spectralNorm]), label);
  }
});

test("layer diagnostics only at the end (tuning's reports) change no loss, no stop and no weight; the final report's layers are the kept epoch's", () => {
  const noisy = splitAt(syntheticDataset(60, 20, 'multiclass', 3, 7), 30);
  const run = spec({ model: { hidden: [64] }, training: { epochs: 300, learningRate: 0.3, batchSize: 4, earlyStopping: { patience: 5 } } });
  const full = train(run, noisy);
  const light = train(run, noisy, undefined, { layerDiagnostics: 'final' });
  assert.equal(full.stopReason, 'earlyStopped');
  assert.equal(light.stopReason, full.stopReason);
  assert.deepEqual(light.weights, full.weights);
  const scores = ({ layers, histograms, ms, ...rest }: (typeof full.epochs)[number]) => rest;
  assert.deepEqual(light.epochs.map(scores), full.epochs.map(scores));
  assert.ok(light.epochs.every((e) => e.layers.length === 0 && e.histograms === null));
  const layer = ({ spectralNorm, stableRank, ...rest }: (typeof full.epochs)[number]['layers'][number]) => rest;
  assert.equal(light.final!.epoch, full.final!.epoch);
  assert.ok(full.final!.epoch < full.epochs.length, 'the kept epoch is not the last one');
  assert.deepEqual(light.final!.layers.map(layer), full.final!.layers.map(layer));
  light.final!.layers.forEach((l, i) => assert.ok(Math.abs(l.spectralNorm - full.final!.layers[i].spectralNorm) <= 1e-3 * full.final!.layers[i].spectralNorm));
});
