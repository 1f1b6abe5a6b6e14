// What dropout, max-norm, input noise and label smoothing do, checked against their definitions.
// Statistical bounds are five standard errors from the draws' known variance: a correct sampler
// fails one such check with probability below 6·10⁻⁷, and the seeds make every run the same anyway.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activationFunction } from '../../../src/core/activations';
import { evaluate } from '../../../src/core/evaluate';
import { losses } from '../../../src/core/losses';
import { typescriptKernels } from '../../../src/core/matrix';
import { initialize, Network } from '../../../src/core/network';
import { describeObjective } from '../../../src/core/objective';
import { drawMask } from '../../../src/core/regularizers/dropout';
import { addInputNoise } from '../../../src/core/regularizers/inputNoise';
import { smoothedLoss } from '../../../src/core/regularizers/labelSmoothing';
import { projectMaxNorm } from '../../../src/core/regularizers/maxNorm';
import { regularizers } from '../../../src/core/regularizers/table';
import { NoisyPass } from '../../../src/core/regularizers/trainingPass';
import { createRng } from '../../../src/core/rng';
import { completeSpec, type PartialTrainSpec } from '../../../src/core/spec';
import { train } from '../../../src/core/trainer';
import type { LayerWeights } from '../../../src/core/report';
import { splitAt, syntheticDataset } from '../core/fixtures';

const data = splitAt(syntheticDataset(200, 6, 'multiclass'), 150);
const spec = (partial: PartialTrainSpec = {}) =>
  completeSpec({
    ...partial,
    model: { hidden: [16, 8], ...partial.model },
    training: { epochs: 6, batchSize: 16, learningRate: 0.1, seed: 3, ...partial.training },
  });

/** A network on the typescript kernels holding these weights. */
function networkWith(weights: LayerWeights[], activation = 'relu' as const, capacity = 256): Network {
  const sizes = [weights[0].inputs, ...weights.map((w) => w.outputs)];
  const network = new Network(sizes, activationFunction(activation, 0.01), typescriptKernels, capacity);
  network.restore(weights);
  return network;
}

test('a dropout mask keeps 1 − p of the units, scaled by 1/(1 − p): its mean is 1 within five standard errors', () => {
  for (const p of [0.1, 0.5, 0.8]) {
    const n = 200_000;
    const mask = new Float32Array(n);
    drawMask(mask, n, p, createRng(1, 'dropout'));
    const zeros = mask.filter((m) => m === 0).length;
    assert.ok(mask.every((m) => m === 0 || Math.abs(m - 1 / (1 - p)) < 1e-6), `p=${p}: values other than 0 and 1/(1 − p)`);
    // zeros ~ Binomial(n, p); the mask's mean has variance p/((1 − p)·n).
    assert.ok(Math.abs(zeros - n * p) <= 5 * Math.sqrt(n * p * (1 - p)), `p=${p}: ${zeros} zeros of ${n}`);
    const mean = mask.reduce((s, m) => s + m, 0) / n;
    assert.ok(Math.abs(mean - 1) <= 5 * Math.sqrt(p / ((1 - p) * n)), `p=${p}: mean mask ${mean}`);
  }
});

test('inverted dropout preserves each hidden activation on average over the draws', () => {
  const rows = 4;
  const rate = 0.4;
  const x = syntheticDataset(rows, 6, 'binary');
  const network = new Network([6, 10, 1], activationFunction('tanh', 0), typescriptKernels, rows);
  initialize(network, completeSpec({ model: { activation: 'tanh' } }).model, createRng(2, 'init'));
  network.forward(Float32Array.from(x.x), rows);
  const clean = Float64Array.from(network.layers[0].a.subarray(0, rows * 10));
  const pass = new NoisyPass(network, completeSpec({ regularization: { dropout: rate } }).regularization, 9);
  const draws = 20_000;
  const sums = new Float64Array(clean.length);
  for (let d = 0; d < draws; d++) {
    pass.forward(Float32Array.from(x.x), rows);
    network.layers[0].a.subarray(0, clean.length).forEach((v, i) => (sums[i] += v));
  }
  clean.forEach((a, i) => {
    const se = Math.abs(a) * Math.sqrt(rate / ((1 - rate) * draws));
    assert.ok(Math.abs(sums[i] / draws - a) <= 5 * se + 1e-6, `unit ${i}: mean ${sums[i] / draws} vs ${a}`);
  });
});

