/**
 * A training log beside a RegLens run in the dashboard (headless Chromium): the log is read by the
 * real readers from the Keras fixture, carried by the ExternalRun contract, and drawn on the same
 * axes as the run, with its best epoch and onset marked.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunRecord } from '../../src/core';
import { toExternalRun } from '../../src/extension/features/logs/externalRun';
import { analyzeRun, openLog } from '../../src/io/logs';
import type { CheckpointSeries } from '../../src/protocol/checkpointSeries';
import { webviewPages } from './harness';

const root = process.cwd();
const [l1Run] = JSON.parse(readFileSync(join(root, 'test/webview/fixtures/runs.json'), 'utf8')) as RunRecord[];
const expected = JSON.parse(readFileSync(join(root, 'test/fixtures/logs/expected.json'), 'utf8'));

const openView = webviewPages(root);

test('dashboard: a Keras log is drawn beside a RegLens run, loss for loss, epoch for epoch', async () => {
  const [logRun] = await (await openLog(join(root, 'test/fixtures/logs/keras/training.log'))).read();
  const external = toExternalRun(logRun, analyzeRun(logRun), 'keras/training.log');
  const view = await openView('dashboard', 'dark', 1300);
  await view.send({ type: 'runs', runs: [l1Run] });
  await view.send({ type: 'externalRuns', runs: [external], scalars: ['val_accuracy'] });
  await view.settle();
  assert.deepEqual(await view.problems(), []);

  const charts = await view.charts();
  const chart = charts.find((c) => c.id === 'external-loss');
  assert.ok(chart, `charts: ${charts.map((c) => c.id).join(', ')}`);
  assert.ok(charts.some((c) => c.id === 'loss'), 'the run keeps its own charts');
  const columns = chart.table.columns;
  assert.equal(columns.length, 5);
  assert.match(columns[3], /^training: loss$/);
  assert.match(columns[4], /^training: val_loss$/);
  const row = (epoch: number) => chart.table.rows.find((r) => r[0] === epoch)!;
  l1Run.epochs.forEach((report) => {
    assert.equal(row(report.epoch)[1], report.trainLoss);
    assert.equal(row(report.epoch)[2], report.valLoss);
  });
  for (const [, epoch, value] of expected.keras.training.series.loss) assert.equal(row(epoch)[3], value);
  for (const [, epoch, value] of expected.keras.training.series.val_loss) assert.equal(row(epoch)[4], value);
  await view.page.screenshot({ path: '/tmp/reglens-shots/dashboard-log-beside-run.png' });

  // A series asked for on demand gets a chart of its own; Keras's NA is a gap.
  const accuracy = charts.find((c) => c.id === 'external-scalar-val_accuracy');
  assert.ok(accuracy);
  const logged = expected.keras.training.series.val_accuracy as [number, number, number][];
  assert.deepEqual(accuracy.table.rows, logged.map(([, epoch, value]) => [epoch, value]));

  // A malformed run (values longer than steps) is refused by the webview's check, not drawn.
  await view.send({ type: 'externalRuns', runs: [{ ...external, series: { loss: { steps: [1], epochs: [1], values: [1, 2] } } }], scalars: [] });
  await view.settle();
  const refused = (await view.posted()).filter((m) => m.type === 'error');
  assert.equal(refused.length, 1);
  assert.match(JSON.stringify(refused[0]), /differ in length/);
  assert.ok((await view.charts()).some((c) => c.id === 'external-loss'), 'the runs shown before stay');
});

test('dashboard: a Hugging Face log and its checkpoints on one step axis, the gap beside Σ‖W‖²_F', async () => {
  const folder = join(root, 'test/fixtures/logs/hf/output');
  const [logRun] = await (await openLog(folder)).read();
  const external = toExternalRun(logRun, analyzeRun(logRun), 'hf/output');
  // The checkpoints read by the built CLI (the extension's worker runs the same readers).
  const cli = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'inspect', '--json', folder], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(cli.status, 0, cli.stderr);
  const { points } = JSON.parse(cli.stdout).series[0];
  const series: CheckpointSeries = { id: 'hf/output', name: 'hf/output', unit: 'step', checkpoints: 4, points, skipped: [], problems: [], done: true };
  const view = await openView('dashboard', 'light', 1300);
  await view.send({ type: 'externalRuns', runs: [external], scalars: [] });
  await view.send({ type: 'checkpointSeries', series: [series] });
  await view.settle();
  assert.deepEqual(await view.problems(), []);
  const charts = await view.charts();
  const chart = charts.find((c) => c.id === 'checkpoint-gap-norms');
  assert.ok(chart, `charts: ${charts.map((c) => c.id).join(', ')}`);
  assert.deepEqual(chart.table.columns, ['step', 'output: gap (eval_loss − loss)', 'hf/output: Σ‖W‖²_F']);
  const row = (step: number) => chart.table.rows.find((r) => r[0] === step)!;
  // The gap at each evaluation: eval_loss minus the training loss logged last at or before its step (the fixture's own series).
  const log = expected.hf.output.series;
  for (const [step, , valLoss] of log.eval_loss) {
    const trainLoss = log.loss.filter((p: number[]) => p[0] <= step).at(-1)[2];
    assert.ok(Math.abs(row(step)[1]! - (valLoss - trainLoss)) < 1e-12, `gap at ${step}`);
  }
  const weights = JSON.parse(readFileSync(join(root, 'test/fixtures/series/expected.json'), 'utf8')).hf;
  for (const w of weights) assert.ok(Math.abs(row(w.step)[2]! - w.sumSquares) < 1e-5 * w.sumSquares, `Σ‖W‖²_F at ${w.step}`);
  for (const id of ['checkpoint-layer-norms', 'checkpoint-alpha', 'checkpoint-sparsity']) assert.ok(charts.some((c) => c.id === id), id);
  // The page's saved state names the series and the log, which the extension opens again after a window reload.
  await view.settle(1100);
  const saved = JSON.parse((await view.page.evaluate(() => sessionStorage.getItem('state'))) ?? 'null');
  assert.deepEqual({ series: saved?.series, logs: saved?.logs }, { series: ['hf/output'], logs: ['hf/output'] });
  await view.page.screenshot({ path: '/tmp/reglens-shots/dashboard-log-beside-checkpoints.png' });
});
