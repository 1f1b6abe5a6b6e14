// FISTA on convex models reaches scikit-learn's optima to 1e-6 relative, through `train` and through
// `tune`'s coefficient path alike, and stops on its optimality residual (issue 14, items 1–3). The
// optima are of RegLens's own float32 data: test/fixtures/reference/make_convex_reference.py.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BundledName } from '../../../src/core/data/spec';
import { completeSpec, type PartialTrainSpec, type TrainSpec } from '../../../src/core/spec';
import { train } from '../../../src/core/trainer';
import { type TuningSettings } from '../../../src/core/tuning';
import { tuneHere } from '../tuning/tuneHere';
import { prepareData } from '../../../src/io/datasets';
import { mediaDir, repoRoot } from '../paths';

interface Solution {
  reglensLambda: number;
  coef: number[];
  intercept: number;
  objective: number;
}
interface Fixture {
  solutions: Solution[];
  targetMean?: number;
  lambdaMax?: number;
}

const fixture = (file: string) => JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/reference', file), 'utf8')) as Fixture;
const path = fixture('elasticnet_diabetes_path.json');
const logistic = fixture('logistic_breast_cancer_small.json');

async function rows(dataset: BundledName, standardize: boolean) {
  return (await prepareData({ kind: 'bundled', dataset, validation: 0, standardize, seed: 1 }, { configDir: '.', mediaDir })).data;
}

function fistaSpec(regularization: PartialTrainSpec['regularization'], epochs: number, training: PartialTrainSpec['training'] = {}): TrainSpec {
  return completeSpec({ model: { hidden: [] }, training: { optimizer: 'fista', epochs, learningRate: 1, ...training }, regularization });
}

const elasticNet = (lambda: number) => ({ penalty: 'elasticNet' as const, lambda, scale: 'sum' as const, l1Ratio: 0.5 });
const ridgeLogistic = (lambda: number) => ({ penalty: 'l2' as const, lambda, scale: 'sum' as const });

/** Largest coefficient error relative to the largest coefficient (at least 1). */
function distance(weights: ArrayLike<number>, expected: number[]): number {
  const scale = Math.max(1, ...expected.map(Math.abs));
  return Math.max(...expected.map((w, j) => Math.abs(weights[j] - w))) / scale;
}

function tunePath(spec: TrainSpec, lambdas: number[], raw: Awaited<ReturnType<typeof rows>>) {
  const settings: TuningSettings = {
    lambdas, includeZero: false, folds: 2, metric: 'valLoss', rule: '1se', strategy: 'grid', warmStart: true, seed: 1, standardize: true,
  };
  return tuneHere(spec, settings, raw.train);
}

test('the issue’s diabetes elastic net (λ = 60): train stops converged with intercept mean(y) and sklearn’s coefficients', async () => {
  const solution = path.solutions.find((s) => s.reglensLambda === 60)!;
  const result = train(fistaSpec(elasticNet(60), 5000), await rows('diabetes', true));
  assert.equal(result.stopReason, 'converged');
  assert.ok(result.epochs.length < 5000, `ran ${result.epochs.length} epochs`);
  assert.equal(result.weights[0].bias[0], Math.fround(path.targetMean!));
  assert.ok(distance(result.weights[0].weight, solution.coef) < 1e-6, `distance ${distance(result.weights[0].weight, solution.coef)}`);
});

test('tune’s coefficient path gives the same λ = 60 optimum as train (it stopped early at 153.34 before)', async () => {
  const solution = path.solutions.find((s) => s.reglensLambda === 60)!;
  const result = await tunePath(fistaSpec(elasticNet(60), 5000), [60], await rows('diabetes', false));
  const point = result.path!.points[0];
  assert.equal(point.bias[0], Math.fround(path.targetMean!));
  assert.ok(distance(point.weight, solution.coef) < 1e-6, `distance ${distance(point.weight, solution.coef)}`);
});

test('the elastic-net path from its λ_max down matches sklearn at every λ, all zeros and mean(y) at the top', async () => {
  const lambdas = path.solutions.map((s) => s.reglensLambda);
  const result = await tunePath(fistaSpec(elasticNet(1), 5000), lambdas, await rows('diabetes', false));
  const points = result.path!.points;
  assert.equal(points[0].lambda, path.lambdaMax);
  assert.ok(points[0].weight.every((w) => Math.abs(w) < 1e-9), `weights at λ_max: ${points[0].weight}`);
  for (const solution of path.solutions) {
    const point = points.find((p) => p.lambda === solution.reglensLambda)!;
    assert.equal(point.bias[0], Math.fround(path.targetMean!), `intercept at λ = ${solution.reglensLambda}`);
    assert.ok(distance(point.weight, solution.coef) < 1e-6, `λ = ${solution.reglensLambda}: distance ${distance(point.weight, solution.coef)}`);
  }
  const curve = result.curve.map((p) => p.epochs);
  assert.ok(curve.every((epochs) => epochs < 5000), `fold epochs per λ: ${curve}`);
});

test('small-λ logistic regression (λ = 1e-4, where float32 froze 2e-4 away) reaches 1e-6 of the optimum, by train and tune', async () => {
  const [solution] = logistic.solutions;
  const spec = fistaSpec(ridgeLogistic(solution.reglensLambda), 20000);
  const trained = train(spec, await rows('breast_cancer', true));
  assert.equal(trained.stopReason, 'converged');
  assert.ok(distance(trained.weights[0].weight, solution.coef) < 1e-6, `train distance ${distance(trained.weights[0].weight, solution.coef)}`);
  assert.ok(Math.abs(trained.weights[0].bias[0] - solution.intercept) < 1e-6);
  const point = (await tunePath(spec, [solution.reglensLambda], await rows('breast_cancer', false))).path!.points[0];
  assert.ok(distance(point.weight, solution.coef) < 1e-6, `path distance ${distance(point.weight, solution.coef)}`);
});

test('training.tolerance: 0 runs every epoch; a looser tolerance stops sooner and further from the optimum', async () => {
  const data = await rows('breast_cancer', true);
  const [solution] = logistic.solutions;
  const run = (tolerance: number) => train(fistaSpec(ridgeLogistic(solution.reglensLambda), 400, { tolerance }), data);
  const everyEpoch = run(0);
  assert.equal(everyEpoch.stopReason, 'completed');
  assert.equal(everyEpoch.epochs.length, 400);
  const loose = run(1e-3);
  assert.equal(loose.stopReason, 'converged');
  assert.ok(loose.epochs.length < 400);
  assert.ok(distance(loose.weights[0].weight, solution.coef) > distance(everyEpoch.weights[0].weight, solution.coef));
});

test('FISTA returns its best iterate: the final report is the epoch of the lowest objective, not the last', async () => {
  const data = await rows('diabetes', true);
  const result = train(fistaSpec(elasticNet(60), 60, { tolerance: 0 }), data);
  const objectives = result.epochs.map((e) => e.objective);
  const lowest = objectives.indexOf(Math.min(...objectives));
  assert.ok(lowest + 1 < result.epochs.length, 'the last epoch is the best: nothing to test');
  assert.equal(result.final!.epoch, lowest + 1);
  const bias = result.weights[0].bias[0];
  const replay = train(fistaSpec(elasticNet(60), lowest + 1, { tolerance: 0 }), data);
  assert.equal(replay.weights[0].bias[0], bias);
});