test('dropout, input noise and label smoothing are off at evaluation: reported losses are those of the plain network', () => {
  for (const regularization of [{ dropout: 0.5 }, { inputNoise: 0.5 }, { labelSmoothing: 0.3 }, { dropout: [0.2, 0.6], inputNoise: 0.1, labelSmoothing: 0.1 }]) {
    const result = train(spec({ regularization }), data, undefined, { kernels: typescriptKernels });
    const last = result.epochs.at(-1)!;
    const network = networkWith(result.weights);
    const buffer = new Float32Array(256 * 6);
    const val = evaluate(network, losses.softmaxCrossEntropy, data.validation, buffer);
    const trainEval = evaluate(network, losses.softmaxCrossEntropy, data.train, buffer);
    const label = JSON.stringify(regularization);
    assert.ok(Math.abs(last.valLoss! - val.loss) <= 1e-12 * val.loss, `${label}: valLoss ${last.valLoss} vs plain ${val.loss}`);
    assert.ok(Math.abs(last.trainLoss - trainEval.loss) <= 1e-12 * trainEval.loss, `${label}: trainLoss`);
    assert.equal(last.valMetric, val.metric, label);
    // The objective is what training minimized: the smoothed loss under label smoothing.
    const smoothing = 'labelSmoothing' in regularization ? (regularization.labelSmoothing ?? 0) : 0;
    const minimized = evaluate(network, smoothedLoss('softmaxCrossEntropy', losses.softmaxCrossEntropy, smoothing), data.train, buffer).loss;
    assert.ok(Math.abs(last.objective - minimized) <= 1e-12 * minimized, `${label}: objective ${last.objective} vs ${minimized}`);
    if (smoothing > 0) assert.ok(last.objective > last.trainLoss, `${label}: the smoothed loss has a floor above the true one here`);
  }
});

test('max-norm projects each row onto the ball: norms ≤ c, rows inside unchanged, directions kept', () => {
  const rng = createRng(4, 'maxnorm');
  const outputs = 40, inputs = 7, c = 1.5;
  const weight = Float32Array.from({ length: outputs * inputs }, (_, i) => (Math.floor(i / inputs) % 2 ? 0.2 : 1.5) * rng.normal());
  const before = Float32Array.from(weight);
  const norm = (w: Float32Array, j: number) => Math.hypot(...w.subarray(j * inputs, (j + 1) * inputs));
  const outside = Array.from({ length: outputs }, (_, j) => norm(before, j) > c);
  assert.ok(outside.some(Boolean) && !outside.every(Boolean), 'the fixture has rows on both sides of the ball');
  assert.equal(projectMaxNorm(weight, outputs, inputs, c), outside.filter(Boolean).length);
  for (let j = 0; j < outputs; j++) {
    const row = weight.subarray(j * inputs, (j + 1) * inputs);
    const old = before.subarray(j * inputs, (j + 1) * inputs);
    // Storing the shrunk row in float32 rounds each entry by at most 2⁻²⁴ relative.
    assert.ok(norm(weight, j) <= c * (1 + 2 ** -23), `row ${j}: norm ${norm(weight, j)}`);
    if (!outside[j]) assert.deepEqual(row, old, `row ${j} was inside and moved`);
    else {
      assert.ok(Math.abs(norm(weight, j) - c) <= c * 2 ** -22, `row ${j} should sit on the sphere`);
      const cosine = row.reduce((s, v, i) => s + v * old[i], 0) / (norm(weight, j) * norm(before, j));
      assert.ok(cosine > 1 - 1e-6, `row ${j}: direction changed (cos ${cosine})`);
    }
  }
});

test('training with max-norm keeps every unit of every layer inside the ball, and without it they leave', () => {
  const c = 0.8;
  const rowNorms = (weights: LayerWeights[]) =>
    weights.flatMap((w) => Array.from({ length: w.outputs }, (_, j) => Math.hypot(...w.weight.subarray(j * w.inputs, (j + 1) * w.inputs))));
  const constrained = rowNorms(train(spec({ regularization: { maxNorm: c } }), data).weights);
  assert.ok(constrained.every((n) => n <= c * (1 + 2 ** -23)), `largest norm ${Math.max(...constrained)}`);
  const free = rowNorms(train(spec(), data).weights);
  assert.ok(free.some((n) => n > c), 'without the constraint some unit exceeds c: the test could not fail otherwise');
});

test('input noise is σ·N(0, 1): zero mean and standard deviation σ within five standard errors; seeded', () => {
  const n = 200_000, sigma = 0.3;
  const noise = new Float32Array(n);
  addInputNoise(noise, n, sigma, createRng(7, 'inputNoise'));
  const mean = noise.reduce((s, v) => s + v, 0) / n;
  const variance = noise.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  assert.ok(Math.abs(mean) <= (5 * sigma) / Math.sqrt(n), `mean ${mean}`);
  // For normal draws the sample variance has standard deviation σ²·√(2/(n − 1)).
  assert.ok(Math.abs(variance - sigma ** 2) <= 5 * sigma ** 2 * Math.sqrt(2 / (n - 1)), `variance ${variance}`);
  const again = new Float32Array(n);
  addInputNoise(again, n, sigma, createRng(7, 'inputNoise'));
  assert.deepEqual(again, noise);
});

