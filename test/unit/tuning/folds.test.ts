// k-fold CV folds: fixed by the seed, stratified, a partition, standardized without validation leaks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dataset } from '../../../src/core/data/dataset';
import { createRng } from '../../../src/core/rng';
import { foldAssignment, makeFolds } from '../../../src/core/tuning';

function labelled(rows: number, classes: number, seed: number): Dataset {
  const rng = createRng(seed, 'test');
  const y = Float32Array.from({ length: rows }, (_, i) => (i < classes ? i : rng.int(classes)));
  const x = Float32Array.from({ length: rows * 2 }, (_, k) => (k % 2 === 0 ? k / 2 : 100 + 10 * rng.normal()));
  return { x, y, rows, features: 2, task: 'multiclass', classes, featureNames: ['a', 'b'], classNames: [] };
}

test('the same seed gives the same folds, another seed others', () => {
  const data = labelled(103, 3, 1);
  const spec = { count: 5, seed: 7, standardize: false };
  assert.deepEqual(foldAssignment(data, spec), foldAssignment(data, spec));
  assert.notDeepEqual(foldAssignment(data, spec), foldAssignment(data, { ...spec, seed: 8 }));
});

test('folds partition the rows, sizes differ by at most one, and every class is spread evenly', () => {
  const data = labelled(103, 3, 2);
  const k = 5;
  const assignment = foldAssignment(data, { count: k, seed: 3, standardize: false });
  const sizes = new Array(k).fill(0);
  assignment.forEach((fold) => sizes[fold]++);
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `sizes ${sizes}`);
  for (let c = 0; c < 3; c++) {
    const perFold = new Array(k).fill(0);
    assignment.forEach((fold, row) => data.y[row] === c && perFold[fold]++);
    assert.ok(Math.max(...perFold) - Math.min(...perFold) <= 1, `class ${c}: ${perFold}`);
  }
  const folds = makeFolds(data, k, 3);
  const validationFirstFeature = folds.flatMap((f) => Array.from({ length: f.validation!.rows }, (_, i) => f.validation!.x[i * 2]));
  assert.deepEqual(validationFirstFeature.sort((a, b) => a - b), Array.from({ length: 103 }, (_, i) => i));
  for (const fold of folds) assert.equal(fold.train.rows + fold.validation!.rows, 103);
});

test('standardization is fitted on each fold’s training rows only', () => {
  const data = labelled(60, 2, 4);
  for (const fold of makeFolds(data, 4, 9, true)) {
    for (let j = 0; j < 2; j++) {
      const column = Array.from({ length: fold.train.rows }, (_, i) => fold.train.x[i * 2 + j]);
      const mean = column.reduce((a, b) => a + b, 0) / column.length;
      const sd = Math.sqrt(column.reduce((s, v) => s + (v - mean) ** 2, 0) / column.length);
      assert.ok(Math.abs(mean) < 1e-5 && Math.abs(sd - 1) < 1e-5, `training column ${j}: mean ${mean}, sd ${sd}`);
    }
    // Validation rows were not in the fit: their standardized mean is not exactly 0.
    const validation = Array.from({ length: fold.validation!.rows }, (_, i) => fold.validation!.x[i * 2]);
    assert.ok(Math.abs(validation.reduce((a, b) => a + b, 0) / validation.length) > 1e-3);
  }
});

test('too many folds for the rows is a clear error', () => {
  assert.throws(() => foldAssignment(labelled(3, 2, 1), { count: 5, seed: 1, standardize: false }), /5 folds need at least 5 rows/);
  assert.throws(() => foldAssignment(labelled(30, 2, 1), { count: 1, seed: 1, standardize: false }), /tuning\.folds/);
});
