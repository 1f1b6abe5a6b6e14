import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateSynthetic, type SyntheticParams } from '../../../src/core/data/synthetic';
import type { SyntheticName } from '../../../src/core/data/spec';

const base = { samples: 120, noise: 0.1, features: 3, classes: 4, seed: 5 };

const expected: Record<SyntheticName, { features: number; classes: number; task: string }> = {
  moons: { features: 2, classes: 2, task: 'binary' },
  circles: { features: 2, classes: 2, task: 'binary' },
  xor: { features: 2, classes: 2, task: 'binary' },
  spiral: { features: 2, classes: 4, task: 'multiclass' },
  blobs: { features: 3, classes: 4, task: 'multiclass' },
  polynomial: { features: 3, classes: 1, task: 'regression' },
};

for (const [dataset, shape] of Object.entries(expected) as [SyntheticName, (typeof expected)[SyntheticName]][]) {
  const params: SyntheticParams = { dataset, ...base };

  test(`${dataset}: shape, classes and finite values`, () => {
    const data = generateSynthetic(params);
    assert.equal(data.rows, 120);
    assert.equal(data.features, shape.features);
    assert.equal(data.x.length, 120 * shape.features);
    assert.equal(data.featureNames.length, shape.features);
    assert.equal(data.task, shape.task);
    assert.equal(data.classes, shape.classes);
    assert.ok(data.x.every(Number.isFinite) && data.y.every(Number.isFinite));
    if (shape.task !== 'regression') {
      assert.equal(data.classNames.length, shape.classes);
      const counts = new Array(shape.classes).fill(0);
      data.y.forEach((label) => counts[label]++);
      // Every class is present, and balanced except xor, whose classes follow the uniform points.
      const least = dataset === 'xor' ? 30 : Math.floor(120 / shape.classes);
      assert.ok(counts.every((count) => count >= least), `class counts ${counts}`);
    }
  });

  test(`${dataset}: same seed gives identical data, another seed other data`, () => {
    const first = generateSynthetic(params);
    assert.deepEqual(generateSynthetic(params), first);
    const other = generateSynthetic({ ...params, seed: 6 });
    assert.notDeepEqual(other.x, first.x);
  });
}

test('rows are shuffled, not grouped by class', () => {
  const { y } = generateSynthetic({ dataset: 'moons', ...base });
  const firstHalf = y.subarray(0, 60);
  assert.ok(firstHalf.includes(0) && firstHalf.includes(1));
});

test('noise 0 puts moons and circles exactly on their curves', () => {
  const moons = generateSynthetic({ dataset: 'moons', ...base, noise: 0 });
  for (let i = 0; i < moons.rows; i++) {
    const [a, b] = [moons.x[2 * i], moons.x[2 * i + 1]];
    const radius = moons.y[i] === 0 ? Math.hypot(a, b) : Math.hypot(a - 1, b - 0.5);
    assert.ok(Math.abs(radius - 1) < 1e-6, `moon point ${a}, ${b}`);
  }
  const circles = generateSynthetic({ dataset: 'circles', ...base, noise: 0 });
  for (let i = 0; i < circles.rows; i++) {
    const radius = Math.hypot(circles.x[2 * i], circles.x[2 * i + 1]);
    assert.ok(Math.abs(radius - (circles.y[i] === 0 ? 1 : 0.5)) < 1e-6);
  }
});

test('xor labels follow the signs of the coordinates when there is no noise', () => {
  const data = generateSynthetic({ dataset: 'xor', ...base, noise: 0 });
  for (let i = 0; i < data.rows; i++) assert.equal(data.y[i], data.x[2 * i] * data.x[2 * i + 1] >= 0 ? 0 : 1);
});

test('polynomial features are the powers of x and the target is sin(πx) without noise', () => {
  const data = generateSynthetic({ dataset: 'polynomial', ...base, noise: 0 });
  for (let i = 0; i < data.rows; i++) {
    const x = data.x[3 * i];
    assert.ok(Math.abs(data.x[3 * i + 2] - x ** 3) < 1e-6);
    assert.ok(Math.abs(data.y[i] - Math.sin(Math.PI * x)) < 1e-5);
  }
  assert.deepEqual(data.featureNames, ['x', 'x^2', 'x^3']);
});

test('bad parameters are clear errors', () => {
  assert.throws(() => generateSynthetic({ dataset: 'moons', ...base, samples: 1 }), /moons.*samples must be an integer ≥ 4, got 1/);
  assert.throws(() => generateSynthetic({ dataset: 'blobs', ...base, classes: 1 }), /classes must be an integer from 2 to 100/);
  assert.throws(() => generateSynthetic({ dataset: 'polynomial', ...base, features: 0 }), /features must be/);
  assert.throws(() => generateSynthetic({ dataset: 'moons', ...base, noise: -1 }), /noise must be a number ≥ 0/);
  assert.throws(() => generateSynthetic({ dataset: 'waves' as SyntheticName, ...base }), /unknown; choose one of moons/);
});