test('training with noise or dropout leaves the data as it was, in minibatches and in full batches', () => {
  for (const batchSize of [16, 0]) {
    const copy = { train: { ...data.train, x: Float32Array.from(data.train.x) }, validation: data.validation };
    train(spec({ training: { batchSize }, regularization: { inputNoise: 1, dropout: 0.5 } }), copy);
    assert.deepEqual(copy.train.x, data.train.x, `batchSize ${batchSize}`);
  }
});

test('the same seed gives the same bits with dropout and noise, another seed other bits; a resumed run continues exactly', () => {
  const partial = { regularization: { dropout: [0.3, 0.1], inputNoise: 0.2, maxNorm: 2, labelSmoothing: 0.1 } };
  for (const batchSize of [16, 0]) {
    const at = (epochs: number, seed = 3) => spec({ ...partial, training: { epochs, seed, batchSize } });
    const a = train(at(8), data);
    assert.deepEqual(train(at(8), data).weights, a.weights);
    assert.notDeepEqual(train(at(8, 4), data).weights[1].weight, a.weights[1].weight);
    const first = train(at(3), data, undefined, { checkpoint: true });
    const resumed = train(at(8), data, undefined, { resume: first.checkpoint });
    assert.deepEqual(resumed.weights, a.weights, `batchSize ${batchSize}`);
  }
});

test('dropout reduces overfitting on a small set: a smaller gap than the same network without it', () => {
  const small = splitAt(syntheticDataset(260, 10, 'multiclass', 3, 5), 60);
  const run = (dropout: number) =>
    train(spec({ model: { hidden: [128] }, training: { epochs: 150, batchSize: 0, learningRate: 0.3 }, regularization: { dropout } }), small).epochs.at(-1)!;
  const plain = run(0);
  const dropped = run(0.5);
  assert.ok(dropped.gap! < plain.gap!, `gap with dropout ${dropped.gap} vs without ${plain.gap}`);
});

test('the objective text states each regularizer exactly; tables name them briefly', () => {
  const reg = completeSpec({ regularization: { penalty: 'l2', lambda: 0.1, dropout: [0.5, 0.2], maxNorm: 3, inputNoise: 0.1, labelSmoothing: 0.1 } }).regularization;
  const text = describeObjective(reg, 'softmaxCrossEntropy', 100);
  assert.match(text, /^mean CE\(softmax\(z\), y\) \+ \(λ\/2m\)·Σ‖W‖²_F, λ=0.1, m=100; /);
  assert.ok(text.includes('inverted dropout in training steps: hidden activations a ← a·m, m = 0 with probability p else 1/(1 − p), p=[0.5, 0.2] by hidden layer; off at evaluation'), text);
  assert.ok(text.includes("max-norm after each step: every unit's incoming weights w ← w·min(1, c/‖w‖₂), c=3"), text);
  assert.ok(text.includes('Gaussian input noise in training steps: x ← x + σ·N(0, 1), σ=0.1; off at evaluation'), text);
  assert.ok(text.includes('targets (1 − ε)·onehot(y) + ε/K, ε=0.1; reported losses use the true labels'), text);
  assert.ok(describeObjective({ ...reg, labelSmoothing: 0.2 }, 'binaryCrossEntropy', 100).includes('targets (1 − ε)·y + ε/2, ε=0.2'));
  assert.equal(describeObjective(completeSpec().regularization, 'mse', 100), 'mean (ŷ − y)²');
  assert.deepEqual(regularizers.filter((r) => r.active(reg)).map((r) => r.brief(reg)), ['dropout 0.5/0.2', 'max-norm 3', 'noise σ=0.1', 'smoothing ε=0.1']);
});

test('settings out of range or that cannot combine are refused with the setting named', () => {
  const refuse = (partial: PartialTrainSpec, pattern: RegExp) => assert.throws(() => train(spec(partial), data), pattern);
  refuse({ regularization: { dropout: [0.5] } }, /lists 1 rates, but the model has 2 hidden layers/);
  refuse({ regularization: { dropout: 1 } }, /dropout: the rate of hidden layer 1 must be in \[0, 1\)/);
  refuse({ regularization: { maxNorm: -1 } }, /regularization.maxNorm/);
  refuse({ regularization: { labelSmoothing: 1 } }, /regularization.labelSmoothing/);
  refuse({ model: { hidden: [] }, training: { optimizer: 'fista' }, regularization: { inputNoise: 0.1 } }, /fista/);
  const regression = splitAt(syntheticDataset(40, 3, 'regression'), 30);
  assert.throws(() => train(spec({ regularization: { labelSmoothing: 0.1 } }), regression), /regression/);
});
