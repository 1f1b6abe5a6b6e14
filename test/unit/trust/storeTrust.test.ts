/** Item 7: a run id or tuning id already taken never loses the new record nor overwrites the old one. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunRecord, TuningRecord } from '../../../src/core/runRecord';
import { fixtureRuns } from '../webview/fixture';
import { RunStore } from '../../../src/io/runStore';
import { runIdPattern } from '../../../src/io/runNames';
import { TuningStore } from '../../../src/io/tuningStore';

const root = mkdtempSync(join(tmpdir(), 'reglens-collide-'));
test.after(() => rmSync(root, { recursive: true, force: true }));

const id = '20261123-010203-456-abcd';
const weights = [{ inputs: 1, outputs: 1, weight: new Float32Array([0.5]), bias: new Float32Array([0]) }];

function runRecord(marker: string): RunRecord {
  return { ...fixtureRuns()[0]!, id, experiment: 'e', createdAt: '2026-11-23T01:02:03.456Z', config: { marker } };
}

test('item 7: a run whose id is taken is saved under a new id of the same moment; the first run is untouched', async () => {
  const store = new RunStore(join(root, 'runs'));
  const first = await store.save(runRecord('first'), weights);
  const second = await store.save(runRecord('second'), weights);
  assert.equal(first.record.id, id);
  assert.notEqual(second.record.id, id);
  assert.match(second.record.id, runIdPattern);
  assert.equal(second.record.id.slice(0, 19), id.slice(0, 19), 'same timestamp, new suffix');
  assert.equal(second.dir, store.runDir('e', second.record.id));
  assert.equal(JSON.parse(readFileSync(join(first.dir, 'run.json'), 'utf8')).config.marker, 'first');
  const saved = JSON.parse(readFileSync(join(second.dir, 'run.json'), 'utf8'));
  assert.deepEqual([saved.id, saved.config.marker], [second.record.id, 'second']);
  assert.equal(readdirSync(join(store.runsDir, 'e')).length, 2);
});

test('item 7: a tuning whose id is taken is saved under a new id instead of overwriting the first', async () => {
  const store = new TuningStore(join(root, 'tunings'));
  const record = (marker: string) =>
    ({ format: 'reglens-tuning/1', id, experiment: 'e', createdAt: '2026-11-23T01:02:03.456Z', reglensVersion: '0', config: { marker }, result: {} }) as unknown as TuningRecord;
  const first = await store.save(record('first'));
  const second = await store.save(record('second'));
  assert.notEqual(second.record.id, first.record.id);
  assert.notEqual(second.path, first.path);
  assert.equal(JSON.parse(readFileSync(first.path, 'utf8')).config.marker, 'first');
  const saved = JSON.parse(readFileSync(second.path, 'utf8'));
  assert.deepEqual([saved.id, saved.config.marker], [second.record.id, 'second']);
  assert.equal(readdirSync(join(store.tuningsDir, 'e')).filter((name) => name.endsWith('.json')).length, 2);
});

test('item 16: a run.json naming another experiment than its folder is reported, not listed; deleting a run that is not there fails', async () => {
  const store = new RunStore(join(root, 'mismatch'));
  const { dir } = await store.save(runRecord('first'), weights);
  const moved = join(store.runsDir, 'other', id);
  mkdirSync(join(moved, '..'), { recursive: true });
  renameSync(dir, moved);
  const { runs, problems } = await store.list();
  assert.deepEqual(runs, []);
  assert.equal(problems.length, 1);
  assert.match(problems[0]!.message, /names experiment 'e', whose runs are in folder 'e', not 'other'/);
  await assert.rejects(store.delete('e', id), /no run .* to delete/);
  assert.ok(existsSync(moved), 'nothing else was deleted');
});
