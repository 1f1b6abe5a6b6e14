// The input path of a network (issue 14, item 7): each input's first-layer group norm against λ, warm-started along λ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { completeSpec, fullData, inputGroupNorms, planTuning, runTuningJob, train, type Dataset, type LayerWeights, type TrainSpec } from '../../../src/core';
import { repoRoot } from '../paths';
import { tuneHere } from './tuneHere';

const reference = JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'reference', 'input_path.json'), 'utf8')) as {
  x: number[]; y: number[]; rows: number; features: number; hidden: number; lr: number; epochs: number; lambdas: number[];
  initial: number[][]; points: { lambda: number; norms: number[] }[];
};

const data: Dataset = {
  x: Float32Array.from(reference.x), y: Float32Array.from(reference.y), rows: reference.rows, features: reference.features,
  task: 'regression', classes: 1, featureNames: ['x0', 'x1', 'x2', 'x3'], classNames: [],
};

function spec(lambda: number): TrainSpec {
  return completeSpec({
    model: { hidden: [reference.hidden], activation: 'tanh' },
    training: { epochs: reference.epochs, batchSize: 0, optimizer: 'sgd', learningRate: reference.lr, seed: 3 },
    regularization: { penalty: 'l1', lambda, scale: 'sum' },
  });
}

const layer = (inputs: number, outputs: number, weight: number[], bias: number[]): LayerWeights => ({ inputs, outputs, weight: Float32Array.from(weight), bias: Float32Array.from(bias) });

test('group norms are the columns’ Euclidean norms of the [out, in] weight matrix', () => {
  assert.deepEqual(inputGroupNorms(layer(2, 3, [3, 0, 4, 0, 0, -2], [0, 0, 0])), [5, 2]);
});

test('a chain warm-started along λ gives PyTorch’s group norms at every λ, the noise inputs switched off', () => {
  const [w1, b1, w2, b2] = reference.initial;
  let weights: LayerWeights[] = [layer(reference.features, reference.hidden, w1, b1), layer(reference.hidden, 1, w2, b2)];
  const scale = Math.max(...reference.points[0].norms);
  let worst = 0;
  reference.lambdas.forEach((lambda, i) => {
    const result = train(spec(lambda), fullData(data, false), undefined, { initialWeights: weights });
    assert.equal(result.stopReason, 'completed', `λ ${lambda}`);
    weights = result.weights;
    const norms = inputGroupNorms(weights[0]);
    worst = Math.max(worst, ...norms.map((norm, j) => Math.abs(norm - reference.points[i].norms[j]) / scale));
    norms.forEach((norm, j) => assert.ok(Math.abs(norm - reference.points[i].norms[j]) <= 1e-6 * scale, `λ ${lambda}, x${j}: ${norm} vs torch ${reference.points[i].norms[j]}`));
    for (const j of [0, 1, 2, 3]) if (reference.points[i].norms[j] === 0) assert.equal(norms[j], 0, `λ ${lambda}, x${j} is exactly 0`);
  });
  assert.deepEqual(reference.points.at(-1)!.norms.map((n) => n === 0), [false, false, true, true]);
  console.log(`input path vs PyTorch: worst ${worst.toExponential(2)} of the largest norm`);
});

test('the tuning’s path job is that chain, from the smallest λ up, on all rows', () => {
  const settings = { lambdas: [0.1, 0.01, 0], includeZero: false, folds: 2, metric: 'valLoss' as const, rule: '1se' as const, strategy: 'grid' as const, warmStart: true, seed: 1, standardize: false };
  const plan = planTuning(spec(0.01), settings, data);
  const pathJob = plan.nextJobs().find((job) => job.fold < 0)!;
  assert.deepEqual(pathJob.lambdas, [0, 0.01, 0.1]);
  assert.ok(pathJob.warmStart && pathJob.keepWeights);
  const outcomes = runTuningJob({ ...pathJob, epochs: 50 }, data).outcomes;
  let previous: LayerWeights[] | undefined;
  for (const [i, lambda] of [0, 0.01, 0.1].entries()) {
    const alone = train({ ...spec(lambda), training: { ...spec(lambda).training, epochs: 50 } }, fullData(data, false), undefined, { initialWeights: previous });
    assert.deepEqual(outcomes[i].weights, alone.weights, `λ ${lambda}`);
    previous = alone.weights;
  }
});

test('a tuned network’s record carries the input path, largest λ first, one norm per feature', async () => {
  const settings = { lambdas: [0.1, 0.01], includeZero: true, folds: 2, metric: 'valLoss' as const, rule: '1se' as const, strategy: 'grid' as const, warmStart: true, seed: 1, standardize: false };
  const short = { ...spec(0.01), training: { ...spec(0.01).training, epochs: 20 } };
  const result = await tuneHere(short, settings, data);
  assert.equal(result.path, null);
  assert.deepEqual(result.inputPath!.featureNames, data.featureNames);
  assert.deepEqual(result.inputPath!.points.map((p) => p.lambda), [0.1, 0.01, 0]);
  assert.ok(result.inputPath!.points.every((p) => p.norms.length === 4 && p.norms.every(Number.isFinite)));
  assert.equal(result.cost.gridEpochs, 3 * (2 + 1) * 20);
});
