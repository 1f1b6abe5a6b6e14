// tuning.shuffle and tuning.stratify: contiguous, unstratified or order-kept folds; the record keeps the assignment and per-fold scores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dataset } from '../../../src/core/data/dataset';
import { createRng } from '../../../src/core/rng';
import { completeSpec } from '../../../src/core/spec';
import { foldAssignment } from '../../../src/core/tuning';
import { tuneHere } from './tuneHere';

function labelled(rows: number, classes: number): Dataset {
  const rng = createRng(4, 'test');
  const y = Float32Array.from({ length: rows }, (_, i) => (i < rows / 2 ? 0 : 1 + (i % (classes - 1))));
  const x = Float32Array.from({ length: rows * 2 }, () => rng.normal());
  return { x, y, rows, features: 2, task: 'multiclass', classes, featureNames: ['a', 'b'], classNames: [] };
}

const perClassPerFold = (data: Dataset, assignment: Uint8Array, k: number) =>
  Array.from({ length: data.classes }, (_, c) => {
    const counts = new Array(k).fill(0);
    assignment.forEach((fold, row) => data.y[row] === c && counts[fold]++);
    return counts;
  });

test('without shuffling or stratifying, folds are contiguous blocks of the file’s order', () => {
  const data = labelled(103, 3);
  const assignment = foldAssignment(data, { count: 4, seed: 1, standardize: false, shuffle: false, stratify: false });
  for (let row = 1; row < data.rows; row++) assert.ok(assignment[row] >= assignment[row - 1], `row ${row}`);
  const sizes = [0, 1, 2, 3].map((f) => assignment.filter((a) => a === f).length);
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `sizes ${sizes}`);
});

test('stratified without shuffling deals each class in order; unstratified with shuffling ignores the classes', () => {
  const data = labelled(120, 3);
  const ordered = foldAssignment(data, { count: 4, seed: 1, standardize: false, shuffle: false, stratify: true });
  for (const counts of perClassPerFold(data, ordered, 4)) assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `${counts}`);
  assert.deepEqual(Array.from(ordered.slice(0, 8)), [0, 1, 2, 3, 0, 1, 2, 3]);
  const unstratified = foldAssignment(data, { count: 4, seed: 1, standardize: false, shuffle: true, stratify: false });
  assert.notDeepEqual(unstratified, foldAssignment(data, { count: 4, seed: 1, standardize: false }));
  const spread = perClassPerFold(data, unstratified, 4).map((counts) => Math.max(...counts) - Math.min(...counts));
  assert.ok(Math.max(...spread) > 1, 'with 120 rows, random folds leave some class uneven');
});

test('the defaults are the shuffled, stratified folds of before', () => {
  const data = labelled(90, 3);
  assert.deepEqual(foldAssignment(data, { count: 5, seed: 2, standardize: false, shuffle: true, stratify: true }), foldAssignment(data, { count: 5, seed: 2, standardize: false }));
});

test('a tuning result stores the fold of every row and each λ’s score on every fold', async () => {
  const data = labelled(90, 3);
  const spec = completeSpec({ model: { hidden: [] }, training: { optimizer: 'fista', epochs: 30, learningRate: 1 }, regularization: { penalty: 'l2', lambda: 1 } });
  const settings = { lambdas: [10, 0.1], includeZero: false, folds: 3, metric: 'valLoss' as const, rule: '1se' as const, strategy: 'grid' as const, warmStart: true, seed: 1, standardize: true, shuffle: false, stratify: false };
  const result = await tuneHere(spec, settings, data);
  assert.deepEqual(result.foldAssignment, Array.from(foldAssignment(data, { count: 3, seed: 1, standardize: true, shuffle: false, stratify: false })));
  for (const point of result.curve) {
    assert.equal(point.foldScores.length, 3);
    const mean = (point.foldScores as number[]).reduce((a, b) => a + b, 0) / 3;
    assert.ok(Math.abs(mean - point.score.mean) < 1e-12, `λ ${point.lambda}`);
  }
});
