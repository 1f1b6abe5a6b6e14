// On the bundled data: halving picks the grid's λ_1se for less compute, and the lasso path matches
// scikit-learn's (test/fixtures/reference/lasso_diabetes.json, made by make_reference.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BundledName } from '../../../src/core/data/spec';
import { completeSpec } from '../../../src/core/spec';
import type { TuningSettings } from '../../../src/core';
import { tuneHere } from './tuneHere';
import { prepareData } from '../../../src/io/datasets';
import { mediaDir, repoRoot } from '../paths';

async function rows(dataset: BundledName) {
  const { data } = await prepareData({ kind: 'bundled', dataset, validation: 0, standardize: false, seed: 1 }, { configDir: '.', mediaDir });
  return data.train;
}

const settings: TuningSettings = {
  lambdas: { min: 1e-3, max: 100, count: 11 },
  includeZero: false,
  folds: 5,
  metric: 'valMetric',
  rule: '1se',
  strategy: 'grid',
  warmStart: true,
  seed: 1,
  standardize: true,
};
const smallNetwork = completeSpec({
  model: { hidden: [8], activation: 'tanh' },
  training: { epochs: 30, batchSize: 32, optimizer: 'adam', learningRate: 0.01, seed: 2 },
  regularization: { penalty: 'l2' },
});

for (const dataset of ['iris', 'wine', 'breast_cancer', 'digits'] as const) {
  test(`halving selects the grid's λ_1se on ${dataset} for less compute`, async (t) => {
    const data = await rows(dataset);
    const grid = await tuneHere(smallNetwork, settings, data);
    const halving = await tuneHere(smallNetwork, { ...settings, strategy: 'halving' }, data);
    assert.equal(halving.lambda1se!.lambda, grid.lambda1se!.lambda);
    // Both train the same input path on all rows at the full budget: halving saves on the folds.
    const ratio = (halving.cost.epochs - halving.cost.pathEpochs) / (grid.cost.epochs - grid.cost.pathEpochs);
    t.diagnostic(`${dataset}: λ_1se ${grid.lambda1se!.lambda}, epochs halving/grid ${halving.cost.epochs}/${grid.cost.epochs} = ${ratio.toFixed(2)}, rungs ${halving.stages.map((s) => `${s.lambdas.length}λ×${s.epochs}`).join(' → ')}`);
    assert.ok(ratio < 0.65, `halving cost ${ratio} of the grid`);
    // The survivors' final numbers are the grid's own: the last rung repeats the grid's computation.
    for (const point of halving.curve) assert.deepEqual(point, grid.curve.find((p) => p.lambda === point.lambda));
  });
}

interface LassoSolution {
  reglens: { lambda: { sum: number } };
  coef: number[];
  zeros: number;
}

test('the warm-started lasso path on diabetes matches scikit-learn’s coefficients and zero counts', async (t) => {
  const reference = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/reference/lasso_diabetes.json'), 'utf8')) as { solutions: LassoSolution[] };
  const lambdas = reference.solutions.map((s) => s.reglens.lambda.sum);
  const lasso = completeSpec({
    model: { hidden: [] },
    training: { optimizer: 'fista', epochs: 3000, learningRate: 1 },
    regularization: { penalty: 'l1', scale: 'sum' },
  });
  const lassoSettings = { ...settings, metric: 'valLoss' as const, lambdas };
  const data = await rows('diabetes');
  const warm = await tuneHere(lasso, lassoSettings, data);
  assert.equal(warm.warmStart, true);
  const points = warm.path!.points;
  assert.equal(points.length, 13);
  points.forEach((point, k) => {
    const solution = reference.solutions[k];
    assert.equal(point.lambda, solution.reglens.lambda.sum);
    const scale = Math.max(...solution.coef.map(Math.abs), 1);
    solution.coef.forEach((w, j) => assert.ok(Math.abs(point.weight[j] - w) < 1e-3 * scale, `λ #${k} coef ${j}: ${point.weight[j]} vs ${w}`));
    // At α_max the all-zero optimum sits on the KKT boundary, where rounding decides zero or 1e-7.
    if (k > 0) assert.equal(point.exactZeros, solution.zeros, `λ #${k}: exact zeros`);
  });
  const cold = await tuneHere(lasso, { ...lassoSettings, warmStart: false }, data);
  assert.equal(cold.lambda1se!.lambda, warm.lambda1se!.lambda);
  t.diagnostic(`warm starts: ${warm.cost.epochs} epochs vs ${cold.cost.epochs} cold (${((1 - warm.cost.epochs / cold.cost.epochs) * 100).toFixed(0)}% fewer) to converge`);
  assert.ok(warm.cost.epochs < 0.9 * cold.cost.epochs);
});
