// The network picture's unit states and link summary, the pre-activation histograms against the
// diagnostics' own linear-regime numbers, and the trainer's snapshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activationFunction } from '../../../src/core/activations';
import { generateSynthetic } from '../../../src/core/data/synthetic';
import { splitTrainValidation, standardize } from '../../../src/core/data/split';
import { typescriptKernels } from '../../../src/core/matrix';
import { Network } from '../../../src/core/network';
import { networkPicture } from '../../../src/core/pictures/networkPicture';
import type { LayerWeights } from '../../../src/core/report';
import { createRng } from '../../../src/core/rng';
import { completeSpec, type PartialTrainSpec } from '../../../src/core/spec';
import { train } from '../../../src/core/trainer';
import { splitAt, syntheticDataset } from '../core/fixtures';

test('units: zero incoming weights, never active, and inputs no weight uses are told apart', () => {
  const weights: LayerWeights[] = [
    // 3 inputs → 3 hidden: unit 1 has only tiny incoming weights; input 2 feeds nothing.
    { inputs: 3, outputs: 3, weight: Float32Array.from([1, -2, 0, 1e-4, -1e-4, 0, 0.5, 0.5, 0]), bias: new Float32Array(3) },
    { inputs: 3, outputs: 1, weight: Float32Array.from([1, 1, -1]), bias: new Float32Array(1) },
  ];
  const everActive = [Uint8Array.from([1, 0, 0])];
  const picture = networkPicture(weights, 1e-3, everActive);
  assert.deepEqual(picture.sizes, [3, 3, 1]);
  assert.deepEqual(picture.units, [['live', 'live', 'unused'], ['live', 'zeroIn', 'dead'], ['live']]);
  assert.equal(picture.layers[0].links.length, 9);
  assert.deepEqual(picture.layers[0].links[1], { from: 1, to: 0, weight: -2 });
  assert.equal(picture.layers[0].maxAbs, 2);
  assert.equal(picture.layers[0].omitted, 0);
});

test('a wide layer keeps its strongest links and counts the rest', () => {
  const rng = createRng(1, 'wide');
  const weight = Float32Array.from({ length: 64 * 30 }, () => rng.normal());
  const picture = networkPicture([{ inputs: 64, outputs: 30, weight, bias: new Float32Array(30) }], 1e-3, null, 100);
  const [layer] = picture.layers;
  assert.equal(layer.links.length, 100);
  assert.equal(layer.omitted, 64 * 30 - 100);
  const kept = new Set(layer.links.map((l) => l.to * 64 + l.from));
  const weakestKept = Math.min(...layer.links.map((l) => Math.abs(weight[l.to * 64 + l.from])));
  const strongestLeft = Math.max(...[...weight].filter((_, i) => !kept.has(i)).map(Math.abs));
  assert.ok(weakestKept >= strongestLeft, `kept ${weakestKept} < left out ${strongestLeft}`);
  layer.links.forEach((l) => assert.ok(Math.abs(l.weight - weight[l.to * 64 + l.from]) <= 5e-4 * Math.abs(l.weight)));
});

const data = splitAt(syntheticDataset(300, 5, 'multiclass'), 220);
const spec = (partial: PartialTrainSpec) =>
  completeSpec({ ...partial, model: { hidden: [12, 6], ...partial.model }, training: { epochs: 12, batchSize: 16, learningRate: 0.1, ...partial.training } });

