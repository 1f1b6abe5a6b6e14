// The selection rules on hand-made curves, and λ_1se ≥ λ_min on many random ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lambda1se, lambdaGrid, lambdaMin, meanAndSE, type LambdaChoice } from '../../../src/core/tuning';
import { createRng } from '../../../src/core/rng';

const curve = (rows: [number, number, number][]): LambdaChoice[] => rows.map(([lambda, mean, se]) => ({ lambda, mean, se }));

test('λ_min is the best mean; λ_1se the largest λ within one SE of it (losses: lower is better)', () => {
  const losses = curve([
    [10, 0.9, 0.05],
    [1, 0.52, 0.03],
    [0.1, 0.5, 0.04],
    [0.01, 0.45, 0.06],
    [0.001, 0.47, 0.05],
  ]);
  assert.equal(lambdaMin(losses, 'lower').lambda, 0.01);
  // Threshold 0.45 + 0.06 = 0.51: 0.1 (0.50) qualifies, 1 (0.52) does not.
  assert.equal(lambda1se(losses, 'lower').lambda, 0.1);
});

test('for accuracy (higher is better) the rules flip direction', () => {
  const accuracy = curve([
    [10, 0.6, 0.02],
    [1, 0.9, 0.02],
    [0.1, 0.93, 0.02],
    [0.01, 0.94, 0.015],
  ]);
  assert.equal(lambdaMin(accuracy, 'higher').lambda, 0.01);
  assert.equal(lambda1se(accuracy, 'higher').lambda, 0.1); // 0.94 − 0.015 = 0.925
});

test('a diverged λ (not finite) is never chosen; all diverged is a clear error', () => {
  const withNaN = curve([
    [1, NaN, NaN],
    [0.1, 0.4, 0.1],
    [0.01, Infinity, NaN],
  ]);
  assert.equal(lambdaMin(withNaN, 'lower').lambda, 0.1);
  assert.equal(lambda1se(withNaN, 'lower').lambda, 0.1);
  assert.throws(() => lambdaMin(curve([[1, NaN, NaN]]), 'lower'), /diverged/);
});

test('mean and standard error use the sample sd over √k', () => {
  const { mean, se } = meanAndSE([1, 2, 3, 4]);
  assert.equal(mean, 2.5);
  assert.ok(Math.abs(se - Math.sqrt(5 / 3 / 4)) < 1e-12);
});

test('λ_1se ≥ λ_min on 500 random curves, both directions', () => {
  const rng = createRng(11, 'curves');
  for (let trial = 0; trial < 500; trial++) {
    const points = Array.from({ length: 2 + rng.int(15) }, (_, i) => ({ lambda: 10 ** (1 - i / 2), mean: rng.normal(), se: rng.next() * 0.5 }));
    if (rng.next() < 0.2) points[rng.int(points.length)].mean = NaN;
    rng.shuffle(points);
    for (const direction of ['lower', 'higher'] as const) {
      if (points.every((p) => !Number.isFinite(p.mean))) continue;
      const min = lambdaMin(points, direction);
      const oneSE = lambda1se(points, direction);
      assert.ok(oneSE.lambda >= min.lambda, `trial ${trial}: λ_1se ${oneSE.lambda} < λ_min ${min.lambda}`);
      const sign = direction === 'lower' ? 1 : -1;
      assert.ok(sign * (oneSE.mean - min.mean) <= min.se + 1e-12, `trial ${trial}: λ_1se is outside one SE`);
      for (const p of points) assert.ok(!(sign * p.mean < sign * min.mean), `trial ${trial}: a better mean than λ_min's exists`);
    }
  }
});

test('grids: log-spaced with exact ends, lists sorted largest first, λ = 0 on request, bad input named', () => {
  const grid = lambdaGrid({ min: 1e-5, max: 10, count: 13 }, false);
  assert.equal(grid.length, 13);
  assert.equal(grid[0], 10);
  assert.equal(grid[12], 1e-5);
  for (let i = 1; i < 13; i++) assert.ok(Math.abs(grid[i - 1] / grid[i] - 10 ** 0.5) < 1e-9);
  assert.deepEqual(lambdaGrid([0.1, 1, 0.01, 1], true), [1, 0.1, 0.01, 0]);
  assert.throws(() => lambdaGrid({ min: 0, max: 1, count: 3 }, false), /tuning\.lambdas\.min/);
  assert.throws(() => lambdaGrid([1, -2], false), /tuning\.lambdas\[1\]/);
  assert.throws(() => lambdaGrid([], false), /empty/);
});
