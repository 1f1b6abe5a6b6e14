import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { bundledNames } from '../../../src/core/data/bundled';
import { loadBundled } from '../../../src/io/datasets';
import manifest from './fixtures/bundled-manifest.json';
import { repoRoot } from '../paths';

const media = join(repoRoot, 'media');
const facts: Record<string, { rows: number; features: number; task: string; class_counts: number[] | null; sha256: string }> =
  manifest.datasets;

test('the bundled names are exactly the manifest datasets', () => {
  assert.deepEqual([...bundledNames].sort(), Object.keys(facts).sort());
});

for (const name of bundledNames) {
  const expected = facts[name];

  test(`${name}.csv.gz decodes to the exported CSV (sha256)`, () => {
    // Copies into plain Uint8Arrays: @types/node 20.9's Buffer does not type-check as one under TypeScript 5.9.
    const csv = gunzipSync(new Uint8Array(readFileSync(join(media, 'data', `${name}.csv.gz`))));
    assert.equal(createHash('sha256').update(new Uint8Array(csv)).digest('hex'), expected.sha256);
  });

  test(`${name} loads with the manifest's shape, task and class counts`, async () => {
    const data = await loadBundled(name, media);
    assert.equal(data.rows, expected.rows);
    assert.equal(data.features, expected.features);
    assert.equal(data.x.length, expected.rows * expected.features);
    assert.equal(data.task, expected.task);
    if (expected.class_counts) {
      assert.equal(data.classes, expected.class_counts.length);
      assert.equal(data.classNames.length, data.classes);
      const counts = new Array(data.classes).fill(0);
      data.y.forEach((label) => counts[label]++);
      assert.deepEqual(counts, expected.class_counts);
    } else {
      assert.equal(data.classes, 1);
    }
  });
}

test('iris keeps its species names and first row', async () => {
  const iris = await loadBundled('iris', media);
  assert.deepEqual(iris.classNames, ['setosa', 'versicolor', 'virginica']);
  assert.deepEqual([...iris.x.subarray(0, 4)], [5.1, 3.5, 1.4, 0.2].map(Math.fround));
  assert.equal(iris.featureNames[0], 'sepal_length_cm');
});
