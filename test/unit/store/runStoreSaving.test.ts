// Issue 16 item 11: "no run.json: a save in progress" while a comparison saved its runs. A run folder
// appeared (mkdir) before its run.json was written, and a listing in between (the sidebar refreshing
// after another run finished) reported it. Runs are now written in a hidden folder and renamed whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LayerWeights } from '../../../src/core';
import { tempFolder } from '../../../src/io/atomic';
import { newRunId } from '../../../src/io/runNames';
import { RunStore, weightsFile } from '../../../src/io/runStore';
import { storedRun } from './storedRun';

// 2 MB of weights per run: the write and its fsync take long enough for listings to run meanwhile.
const inputs = 1024;
const outputs = 512;
const weights: LayerWeights[] = [{ inputs, outputs, weight: new Float32Array(inputs * outputs).fill(0.5), bias: new Float32Array(outputs) }];

test('listings made while eight runs save at once never report a problem, and every run is saved', async () => {
  const store = new RunStore(mkdtempSync(join(tmpdir(), 'reglens-saving-')));
  const records = Array.from({ length: 8 }, (_, i) => storedRun('compare', `2026-11-23T01:00:0${i}.000Z`));
  let saving = true;
  const saves = Promise.all(records.map((r) => store.save(r, weights))).finally(() => (saving = false));
  const problems: string[] = [];
  while (saving) {
    const listed = await store.list();
    problems.push(...listed.problems.map((p) => `${p.path}: ${p.message}`));
  }
  await saves;
  assert.deepEqual(problems, []);
  const { runs } = await store.list();
  assert.equal(runs.length, records.length);
  assert.deepEqual(readdirSync(join(store.runsDir, 'compare')).sort(), records.map((r) => r.id).sort(), 'no temporary folder is left');
});

// The state a listing meets half way through a save, made on purpose: the run's folder exists only
// under its temporary name, with its weights written and its run.json not yet.
test('a listing during a save sees neither the half-written run nor a problem', async () => {
  const store = new RunStore(mkdtempSync(join(tmpdir(), 'reglens-saving-')));
  const saved = await store.save(storedRun('compare', '2026-11-23T01:00:00.000Z'), null);
  const half = tempFolder(join(store.runsDir, 'compare'), newRunId(new Date('2026-11-23T01:00:01.000Z')));
  mkdirSync(half);
  writeFileSync(join(half, weightsFile), 'partial');
  const listed = await store.list();
  assert.deepEqual(listed.problems, []);
  assert.deepEqual(listed.runs.map((r) => r.id), [saved.record.id]);
});

test('a save that fails half way leaves nothing a listing reports, and the next save works', async () => {
  const store = new RunStore(mkdtempSync(join(tmpdir(), 'reglens-saving-')));
  const broken: LayerWeights[] = [{ inputs: 2, outputs: 1, weight: Float32Array.from([1]), bias: Float32Array.from([0]) }];
  await assert.rejects(store.save(storedRun('e', '2026-11-23T01:00:00.000Z'), broken));
  assert.deepEqual(await store.list(), { runs: [], problems: [] });
  const saved = await store.save(storedRun('e', '2026-11-23T02:00:00.000Z'), null);
  assert.deepEqual((await store.list()).runs.map((r) => r.id), [saved.record.id]);
});
