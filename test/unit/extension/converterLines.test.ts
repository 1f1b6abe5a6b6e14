// The palette's λ converter (issue 14, item 4): every library's form of one penalty, each line copyable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writtenPenalty } from '../../../src/core';
import { converterLines } from '../../../src/extension/features/config/converterLines';

const line = (lines: ReturnType<typeof converterLines>, start: string) => {
  const found = lines.find((l) => l.label.startsWith(start));
  assert.ok(found, `no line starting with ${start} in ${lines.map((l) => l.label).join(' | ')}`);
  return found;
};

test('sklearn ElasticNet(alpha=1, l1_ratio=0.5) is RegLens λ 1.5 under "sum" with l1Ratio 2/3, and glmnet lambda 1, alpha 0.5', () => {
  const lines = converterLines(writtenPenalty({ from: 'sklearn.ElasticNet', value: 1, mixing: 0.5, penalty: null, scale: 'sum' }), null);
  const reglens = line(lines, 'RegLens λ = 1.5 (scale "sum")');
  assert.match(reglens.label, /l1Ratio 0\.666666666667$/);
  const block = JSON.parse(`{${reglens.copy}}`).regularization;
  assert.deepEqual(block, { penalty: 'elasticNet', lambda: 1.5, scale: 'sum', l1Ratio: 0.666666666667 });
  assert.equal(line(lines, 'glmnet glmnet(family = "gaussian"').copy, 'glmnet(family = "gaussian", lambda, alpha): lambda=1, alpha=0.5');
  assert.equal(line(lines, 'scikit-learn ElasticNet').copy, 'ElasticNet(alpha, l1_ratio): alpha=1, l1_ratio=0.5');
  assert.ok(!lines.some((l) => l.label.includes('Lasso')), 'a Lasso cannot say an elastic net');
  assert.match(line(lines, 'Give m').label, /sklearn\.Ridge/);
  assert.ok(!lines.some((l) => l.label.startsWith('RegLens') && l.label.includes('"2m"')), 'scale 2m needs m');
});

test('RegLens L2 λ = 0.01 under "2m" on 1437 rows: Ridge alpha 0.005, LogisticRegression C 100, MLPClassifier alpha 0.01, PyTorch weight_decay λ/m', () => {
  const lines = converterLines(writtenPenalty({ from: 'reglens', value: 0.01, mixing: null, penalty: 'l2', scale: '2m' }), 1437);
  assert.equal(line(lines, 'scikit-learn Ridge').copy, 'Ridge(alpha): alpha=0.005');
  assert.match(line(lines, 'scikit-learn LogisticRegression').copy, /C=100$/);
  assert.match(line(lines, 'scikit-learn MLPClassifier').copy, /alpha=0\.01$/);
  const torch = line(lines, 'PyTorch').copy.match(/weight_decay=([\d.e-]+)$/)!;
  assert.ok(Math.abs(Number(torch[1]) - 0.01 / 1437) < 1e-15);
  const half = JSON.parse(`{${line(lines, 'RegLens λ = 0.0000069').copy}}`).regularization;
  assert.equal(half.scale, 'half');
  assert.ok(!lines.some((l) => l.label.startsWith('Give m')));
  assert.match(line(lines, 'Not the same: decoupled decay').detail, /weightDecay/);
});

test('Keras L1L2(l1=0.001, l2=0.003) is an elastic net of λ 0.004 under "sum" with l1Ratio 0.25', () => {
  const lines = converterLines(writtenPenalty({ from: 'keras.regularizers', value: 0.001, mixing: 0.003, penalty: null, scale: 'sum' }), 100);
  assert.match(line(lines, 'RegLens λ = 0.004 (scale "sum")').label, /l1Ratio 0\.25$/);
  assert.match(line(lines, 'Keras').copy, /l1=0\.001, l2=0\.003$/);
});
