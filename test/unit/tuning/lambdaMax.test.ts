// λ_max from the data (issue 14, item 6): the smallest λ with every L1 weight zero, checked against
// sklearn's alpha_max (test/fixtures/reference) and against the solver itself; grid ends and extension.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { completeSpec, type PartialTrainSpec } from '../../../src/core/spec';
import { train } from '../../../src/core/trainer';
import { autoGrid, extendGrid, gridEnd, lambdaMax } from '../../../src/core/tuning';
import { tuneHere } from './tuneHere';
import { prepareData } from '../../../src/io/datasets';
import { mediaDir, repoRoot } from '../paths';

const fixture = (file: string) => JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/reference', file), 'utf8'));
const rawRows = async (dataset: 'diabetes' | 'breast_cancer') =>
  (await prepareData({ kind: 'bundled', dataset, validation: 0, standardize: false, seed: 1 }, { configDir: '.', mediaDir })).data.train;
const convex = (regularization: PartialTrainSpec['regularization']) =>
  completeSpec({ model: { hidden: [] }, training: { optimizer: 'fista', epochs: 3000, learningRate: 1 }, regularization });

test('elastic net on diabetes: λ_max is the fixture’s (sklearn’s zero edge), under every scale', async () => {
  const rows = await rawRows('diabetes');
  const expected = fixture('elasticnet_diabetes_path.json').lambdaMax;
  const sum = lambdaMax(rows, convex({ penalty: 'elasticNet', l1Ratio: 0.5, scale: 'sum' }), true);
  assert.ok(Math.abs(sum - expected) < 1e-9 * expected, `${sum} vs ${expected}`);
  const twoM = lambdaMax(rows, convex({ penalty: 'elasticNet', l1Ratio: 0.5, scale: '2m' }), true);
  assert.ok(Math.abs(twoM - expected * 2 * rows.rows) < 1e-9 * twoM);
  const lasso = lambdaMax(rows, convex({ penalty: 'l1', scale: 'sum' }), true);
  const alphaMax = fixture('lasso_diabetes.json').alphaMax; // on float64 data: agrees to float32 rounding
  assert.ok(Math.abs(lasso - 2 * alphaMax) < 1e-6 * lasso, `${lasso} vs ${2 * alphaMax}`);
});

test('L1 logistic regression on breast cancer: every weight is 0 just above λ_max and not all just below', async () => {
  const rows = await rawRows('breast_cancer');
  const { data } = await prepareData({ kind: 'bundled', dataset: 'breast_cancer', validation: 0, standardize: true, seed: 1 }, { configDir: '.', mediaDir });
  const spec = (lambda: number) => convex({ penalty: 'l1', lambda, scale: '2m' });
  const max = lambdaMax(rows, spec(1), true);
  const above = train(spec(max * 1.01), data).weights[0].weight;
  const below = train(spec(max * 0.9), data).weights[0].weight;
  assert.ok(above.every((w) => w === 0), 'above λ_max');
  assert.ok(below.some((w) => w !== 0), 'below λ_max');
});

test('"auto" grids start at λ_max and reach four decades down; tuning runs on them', async () => {
  const rows = await rawRows('diabetes');
  const spec = convex({ penalty: 'l1', scale: 'sum' });
  const grid = autoGrid(lambdaMax(rows, spec, true));
  assert.equal(grid.length, 13);
  assert.equal(grid[0], lambdaMax(rows, spec, true));
  assert.ok(Math.abs(grid[12] - grid[0] * 1e-4) < 1e-12 * grid[0]);
  const settings = { lambdas: 'auto' as const, includeZero: false, folds: 3, metric: 'valLoss' as const, rule: '1se' as const, strategy: 'grid' as const, warmStart: true, seed: 1, standardize: true };
  const result = await tuneHere(spec, settings, rows);
  assert.deepEqual(result.lambdas, grid);
  assert.ok(result.path!.points[0].weight.every((w) => Math.abs(w) < 1e-6), 'the path starts with every weight zero');
});

test('grid ends are named, and extending adds two decades at the grid’s own spacing', () => {
  const grid = [10, 1, 0.1, 0.01];
  assert.equal(gridEnd(grid, 10), 'largest');
  assert.equal(gridEnd(grid, 0.01), 'smallest');
  assert.equal(gridEnd(grid, 1), null);
  assert.equal(gridEnd([...grid, 0], 0.01), 'smallest', 'λ = 0 is a baseline, not an end');
  const lower = extendGrid(grid, 'smallest');
  assert.equal(lower.length, 6);
  assert.ok(Math.abs(lower[5] - 1e-4) < 1e-15 && lower[0] === 10);
  const upper = extendGrid([...grid, 0], 'largest');
  assert.ok(Math.abs(upper[0] - 1000) < 1e-9 && upper.at(-1) === 0);
});
