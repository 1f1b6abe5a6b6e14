import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLog } from '../../../src/io/logs';
import { assertSeries, expected, logFixtures } from './fixtures';

const simpleEvents = join(logFixtures, 'tensorboard', 'simple', 'events.out.tfevents.1700000000.fixture.1.v2');

/** Start offsets of a TFRecord file's records, from its length fields alone. */
function recordOffsets(bytes: Buffer): number[] {
  const offsets: number[] = [];
  for (let at = 0; at < bytes.length; at += 16 + Number(bytes.readBigUInt64LE(at))) offsets.push(at);
  return offsets;
}

function tempCopy(bytes: Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'reglens-logs-')), 'events.out.tfevents.1.test');
  writeFileSync(path, new Uint8Array(bytes));
  return path;
}

/** The simple run's series with only its first `epochs` epochs. */
function firstEpochs(epochs: number) {
  const all = expected.tensorboard.simple.series as Record<string, unknown[]>;
  return Object.fromEntries(Object.entries(all).map(([name, points]) => [name, points.slice(0, epochs)])) as never;
}

test('a flipped byte in a record fails its CRC: reported at the record, the records before it kept', async () => {
  const bytes = readFileSync(simpleEvents);
  const offsets = recordOffsets(bytes);
  // Record 0 holds the file version, record k the epoch k; flip a byte inside epoch 3's data.
  bytes[offsets[3] + 20] ^= 0x01;
  const [run] = await (await openLog(tempCopy(bytes))).read();
  assert.equal(run.problems.length, 1);
  assert.equal(run.problems[0].offset, offsets[3]);
  assert.match(run.problems[0].message, /data fails its CRC-32C/);
  assertSeries(run, firstEpochs(2));
});

test("a flipped byte in a record's length fails the length's CRC", async () => {
  const bytes = readFileSync(simpleEvents);
  const offsets = recordOffsets(bytes);
  bytes[offsets[5] + 1] ^= 0x40;
  const [run] = await (await openLog(tempCopy(bytes))).read();
  assert.equal(run.problems[0].offset, offsets[5]);
  assert.match(run.problems[0].message, /length fails its CRC-32C/);
  assertSeries(run, firstEpochs(4));
});

test('a truncated file is reported at the cut record; the records before it are kept', async () => {
  const bytes = readFileSync(simpleEvents);
  const offsets = recordOffsets(bytes);
  for (const cut of [offsets[7] + 5, offsets[7] + 30, offsets[8] - 1]) {
    const [run] = await (await openLog(tempCopy(bytes.subarray(0, cut)))).read();
    assert.equal(run.problems.length, 1, `cut at ${cut}`);
    assert.equal(run.problems[0].offset, offsets[7]);
    assert.match(run.problems[0].message, /ends inside a record/);
    assertSeries(run, firstEpochs(6));
  }
});

test('an event file still being written is read on from where the last read stopped', async () => {
  const bytes = readFileSync(simpleEvents);
  const offsets = recordOffsets(bytes);
  const path = tempCopy(bytes.subarray(0, offsets[4] + 7));
  const log = await openLog(path);
  assertSeries((await log.read())[0], firstEpochs(3));
  appendFileSync(path, new Uint8Array(bytes.subarray(offsets[4] + 7, offsets[9])));
  assertSeries((await log.read())[0], firstEpochs(8));
  appendFileSync(path, new Uint8Array(bytes.subarray(offsets[9])));
  const [run] = await log.read();
  assert.deepEqual(run.problems, []);
  assertSeries(run, expected.tensorboard.simple.series);
});

test('a Keras CSV log still being written: a partial last line waits for the rest', async () => {
  const text = readFileSync(join(logFixtures, 'keras', 'training.log'), 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'reglens-logs-'));
  const path = join(dir, 'training.log');
  const cut = text.indexOf('\n', text.indexOf('\n', text.indexOf('\n') + 1) + 1) + 10;
  writeFileSync(path, text.slice(0, cut));
  const log = await openLog(path);
  const first = (await log.read())[0];
  assert.equal(first.series.loss.values.length, 2);
  appendFileSync(path, text.slice(cut));
  const [run] = await log.read();
  assertSeries(run, expected.keras.training.series);
});

test('a Lightning metrics.csv rewritten with a wider header is read again from its start', async () => {
  const text = readFileSync(join(logFixtures, 'lightning', 'lightning_logs', 'version_0', 'metrics.csv'), 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'reglens-logs-'));
  const path = join(dir, 'metrics.csv');
  writeFileSync(path, 'epoch,step,train_loss_step\r\n0,1,0.9\r\n0,3,0.8\r\n');
  const log = await openLog(path);
  assert.equal((await log.read())[0].series.train_loss_step.values.length, 2);
  writeFileSync(path, text);
  const [run] = await log.read();
  assertSeries(run, expected.lightning.version_0.series);
});

test('a trainer_state.json caught half written keeps the last complete reading', async () => {
  const source = join(logFixtures, 'hf', 'output', 'checkpoint-160', 'trainer_state.json');
  const dir = mkdtempSync(join(tmpdir(), 'reglens-logs-'));
  const path = join(dir, 'trainer_state.json');
  copyFileSync(join(logFixtures, 'hf', 'output', 'checkpoint-40', 'trainer_state.json'), path);
  const log = await openLog(path);
  assert.equal((await log.read())[0].series.eval_loss.values.length, 2);
  const text = readFileSync(source, 'utf8');
  writeFileSync(path, text.slice(0, text.length / 2));
  const [half] = await log.read();
  assert.equal(half.series.eval_loss.values.length, 2);
  assert.match(half.problems[0].message, /not complete JSON/);
  writeFileSync(path, text);
  const [full] = await log.read();
  assert.deepEqual(full.problems, []);
  assertSeries(full, expected.hf.output.series);
});

test('files that are not logs give located problems, never a throw', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reglens-logs-'));
  writeFileSync(join(dir, 'notes.csv'), 'name,value\na,1\n');
  writeFileSync(join(dir, 'trainer_state.json'), '{"log_history": 3}');
  writeFileSync(join(dir, 'events.out.tfevents.1.x'), new Uint8Array(16).map((_, i) => i + 1));
  const [csv] = await (await openLog(join(dir, 'notes.csv'))).read();
  assert.equal(csv.problems[0].line, 1);
  const [json] = await (await openLog(join(dir, 'trainer_state.json'))).read();
  assert.match(json.problems[0].message, /no "log_history" list/);
  const [events] = await (await openLog(join(dir, 'events.out.tfevents.1.x'))).read();
  assert.equal(events.problems[0].offset, 0);
  assert.match(events.problems[0].message, /length fails its CRC-32C/);
});

test('reads asked for at once are done one after the other, so no record is delivered twice', async () => {
  const bytes = readFileSync(simpleEvents);
  const offsets = recordOffsets(bytes);
  const path = tempCopy(bytes.subarray(0, offsets[4]));
  const log = await openLog(path);
  appendFileSync(path, new Uint8Array(bytes.subarray(offsets[4])));
  const results = await Promise.all([log.read(), log.read(), log.read()]);
  assertSeries(results[2][0], expected.tensorboard.simple.series);
});
