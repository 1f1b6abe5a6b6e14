import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completeSpec, type LayerWeights } from '../../../src/core';
import { writeFileAtomic } from '../../../src/io/atomic';
import { RunStore } from '../../../src/io/runStore';
import { storedRun } from './storedRun';

const weights: LayerWeights[] = [{ inputs: 2, outputs: 1, weight: Float32Array.from([1, -2]), bias: Float32Array.from([0.5]) }];

const record = (experiment: string, createdAt: string, lambda = 0.01) => storedRun(experiment, createdAt, completeSpec({ regularization: { penalty: 'l2', lambda } }));

const freshStore = () => new RunStore(mkdtempSync(join(tmpdir(), 'reglens-store-')));

test('saved runs are listed newest first, loaded with their weights, and deleted', async () => {
  const store = freshStore();
  const older = record('digits l2', '2026-11-23T01:00:00.000Z', 0.1);
  const newer = record('digits l2', '2026-11-23T02:00:00.000Z', 0.2);
  const other = record('moons', '2026-11-23T01:30:00.000Z');
  for (const r of [older, newer, other]) await store.save(r, weights);

  const { runs, problems } = await store.list();
  assert.deepEqual(problems, []);
  assert.deepEqual(runs.map((r) => r.id), [newer.id, other.id, older.id]);
  assert.equal(runs[0]!.regularization.lambda, 0.2);
  assert.equal(runs[0]!.experiment, 'digits l2');
  assert.match(runs[0]!.dir, /digits%20l2/);

  assert.deepEqual(await store.load('digits l2', older.id), older);
  assert.deepEqual(await store.loadWeights('digits l2', older.id), weights);
  assert.equal((await store.list('digits l2')).runs[0]?.id, newer.id);
  assert.deepEqual((await store.list('never ran')).runs, []);

  await store.delete('digits l2', newer.id);
  assert.equal((await store.list('digits l2')).runs[0]?.id, older.id);
  await store.delete('digits l2', older.id);
  assert.deepEqual(readdirSync(store.runsDir), ['moons']);
  await assert.rejects(store.load('digits l2', older.id), /run\.json: no run\.json/);
});

test('a run id is never overwritten and never a path', async () => {
  const store = freshStore();
  const r = record('a', '2026-11-23T01:00:00.000Z');
  const first = await store.save(r, weights);
  assert.notEqual((await store.save(r, weights)).dir, first.dir);
  await assert.rejects(store.load('a', '../../etc'), /not a run id/);
});

test('corrupt and foreign entries are reported and skipped, never thrown', async () => {
  const store = freshStore();
  const good = record('good', '2026-11-23T01:00:00.000Z');
  await store.save(good, weights);
  const dir = (experiment: string, id: string) => {
    const path = join(store.runsDir, experiment, id);
    mkdirSync(path, { recursive: true });
    return path;
  };
  writeFileSync(join(dir('bad', '20261123-010000-000-0001'), 'run.json'), '{"format": "reglens-run/1", "id": ');
  writeFileSync(join(dir('bad', '20261123-010000-000-0002'), 'run.json'), JSON.stringify({ format: 'mlflow', id: 'x' }));
  writeFileSync(join(dir('bad', '20261123-010000-000-0003'), 'run.json'), JSON.stringify({ format: 'reglens-run/1', id: '20261123-010000-000-0003' }));
  writeFileSync(join(dir('bad', '20261123-010000-000-0004'), 'run.json'), '[1, 2]');
  writeFileSync(join(store.runsDir, 'notes.txt'), 'hello');
  writeFileSync(join(dir('good', 'my copy'), 'run.json'), JSON.stringify(good));

  const { runs, problems } = await store.list();
  assert.deepEqual(runs.map((r) => r.id), [good.id]);
  const messages = problems.map((p) => `${p.path.slice(store.runsDir.length + 1)}: ${p.message}`).sort();
  assert.equal(messages.length, 6);
  assert.match(messages[0]!, /0001: run\.json is not valid JSON/);
  assert.match(messages[1]!, /0002: run\.json\.format: expected "reglens-run\/1", got "mlflow"/);
  assert.match(messages[2]!, /0003: run\.json\.experiment: expected a string, got undefined/);
  assert.match(messages[3]!, /0004: run\.json: expected an object, got an array/);
  assert.match(messages[4]!, /good\/my copy: not a run folder \(its name is not a run id\)/);
  assert.match(messages[5]!, /notes\.txt: not a folder of the run store/);
});

test('an interrupted save leaves the previous run intact and the listing working', async () => {
  const store = freshStore();
  const previous = record('e', '2026-11-23T01:00:00.000Z');
  const previousDir = (await store.save(previous, weights)).dir;
  // A crash while rewriting the previous run's run.json leaves only the temporary file.
  writeFileSync(join(previousDir, '.run.json.1a2b3c4d.tmp'), '{"format": "reglens-run/1", "id": "trunc');
  // A crash during the next save: weights written, run.json only half written to its temporary file.
  const next = record('e', '2026-11-23T02:00:00.000Z');
  const nextDir = join(store.runsDir, 'e', next.id);
  mkdirSync(nextDir);
  writeFileSync(join(nextDir, 'weights.safetensors'), new Uint8Array(40));
  writeFileSync(join(nextDir, '.run.json.5e6f7a8b.tmp'), JSON.stringify(next).slice(0, 100));

  const { runs, problems } = await store.list();
  assert.deepEqual(runs.map((r) => r.id), [previous.id]);
  assert.deepEqual(problems, [{ path: nextDir, message: 'no run.json: not a run (runs are saved whole, so not a save in progress either)' }]);
  assert.deepEqual(await store.load('e', previous.id), previous);
  assert.deepEqual(await store.loadWeights('e', previous.id), weights);
});

test('a failed atomic write leaves no temporary file behind, a good one replaces the file', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'reglens-atomic-'));
  mkdirSync(join(folder, 'target', 'child'), { recursive: true }); // renaming a file over a non-empty folder fails
  await assert.rejects(writeFileAtomic(join(folder, 'target'), 'new'));
  assert.deepEqual(readdirSync(folder), ['target']);
  await writeFileAtomic(join(folder, 'file'), 'one');
  await writeFileAtomic(join(folder, 'file'), 'two');
  assert.deepEqual(readdirSync(folder).sort(), ['file', 'target']);
  assert.equal(readFileSync(join(folder, 'file'), 'utf8'), 'two');
});

test('a diverged run keeps its NaN and infinite losses through the store', async () => {
  const store = freshStore();
  const diverged = record('blow-up', '2026-11-23T03:00:00.000Z');
  const report = { epoch: 1, trainLoss: NaN, penalty: Infinity, objective: -Infinity, valLoss: null, trainMetric: 0.5, valMetric: null, gap: null, metricGap: null, gradientNorm: NaN, learningRate: 1e6, ms: 1, layers: [], histograms: null };
  diverged.epochs = [report];
  await store.save(diverged, weights);
  const loaded = await store.load('blow-up', diverged.id);
  assert.ok(Number.isNaN(loaded.epochs[0]!.trainLoss));
  assert.equal(loaded.epochs[0]!.penalty, Infinity);
  assert.equal(loaded.epochs[0]!.objective, -Infinity);
  assert.equal(loaded.epochs[0]!.valLoss, null);
});
