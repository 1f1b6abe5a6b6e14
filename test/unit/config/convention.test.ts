// `regularization.convention`: a config can write λ in a library's terms; the spec is RegLens's, and the objective says both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { experimentSpecs } from '../../../src/config/toSpec';
import { describeObjective } from '../../../src/core/objective';

const spec = (regularization: object) =>
  experimentSpecs({ experiments: [{ name: 'x', data: { dataset: 'diabetes' }, regularization }] })[0].spec.regularization;

test('sklearn ElasticNet(alpha = 1, l1_ratio = 0.5) in the config trains RegLens λ = 1.5, l1Ratio = 2/3 under "sum"', () => {
  const reg = spec({ penalty: 'elasticNet', convention: 'sklearn.ElasticNet', lambda: 1, l1Ratio: 0.5 });
  assert.equal(reg.scale, 'sum');
  assert.ok(Math.abs(reg.lambda - 1.5) < 1e-15 && Math.abs(reg.l1Ratio - 2 / 3) < 1e-15);
  const text = describeObjective(reg, 'mse', 442);
  assert.match(text, /λ=1\.5/);
  assert.match(text, /written as scikit-learn ElasticNet\(alpha, l1_ratio\): alpha=1, l1_ratio=0\.5$/);
});

test('a convention that fixes the penalty sets it; LogisticRegression C reads the experiment’s penalty', () => {
  const lasso = spec({ penalty: 'l1', convention: 'sklearn.Lasso', lambda: 0.5 });
  assert.deepEqual([lasso.penalty, lasso.scale, lasso.lambda], ['l1', 'sum', 1]);
  const logistic = spec({ penalty: 'l2', convention: 'sklearn.LogisticRegression', lambda: 4 });
  assert.deepEqual([logistic.penalty, logistic.scale, logistic.lambda], ['l2', '2m', 0.25]);
  assert.match(describeObjective(logistic, 'binaryCrossEntropy', 100), /LogisticRegression\(C, penalty, l1_ratio\): C=4$/);
});

test('without a convention (or with penalty none) nothing is converted', () => {
  assert.deepEqual(spec({ penalty: 'l2', lambda: 0.5 }), spec({ penalty: 'l2', lambda: 0.5, convention: 'reglens' }));
  assert.equal(spec({ penalty: 'l2', lambda: 0.5 }).lambda, 0.5);
  assert.equal(spec({ penalty: 'none', convention: 'sklearn.Ridge', lambda: 3 }).lambda, 3);
});