test('snapshots at the first epoch, the quarters and the last; the pre-activations agree with the epoch reports', () => {
  for (const activation of ['tanh', 'sigmoid', 'relu'] as const) {
    const seen: number[] = [];
    const result = train(spec({ model: { activation } }), data, undefined, { pictures: { standardization: null, polynomial: false, onSnapshot: (s) => seen.push(s.epoch) } });
    const snapshots = result.pictures!.snapshots;
    assert.deepEqual(snapshots.map((s) => s.epoch), [1, 3, 6, 9, 12]);
    assert.deepEqual(seen, [1, 3, 6, 9, 12]);
    assert.equal(result.pictures!.points, null, 'five features: no plane');
    for (const snapshot of snapshots) {
      const report = result.epochs[snapshot.epoch - 1];
      assert.equal(snapshot.boundary, null);
      assert.equal(snapshot.preActivations.length, 2);
      snapshot.preActivations.forEach((h, l) => {
        const units = [12, 6][l];
        assert.equal(h.counts.reduce((a, b) => a + b, 0), 80 * units);
        assert.equal(h.samples, 80 * units);
        const expected = report.layers[l].linearFraction!;
        const measured = activation === 'relu' ? h.alwaysActive! : h.insideBand;
        assert.ok(Math.abs(measured - expected) < 1e-12, `${activation} epoch ${snapshot.epoch} layer ${l}: ${measured} vs report ${expected}`);
        if (activation !== 'relu') assert.deepEqual(h.band, activation === 'tanh' ? [-0.5, 0.5] : [-1, 1]);
        else assert.equal(h.band, null);
      });
      const greyed = snapshot.network.units.slice(1, -1).map((layer) => layer.filter((u) => u === 'dead' || u === 'zeroIn').length);
      assert.deepEqual(greyed, report.layers.slice(0, -1).map((d) => d.deadUnits), `${activation} epoch ${snapshot.epoch}: dead units`);
    }
  }
});

test('an early stop takes its pictures at the stopping epoch; without the option there are none', () => {
  const result = train(
    spec({ training: { epochs: 200, learningRate: 0.5, earlyStopping: { patience: 2 } }, diagnostics: { pictureEpochs: [2] } }),
    data,
    undefined,
    { pictures: { standardization: null, polynomial: false } },
  );
  assert.equal(result.stopReason, 'earlyStopped');
  assert.deepEqual(result.pictures!.snapshots.map((s) => s.epoch), [2, result.epochs.length]);
  assert.equal(train(spec({}), data).pictures, undefined);
});

test('strong L1 greys units in the picture that the weak run keeps', () => {
  const greyed = (lambda: number) =>
    train(spec({ model: { hidden: [12] }, training: { epochs: 30 }, regularization: { penalty: 'l1', lambda } }), data, undefined, {
      pictures: { standardization: null, polynomial: false },
    })
      .pictures!.snapshots.at(-1)!
      .network.units.flat()
      .filter((u) => u !== 'live').length;
  assert.ok(greyed(300) > greyed(0), 'L1 should switch units off');
});

test('the polynomial set gets a fitted curve in raw x that equals the network at the data, over its points (x, target)', () => {
  const all = generateSynthetic({ dataset: 'polynomial', samples: 80, noise: 0.1, features: 5, classes: 1, seed: 4 });
  const { data: scaled, stats } = standardize(splitTrainValidation(all, 0.25, 4));
  const result = train(
    completeSpec({ model: { hidden: [16], activation: 'tanh' }, training: { epochs: 20, batchSize: 0, learningRate: 0.1 } }),
    scaled,
    undefined,
    { pictures: { standardization: stats, polynomial: true } },
  );
  const last = result.pictures!.snapshots.at(-1)!;
  assert.equal(last.boundary, null);
  // The data under the curve: raw x against the target.
  const points = result.pictures!.points!;
  assert.equal(points.train.total, scaled.train.rows);
  points.train.x.forEach((x, i) => assert.ok(Math.abs(x - (stats.mean[0] + stats.std[0] * scaled.train.x[i * 5])) < 1e-6));
  assert.deepEqual(points.train.y, Array.from(scaled.train.y));
  assert.deepEqual(points.train.target, points.train.y);
  const curve = last.curve!;
  const rawX = Array.from({ length: scaled.train.rows }, (_, i) => stats.mean[0] + stats.std[0] * scaled.train.x[i * 5]);
  assert.ok(Math.abs(curve.x[0] - Math.min(...rawX, ...Array.from({ length: scaled.validation!.rows }, (_, i) => stats.mean[0] + stats.std[0] * scaled.validation!.x[i * 5]))) < 1e-6);
  // At the curve's ends x equals a data row's x, so the curve must equal the network's prediction there.
  const end = curve.x.length - 1;
  const network = new Network([5, 16, 1], activationFunction('tanh', 0), typescriptKernels, 1);
  network.restore(result.weights);
  const input = Float32Array.from({ length: 5 }, (_, j) => (curve.x[end] ** (j + 1) - stats.mean[j]) / stats.std[j]);
  const z = network.forward(input, 1)[0];
  assert.ok(Math.abs(curve.y[end] - z) <= 1e-5 * (1 + Math.abs(z)), `curve ${curve.y[end]} vs network ${z}`);
});
