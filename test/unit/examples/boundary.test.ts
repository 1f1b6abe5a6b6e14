// The visual example (media/example-boundary.reglens.json, written by `reglens example` beside the
// digits one): the unregularized run's boundary is
// wiggly and the regularized runs' are measurably smoother, counted as class changes along the
// grid's lines (a straight boundary crosses each line at most once).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import { experimentSpecs } from '../../../src/config/toSpec';
import { validateConfig } from '../../../src/config/validate';
import { train } from '../../../src/core/trainer';
import type { DecisionGrid } from '../../../src/core/pictures/types';
import { prepareData } from '../../../src/io/datasets';

const file = join(process.cwd(), 'media', 'example-boundary.reglens.json');

/** Class changes between neighbouring cells along every row and column of the grid. */
function classChanges(grid: DecisionGrid): number {
  const { steps: nx } = grid.x;
  const { steps: ny } = grid.y;
  let changes = 0;
  for (let j = 0; j < ny; j++) for (let i = 1; i < nx; i++) if (grid.values[j * nx + i] !== grid.values[j * nx + i - 1]) changes++;
  for (let i = 0; i < nx; i++) for (let j = 1; j < ny; j++) if (grid.values[j * nx + i] !== grid.values[(j - 1) * nx + i]) changes++;
  return changes;
}

test('the visual example validates, and its regularized boundaries are smoother than the plain one', async () => {
  const text = readFileSync(file, 'utf8');
  assert.deepEqual(validateConfig(text, null), []);
  const results = new Map<string, { changes: number; valLoss: number; gap: number }>();
  for (const experiment of experimentSpecs(parse(text))) {
    const { data, standardization } = await prepareData(experiment.data, { configDir: '.', mediaDir: 'media' });
    const result = train(experiment.spec, data, undefined, { pictures: { standardization, polynomial: false } });
    const last = result.pictures!.snapshots.at(-1)!;
    const final = result.epochs.at(-1)!;
    results.set(experiment.name, { changes: classChanges(last.boundary!), valLoss: final.valLoss!, gap: final.gap! });
    assert.equal(result.pictures!.points!.train.total, 30);
  }
  const plain = results.get('moons-none')!;
  assert.deepEqual([...results.keys()], ['moons-none', 'moons-l2', 'moons-dropout', 'moons-noise']);
  for (const name of ['moons-l2', 'moons-dropout', 'moons-noise']) {
    const regularized = results.get(name)!;
    // A tenth fewer changes at least: measurably smoother, not a tie broken by rounding.
    assert.ok(regularized.changes < 0.9 * plain.changes, `${name}: ${regularized.changes} class changes vs ${plain.changes} without regularization`);
    assert.ok(regularized.gap < plain.gap && regularized.valLoss < plain.valLoss, `${name}: gap ${regularized.gap} vs ${plain.gap}`);
  }
});
