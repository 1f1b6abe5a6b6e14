// Full-batch FISTA on convex models (no hidden layer) reaches the optima scikit-learn computed for
// the same objective (test/fixtures/reference, made by make_reference.py, verified there by KKT).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BundledName } from '../../../src/core/data/spec';
import { completeSpec, type PenaltyName } from '../../../src/core/spec';
import { train } from '../../../src/core/trainer';
import { prepareData } from '../../../src/io/datasets';
import { mediaDir, repoRoot } from '../paths';

interface Solution {
  reglens: { penalty: PenaltyName; l1Ratio?: number; lambda: { sum: number } };
  coef: number[] | number[][];
  intercept: number | number[];
  zeros: number;
  objective: number;
}

const fixtures = join(repoRoot, 'test/fixtures/reference');

async function checkAgainst(file: string, dataset: BundledName, epochs: number, coefficientTolerance: number) {
  const { solutions } = JSON.parse(readFileSync(join(fixtures, file), 'utf8')) as { solutions: Solution[] };
  const { data } = await prepareData({ kind: 'bundled', dataset, validation: 0, standardize: true, seed: 1 }, { configDir: '.', mediaDir });
  for (const [index, solution] of solutions.entries()) {
    const spec = completeSpec({
      model: { hidden: [] },
      training: { optimizer: 'fista', epochs, learningRate: 1 },
      regularization: { penalty: solution.reglens.penalty, lambda: solution.reglens.lambda.sum, scale: 'sum', l1Ratio: solution.reglens.l1Ratio ?? 0.5 },
    });
    const result = train(spec, data);
    const last = result.epochs[result.epochs.length - 1];
    const label = `${file} #${index}`;
    const gap = (last.objective - solution.objective) / Math.abs(solution.objective);
    assert.ok(Math.abs(gap) < 1e-5, `${label}: objective ${last.objective} vs ${solution.objective}`);
    const expected = (solution.coef as number[] | number[][]).flat();
    const weights = result.weights[0].weight;
    const scale = Math.max(...expected.map(Math.abs), 1);
    expected.forEach((w, j) => assert.ok(Math.abs(weights[j] - w) < coefficientTolerance * scale, `${label} coef ${j}: ${weights[j]} vs ${w}`));
    // At exactly α_max the zero solution's KKT inequality is tight, so rounding decides zero vs 1e-7.
    const atBoundary = expected.every((w) => w === 0);
    if (solution.reglens.penalty !== 'l2' && !atBoundary) {
      assert.equal(weights.filter((w) => w === 0).length, solution.zeros, `${label}: exact zeros`);
    }
  }
}

test('lasso path on diabetes: objective, coefficients and zero pattern of sklearn’s Lasso', () =>
  checkAgainst('lasso_diabetes.json', 'diabetes', 3000, 1e-4));
test('elastic net on diabetes matches sklearn’s ElasticNet', () => checkAgainst('elasticnet_diabetes.json', 'diabetes', 3000, 1e-4));
test('L1 and L2 logistic regression on breast cancer match sklearn’s LogisticRegression', () =>
  checkAgainst('logistic_breast_cancer.json', 'breast_cancer', 6000, 1e-3));
test('softmax regression with L2 on iris matches sklearn’s multinomial LogisticRegression', () =>
  checkAgainst('softmax_iris.json', 'iris', 3000, 1e-3));
test('softmax regression with L2 on wine matches sklearn’s multinomial LogisticRegression', () =>
  checkAgainst('softmax_wine.json', 'wine', 3000, 1e-3));
