/** Stored records are untrusted input (issue 11, items 4 and 11): checked field by field, one codec for non-finite numbers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EpochReport, RunRecord, TuningRecord } from '../../../src/core';
import { RunStore } from '../../../src/io/runStore';
import { TuningStore } from '../../../src/io/tuningStore';
import { fixtureRuns, fixtureTunings } from '../webview/fixture';

/** A fixture as the store reads it back: records from before these settings existed get what they meant then. */
const asRead = (r: RunRecord): RunRecord => ({
  ...r,
  spec: {
    ...r.spec,
    training: { ...r.spec.training, tolerance: 0 },
    regularization: { ...r.spec.regularization, convention: 'reglens', dropout: 0, maxNorm: 0, inputNoise: 0, labelSmoothing: 0 },
    diagnostics: { ...r.spec.diagnostics, pictureEpochs: [] },
  },
});

const freshRoot = () => mkdtempSync(join(tmpdir(), 'reglens-records-'));

/** Writes run.json as a repository could carry it, beside a good run. */
function storeWith(bad: (record: RunRecord) => unknown): { store: RunStore; good: RunRecord; other: RunRecord; badDir: string } {
  const store = new RunStore(freshRoot());
  const [first, second] = fixtureRuns();
  const good = { ...first!, id: '20261123-010000-000-0001' };
  const other = { ...second!, id: '20261123-010000-000-0002' };
  const goodDir = store.runDir(good!.experiment, good!.id);
  mkdirSync(goodDir, { recursive: true });
  writeFileSync(join(goodDir, 'run.json'), JSON.stringify(good));
  const badDir = store.runDir(other!.experiment, other!.id);
  mkdirSync(badDir, { recursive: true });
  writeFileSync(join(badDir, 'run.json'), JSON.stringify(bad(other!)));
  return { store, good: good!, other: other!, badDir };
}

for (const [what, bad, place] of [
  ['"spec": {}', (r: RunRecord) => ({ ...r, spec: {} }), 'run.json.spec.model'],
  ['"summary": {}', (r: RunRecord) => ({ ...r, summary: {} }), 'run.json.summary.stopReason'],
  ['an epoch without its layers', (r: RunRecord) => ({ ...r, epochs: [{ ...r.epochs[0], layers: undefined }] }), 'run.json.epochs[0].layers'],
  ['a λ that is text', (r: RunRecord) => ({ ...r, spec: { ...r.spec, regularization: { ...r.spec.regularization, lambda: '0.01' } } }), 'run.json.spec.regularization.lambda'],
  ['a final report that is not one', (r: RunRecord) => ({ ...r, summary: { ...r.summary, final: { epoch: 3 } } }), 'run.json.summary.final.trainLoss'],
] as const) {
  test(`a run.json with ${what} is skipped with a problem naming its path; the other runs still list and load`, async () => {
    const { store, good, other, badDir } = storeWith(bad);
    const { runs, problems } = await store.list();
    assert.deepEqual(runs.map((r) => r.id), [good.id]);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.path, badDir);
    assert.ok(problems[0]!.message.startsWith(place), problems[0]!.message);
    assert.deepEqual(await store.load(good.experiment, good.id), asRead(good));
    await assert.rejects(store.load(other.experiment, other.id), (error: Error) => error.message.includes(place));
  });
}

test('"NaN" and "Infinity" as names and labels stay strings; non-finite losses come back as numbers', async () => {
  const store = new RunStore(freshRoot());
  const [fixture] = fixtureRuns();
  const run = { ...fixture!, id: '20261123-010000-000-0003' };
  const diverged: EpochReport = { ...run!.epochs[0]!, trainLoss: NaN, objective: Infinity, gap: -Infinity };
  const record: RunRecord = {
    ...run!,
    experiment: 'NaN',
    dataset: { ...run!.dataset, featureNames: ['Infinity', 'x'], classNames: ['-Infinity', 'NaN'] },
    objective: 'Infinity',
    epochs: [diverged],
    summary: { ...run!.summary, final: diverged, message: 'NaN' },
  };
  await store.save(record, null);
  const loaded = await store.load('NaN', record.id);
  assert.equal(loaded.experiment, 'NaN');
  assert.equal(loaded.objective, 'Infinity');
  assert.deepEqual(loaded.dataset.featureNames, ['Infinity', 'x']);
  assert.deepEqual(loaded.dataset.classNames, ['-Infinity', 'NaN']);
  assert.equal(loaded.summary.message, 'NaN');
  assert.ok(Number.isNaN(loaded.epochs[0]!.trainLoss));
  assert.equal(loaded.epochs[0]!.objective, Infinity);
  assert.equal(loaded.epochs[0]!.gap, -Infinity);
  assert.deepEqual(loaded, asRead(record));
  assert.deepEqual((await store.list()).runs.map((r) => r.experiment), ['NaN'], 'the run can be listed again');
});

test('a tuning keeps a diverged λ\'s NaN mean as a number, and an experiment named "Infinity" as a string', async () => {
  const root = freshRoot();
  const store = new TuningStore(root);
  const [fixture] = fixtureTunings();
  const tuning = { ...fixture!, id: '20261123-010000-000-0004' };
  const point = { ...tuning!.result.curve[0]!, score: { mean: NaN, se: NaN } };
  const record: TuningRecord = { ...tuning!, experiment: 'Infinity', result: { ...tuning!.result, curve: [point, ...tuning!.result.curve.slice(1)] } };
  const { path } = await store.save(record);
  assert.match(readFileSync(path, 'utf8'), /"mean": "NaN"/);
  const { tunings, problems } = await store.list('Infinity');
  assert.deepEqual(problems, []);
  assert.equal(tunings[0]!.experiment, 'Infinity');
  assert.ok(Number.isNaN(tunings[0]!.result.curve[0]!.score.mean));
});

test('a tuning file that is JSON but not a tuning is skipped with a problem naming it', async () => {
  const root = freshRoot();
  const store = new TuningStore(root);
  const [fixture] = fixtureTunings();
  const tuning = { ...fixture!, id: '20261123-010000-000-0005' };
  await store.save(tuning!);
  const bad = join(store.tuningsDir, tuning!.experiment.replace(/[^A-Za-z0-9_-]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`), '20261123-010000-000-0009.json');
  writeFileSync(bad, JSON.stringify({ ...tuning, id: '20261123-010000-000-0009', result: { ...tuning!.result, curve: {} } }));
  const { tunings, problems } = await store.list(tuning!.experiment);
  assert.deepEqual(tunings.map((t) => t.id), [tuning!.id]);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.path, bad);
  assert.match(problems[0]!.message, /result\.curve: expected an array/);
});
