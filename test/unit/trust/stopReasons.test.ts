/** Items 9 and 10: a run that is not useful says so, and names the real cause. */
import { test } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import type { Dataset } from '../../../src/core/data/dataset';
import { completeSpec, type PartialTrainSpec } from '../../../src/core/spec';
import { train } from '../../../src/core/trainer';
import { prepareData } from '../../../src/io/datasets';
import { syntheticDataset, splitAt } from '../core/fixtures';

const spec = (partial: PartialTrainSpec) =>
  completeSpec({ ...partial, training: { epochs: 5, batchSize: 16, ...partial.training } });

/** Cross-entropy of always predicting the class frequencies, computed here from the labels. */
function labelEntropy(data: Dataset): number {
  const counts = new Map<number, number>();
  for (const label of data.y) counts.set(label, (counts.get(label) ?? 0) + 1);
  return -[...counts.values()].reduce((sum, count) => sum + (count / data.rows) * Math.log(count / data.rows), 0);
}

test('item 9: a run that blows up in its first epoch (Adam, η = 1e6) is diverged, judged against initialization and chance', () => {
  const data = splitAt(syntheticDataset(300, 4, 'multiclass'), 240);
  const result = train(spec({ model: { hidden: [16] }, training: { optimizer: 'adam', learningRate: 1e6 } }), data);
  assert.equal(result.stopReason, 'diverged');
  assert.equal(result.epochs.length, 1, 'stopped at epoch 1');
  const chance = labelEntropy(data.train);
  assert.ok(result.epochs[0]!.objective > 1e4 * chance, 'the case the old rule missed: nothing before epoch 1 to compare with');
  assert.match(result.message, /Diverged at epoch 1: the training objective .* is over 10000× the loss at initialization \([\d.]+\) and at chance level \([\d.]+\)/);
  assert.match(result.message, new RegExp(`chance level \\(${chance.toPrecision(3).replace('.', '\\.')}\\)`));
});

test('item 9: a healthy run with the same data is not called diverged', () => {
  const data = splitAt(syntheticDataset(300, 4, 'multiclass'), 240);
  const result = train(spec({ model: { hidden: [16] }, training: { optimizer: 'adam', learningRate: 0.01 } }), data);
  assert.equal(result.stopReason, 'completed');
});

test('item 10: λ so large that every weight is zero stops as weightsZero, naming λ', () => {
  const data = splitAt(syntheticDataset(200, 5, 'binary'), 160);
  const result = train(spec({ model: { hidden: [] }, regularization: { penalty: 'l1', lambda: 1e6 } }), data);
  assert.ok(result.weights.every((layer) => layer.weight.every((w) => w === 0)), 'the premise: every weight is exactly 0');
  assert.equal(result.stopReason, 'weightsZero');
  assert.match(result.message, /All weights are zero: λ is too large for this data/);
  const modest = train(spec({ model: { hidden: [] }, regularization: { penalty: 'l1', lambda: 0.01 } }), data);
  assert.equal(modest.stopReason, 'completed');
});

test('item 10: an infinite penalty is named as such, not as a non-finite training loss', () => {
  const data = splitAt(syntheticDataset(200, 5, 'binary'), 160);
  const result = train(spec({ model: { hidden: [4] }, regularization: { penalty: 'l2', lambda: 1e308, scale: 'sum' } }), data);
  assert.equal(result.stopReason, 'diverged');
  assert.match(result.message, /the penalty is not a finite number \(λ = 1e\+308 is too large\)/);
  assert.doesNotMatch(result.message, /training loss is not a finite number/);
});

test('item 10: an exploding regression target is named, not the learning rate', () => {
  const base = syntheticDataset(200, 4, 'regression');
  const huge = { ...base, y: base.y.map((v) => v * 1e15) };
  const result = train(spec({ model: { hidden: [8] }, training: { learningRate: 0.01 } }), splitAt(huge, 160));
  assert.equal(result.stopReason, 'diverged');
  assert.match(result.message, /the regression target is large \(standard deviation [\d.e+]+\): rescale the target column/);
  const small = train(spec({ model: { hidden: [8] }, training: { learningRate: 50, epochs: 50 } }), splitAt(base, 160));
  assert.equal(small.stopReason, 'diverged');
  assert.match(small.message, /learning rate 50 may be too large/, 'a modest target still blames the learning rate');
});

test('item 10: constant features are a warning naming them', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'reglens-constant-'));
  try {
    const rows = Array.from({ length: 40 }, (_, i) => `${i * 0.5},7,${(i * 7) % 5},${i % 2}`);
    writeFileSync(join(folder, 'flat.csv'), ['a,flat,c,y', ...rows].join('\n'));
    const spec = { kind: 'csv', csv: 'flat.csv', target: 'y', task: 'auto', validation: 0.2, standardize: true, seed: 1 } as const;
    const { warnings } = await prepareData(spec, { configDir: folder, mediaDir: folder });
    assert.deepEqual(warnings, ['Feature "flat" has the same value (7) in every training row: it carries no information.']);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
