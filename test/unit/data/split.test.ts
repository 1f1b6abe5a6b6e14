import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dataset } from '../../../src/core/data/dataset';
import { splitTrainValidation, standardize } from '../../../src/core/data/split';

/** Rows whose first feature is the row index, so a split's rows can be traced back. */
function table(labels: number[], classes: number): Dataset {
  const rows = labels.length;
  const x = new Float32Array(rows * 2);
  labels.forEach((label, i) => {
    x[2 * i] = i;
    x[2 * i + 1] = label * 10 + (i % 7);
  });
  const task = classes === 1 ? 'regression' : classes === 2 ? 'binary' : 'multiclass';
  const classNames = classes === 1 ? [] : Array.from({ length: classes }, (_, c) => `c${c}`);
  return { x, y: Float32Array.from(labels), rows, features: 2, task, classes, featureNames: ['i', 'v'], classNames };
}

const ids = (data: Dataset): number[] => Array.from({ length: data.rows }, (_, k) => data.x[2 * k]);
const countOf = (data: Dataset, label: number): number => data.y.filter((y) => y === label).length;

test('stratified: every class gives its share of validation rows, within one row', () => {
  const sizes = [7, 50, 13, 30];
  const labels = sizes.flatMap((size, c) => new Array<number>(size).fill(c));
  for (const fraction of [0.1, 0.25, 0.33]) {
    const { train, validation } = splitTrainValidation(table(labels, 4), fraction, 3);
    assert.ok(validation);
    assert.equal(validation.rows, Math.round(100 * fraction));
    sizes.forEach((size, c) => {
      assert.ok(Math.abs(countOf(validation, c) - size * fraction) < 1, `class ${c} at ${fraction}`);
      assert.equal(countOf(train, c) + countOf(validation, c), size);
    });
  }
});

test('the parts are disjoint, cover every row, keep row order and carry their targets', () => {
  const labels = Array.from({ length: 40 }, (_, i) => (i * 7) % 3);
  const { train, validation } = splitTrainValidation(table(labels, 3), 0.3, 1);
  const all = [...ids(train), ...ids(validation!)].sort((a, b) => a - b);
  assert.deepEqual(all, Array.from({ length: 40 }, (_, i) => i));
  for (const part of [train, validation!]) {
    const rows = ids(part);
    assert.deepEqual(rows, [...rows].sort((a, b) => a - b));
    rows.forEach((row, k) => assert.equal(part.y[k], labels[row]));
  }
});

test('the split depends on the seed and only on it', () => {
  const data = table(Array.from({ length: 60 }, (_, i) => i % 2), 2);
  const first = ids(splitTrainValidation(data, 0.25, 9).validation!);
  assert.deepEqual(ids(splitTrainValidation(data, 0.25, 9).validation!), first);
  assert.notDeepEqual(ids(splitTrainValidation(data, 0.25, 10).validation!), first);
});

test('regression splits all rows as one group', () => {
  const data = table(Array.from({ length: 25 }, (_, i) => i * 0.5), 1);
  const { train, validation } = splitTrainValidation(data, 0.2, 2);
  assert.equal(validation!.rows, 5);
  assert.equal(train.rows, 20);
});

test('validation 0 means no validation set; a fraction ≥ 1 is an error', () => {
  const data = table([0, 1, 0, 1], 2);
  const { train, validation } = splitTrainValidation(data, 0, 1);
  assert.equal(validation, null);
  assert.equal(train.rows, 4);
  assert.throws(() => splitTrainValidation(data, 1, 1), /validation must be a fraction in \[0, 1\), got 1/);
  assert.throws(() => splitTrainValidation(table([0, 1], 2), 0.9, 1), /leaves none for training/);
});

test('standardize fits on the training rows only and applies that to validation', () => {
  const labels = Array.from({ length: 200 }, (_, i) => i % 2);
  const split = splitTrainValidation(table(labels, 2), 0.25, 4);
  // standardize scales in place: keep the raw rows to compare with.
  const raw = { train: { ...split.train, x: split.train.x.slice() }, validation: { ...split.validation!, x: split.validation!.x.slice() } };
  const { data, stats } = standardize(split);
  const column = (d: Dataset, j: number) => Array.from({ length: d.rows }, (_, k) => d.x[2 * k + j]);
  const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
  const std = (v: number[]) => Math.sqrt(mean(v.map((a) => (a - mean(v)) ** 2)));
  for (const j of [0, 1]) {
    const train = column(data.train, j);
    assert.ok(Math.abs(mean(train)) < 1e-5);
    assert.ok(Math.abs(std(train) - 1) < 1e-5);
    // Stats come from the raw training column, and validation is mapped with them, not its own.
    const rawTrain = column(raw.train, j);
    assert.ok(Math.abs(stats.mean[j] - mean(rawTrain)) < 1e-9 && Math.abs(stats.std[j] - std(rawTrain)) < 1e-9);
    const rawValidation = column(raw.validation, j);
    column(data.validation!, j).forEach((value, k) => assert.ok(Math.abs(value - (rawValidation[k] - stats.mean[j]) / stats.std[j]) < 1e-5));
    assert.ok(Math.abs(mean(column(data.validation!, j))) > 1e-4 || Math.abs(std(column(data.validation!, j)) - 1) > 1e-4);
  }
});

test('a constant feature gets std 1 and becomes 0, not NaN', () => {
  const data = table([0, 1, 0, 1], 2);
  for (let i = 0; i < 4; i++) data.x[2 * i + 1] = 3;
  const { data: scaled, stats } = standardize({ train: data, validation: null });
  assert.equal(stats.std[1], 1);
  assert.deepEqual([1, 3, 5, 7].map((k) => scaled.train.x[k]), [0, 0, 0, 0]);
  assert.equal(scaled.validation, null);
});
