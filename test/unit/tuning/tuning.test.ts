// End to end: a problem with a known shape of answer, reproducibility, pool-style execution, cancellation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dataset } from '../../../src/core/data/dataset';
import { createRng } from '../../../src/core/rng';
import { completeSpec } from '../../../src/core/spec';
import { driveTuning, inThisThread, planTuning, runTuningJob, type TuningSettings } from '../../../src/core/tuning';
import { tuneHere } from './tuneHere';

/** 40 rows, 30 features, only 3 of which matter: plain least squares fits the noise. */
function sparseRegression(seed: number): Dataset {
  const rng = createRng(seed, 'sparse');
  const rows = 40, features = 30;
  const x = Float32Array.from({ length: rows * features }, () => rng.normal());
  const y = Float32Array.from({ length: rows }, (_, i) => 3 * x[i * features] - 2 * x[i * features + 1] + x[i * features + 2] + 1.5 * rng.normal());
  return { x, y, rows, features, task: 'regression', classes: 1, featureNames: [], classNames: [] };
}

const ridge = completeSpec({
  model: { hidden: [] },
  training: { optimizer: 'fista', epochs: 400, learningRate: 1 },
  regularization: { penalty: 'l2', lambda: 0, scale: 'sum' },
});
const settings: TuningSettings = {
  lambdas: { min: 1e-3, max: 100, count: 11 },
  includeZero: true,
  folds: 5,
  metric: 'valLoss',
  rule: '1se',
  strategy: 'grid',
  warmStart: true,
  seed: 3,
  standardize: true,
};

test('λ = 0 overfits, a large λ underfits, and the rules pick in between', async () => {
  const result = await tuneHere(ridge, settings, sparseRegression(1));
  const at = (lambda: number) => result.curve.find((p) => p.lambda === lambda)!;
  const zero = at(0), largest = at(100), best = at(result.lambdaMin!.lambda);
  assert.equal(result.curve.length, 12);
  assert.ok(zero.trainLoss.mean < 0.5 * zero.valLoss.mean, `λ = 0 should overfit: train ${zero.trainLoss.mean}, val ${zero.valLoss.mean}`);
  assert.ok(largest.trainLoss.mean > 3, `λ = 100 should underfit: train ${largest.trainLoss.mean}`);
  assert.ok(result.lambdaMin!.lambda > 0 && result.lambdaMin!.lambda < 100);
  assert.ok(best.valLoss.mean < 0.7 * zero.valLoss.mean && best.valLoss.mean < 0.7 * largest.valLoss.mean);
  assert.ok(result.lambda1se!.lambda >= result.lambdaMin!.lambda);
  assert.equal(result.chosen, result.lambda1se!.lambda);
  // Training loss rises with λ along the curve (largest λ first), and ‖W‖ shrinks.
  for (let i = 1; i < result.curve.length; i++) {
    assert.ok(result.curve[i].trainLoss.mean <= result.curve[i - 1].trainLoss.mean + 1e-4);
    assert.ok(result.curve[i].frobenius >= result.curve[i - 1].frobenius - 1e-4);
  }
  assert.equal(result.path!.points.length, 12);
  assert.equal(result.warmStart, true);
});

test('the same seed gives the same folds and the same choice; the fold seed matters', async () => {
  const data = sparseRegression(2);
  const first = await tuneHere(ridge, settings, data);
  const again = await tuneHere(ridge, settings, data);
  assert.deepEqual(again.curve, first.curve);
  assert.deepEqual([again.lambdaMin, again.lambda1se], [first.lambdaMin, first.lambda1se]);
  const other = await tuneHere(ridge, { ...settings, seed: 4 }, data);
  assert.notDeepEqual(other.curve.map((p) => p.score.mean), first.curve.map((p) => p.score.mean));
});

test('jobs and results are structured-clone friendly; running them in any order gives the same result', async () => {
  const data = sparseRegression(3);
  const spec = completeSpec({ model: { hidden: [4] }, training: { epochs: 5, batchSize: 8, learningRate: 0.05 }, regularization: { penalty: 'l1' } });
  const halving = { ...settings, strategy: 'halving' as const, lambdas: [1, 0.1, 0.01, 0.001] };
  const reference = await tuneHere(spec, halving, data);
  const plan = planTuning(spec, halving, data);
  for (let jobs = plan.nextJobs(); jobs.length > 0; jobs = plan.nextJobs()) {
    const results = [...jobs].reverse().map((job) => structuredClone(runTuningJob(structuredClone(job), structuredClone(data))));
    plan.accept(results);
  }
  const pooled = plan.result();
  assert.deepEqual(pooled.curve, reference.curve);
  assert.deepEqual(pooled.lambda1se, reference.lambda1se);
  assert.equal(pooled.warmStart, false, 'a network with hidden layers is not warm-started');
  assert.equal(pooled.path, null);
});

test('a cancelled tuning stops and says so; tuning without a penalty is refused', async () => {
  const rows = sparseRegression(1);
  let trained = 0;
  const drive = driveTuning(planTuning(ridge, settings, rows), inThisThread(rows), () => {
    if (++trained === 3) drive.cancel();
  });
  const driven = await drive.result;
  assert.equal(driven.kind, 'cancelled');
  assert.equal(driven.kind === 'cancelled' && driven.trained, 3, 'no (λ, fold) pair finished after the cancel');
  const none = completeSpec({ regularization: { penalty: 'none' } });
  assert.throws(() => planTuning(none, settings, sparseRegression(1)), /penalty is "none"/);
});
