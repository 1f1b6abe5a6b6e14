import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyzeRun, openLog, type LogRun } from '../../../src/io/logs';
import { assertSeries, expected, logFixtures, type ExpectedRun } from './fixtures';

function byName(runs: LogRun[], name: string): LogRun {
  const run = runs.find((r) => r.name === name);
  assert.ok(run, `no run named ${name} among ${runs.map((r) => r.name).join(', ')}`);
  return run;
}

function assertRun(run: LogRun, want: ExpectedRun, format: LogRun['format']): void {
  assert.equal(run.format, format);
  assert.deepEqual(run.problems, []);
  assertSeries(run, want.series);
  const analysis = analyzeRun(run);
  assert.deepEqual(analysis.used, want.used);
  assert.equal(analysis.bestEpoch, want.analysis.bestEpoch);
  assert.equal(analysis.onset, want.analysis.onset);
  assert.ok(Math.abs(analysis.finalGap! - want.analysis.finalGap) < 1e-12, `final gap ${analysis.finalGap} vs ${want.analysis.finalGap}`);
  const accuracyGap = want.analysis.finalAccuracyGap;
  if (accuracyGap === null) assert.equal(analysis.finalAccuracyGap, null);
  else assert.ok(Math.abs(analysis.finalAccuracyGap! - accuracyGap) < 1e-12, `final accuracy gap ${analysis.finalAccuracyGap} vs ${accuracyGap}`);
}

test('a TensorBoard folder gives one run per folder of event files, simple_value and tensor scalars alike', async () => {
  const runs = await (await openLog(join(logFixtures, 'tensorboard'))).read();
  assert.deepEqual(runs.map((r) => r.name).sort(), ['keras', 'simple', 'tensor']);
  for (const name of ['simple', 'tensor', 'keras']) assertRun(byName(runs, name), expected.tensorboard[name], 'tensorboard');
  assert.equal(analyzeRun(byName(runs, 'simple')).axis, 'step');
});

test("Keras's TensorBoard train/ and validation/ folders are one run whose series say their split", async () => {
  const runs = await (await openLog(join(logFixtures, 'tensorboard', 'keras'))).read();
  assert.equal(runs.length, 1);
  assertSeries(runs[0], expected.tensorboard.keras.series);
});

test('one event file opens on its own, named after its folder', async () => {
  const runs = await (await openLog(join(logFixtures, 'tensorboard', 'tensor', 'events.out.tfevents.1700000001.fixture.2.v2'))).read();
  assert.equal(runs.length, 1);
  assertRun(byName(runs, 'tensor'), expected.tensorboard.tensor, 'tensorboard');
});

test('a record that is not an Event is reported at its offset; the records around it are kept', async () => {
  const [run] = await (await openLog(join(logFixtures, 'tensorboard_undecodable'))).read();
  assert.equal(run.problems.length, 1);
  assert.equal(run.problems[0].offset, expected.undecodable.offset);
  assert.match(run.problems[0].message, /not an Event/);
  assertSeries(run, { loss: expected.undecodable.loss });
});

test("a Keras CSVLogger file: epochs from 0 in the file are 1-based epochs, NA is a missing value", async () => {
  const runs = await (await openLog(join(logFixtures, 'keras', 'training.log'))).read();
  assert.equal(runs.length, 1);
  assertRun(byName(runs, 'training'), expected.keras.training, 'keras-csv');
  assert.equal(analyzeRun(runs[0]).axis, 'epoch');
});

test("a Lightning metrics.csv: sparse rows, per-epoch values preferred to per-step ones", async () => {
  const file = join(logFixtures, 'lightning', 'lightning_logs', 'version_0', 'metrics.csv');
  const runs = await (await openLog(file)).read();
  assertRun(byName(runs, 'version_0'), expected.lightning.version_0, 'lightning-csv');
  const inFolder = await (await openLog(join(logFixtures, 'lightning'))).read();
  assertSeries(byName(inFolder, 'lightning_logs/version_0'), expected.lightning.version_0.series);
});

test("a Hugging Face output folder is read from its latest checkpoint's trainer_state.json; bare NaN is a number", async () => {
  const runs = await (await openLog(join(logFixtures, 'hf', 'output'))).read();
  assert.equal(runs.length, 1);
  assertRun(byName(runs, 'output'), expected.hf.output, 'hf-trainer-state');
  assert.ok(runs[0].series.grad_norm.values.some(Number.isNaN));
  assert.equal(runs[0].series.train_loss, undefined, 'the end-of-training summary is not a point');
});

test('an earlier checkpoint holds the history up to it', async () => {
  const runs = await (await openLog(join(logFixtures, 'hf', 'output', 'checkpoint-40', 'trainer_state.json'))).read();
  assert.equal(byName(runs, 'output').series.eval_loss.values.length, 2);
});

test('a per-run override picks the series when the names say nothing', async () => {
  const [run] = await (await openLog(join(logFixtures, 'hf', 'output'))).read();
  const analysis = analyzeRun(run, { trainLoss: 'learning_rate', valLoss: 'eval_runtime' });
  assert.equal(analysis.used.trainLoss, 'learning_rate');
  assert.equal(analysis.used.valLoss, 'eval_runtime');
  assert.equal(analysis.finalGap, 0.5 - run.series.learning_rate.values.at(-1)!);
});
