/**
 * The dashboard's tuning view in headless Chromium, fed real tunings made by `reglens tune`
 * (fixtures/tunings.json, see makeTuningFixture.sh): every chart draws the record's numbers, the
 * ±1 SE bars and the λ_min / λ_1se lines are drawn where the record says, Apply posts the right
 * λ, and screenshots land in /tmp/reglens-shots/tuning-*.png.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { LambdaStats, MeanSE, RunRecord, TuningRecord } from '../../src/core';
import { tuningReport } from '../../src/protocol/reportHtml';
import { penaltyLabel } from '../../src/protocol/labels';
import { shots, WebviewPage, webviewPages } from './harness';

const root = process.cwd();
const [lasso, halving] = JSON.parse(readFileSync(join(root, 'test/webview/fixtures/tunings.json'), 'utf8')) as TuningRecord[];
const [run] = JSON.parse(readFileSync(join(root, 'test/webview/fixtures/runs.json'), 'utf8')) as RunRecord[];

const openView = webviewPages(root);

type Chart = Awaited<ReturnType<WebviewPage['charts']>>[number];

function close(actual: number | null | undefined, expected: number, where: string): void {
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${where}: ${actual} ≠ ${expected}`);
}

function chartOf(charts: Chart[], id: string): Chart {
  const chart = charts.find((c) => c.id === id);
  assert.ok(chart, `no chart ${id} among ${charts.map((c) => c.id).join(', ')}`);
  return chart;
}

const byLambda = (curve: readonly LambdaStats[]) => [...curve].sort((a, b) => a.lambda - b.lambda);

/** Per λ: each column read from the record, in the chart's column order after λ. */
function checkColumns(chart: Chart, curve: readonly LambdaStats[], columns: ((p: LambdaStats) => number)[]): void {
  const lambdas = chart.table.rows.map((r) => r[0] ?? NaN);
  assert.deepEqual(lambdas, [...lambdas].sort((a, b) => a - b), `${chart.id}: rows run from the smallest λ`);
  for (const p of curve) {
    const row = chart.table.rows.find((r) => r[0] === p.lambda);
    assert.ok(row, `${chart.id}: no row for λ = ${p.lambda}`);
    columns.forEach((read, i) => close(row[i + 1], read(p), `${chart.id} λ=${p.lambda} ${chart.table.columns[i + 1]}`));
  }
}

/** The SE bars drawn on a series: one per λ with a non-zero SE, from mean − SE to mean + SE. */
function checkErrorBars(chart: Chart, series: string, curve: readonly LambdaStats[], read: (p: LambdaStats) => MeanSE): void {
  const bars = chart.drawn?.errorBars.filter((b) => b.series === series) ?? [];
  const expected = byLambda(curve).filter((p) => read(p).se > 0);
  assert.equal(bars.length, expected.length, `${chart.id}: one ±1 SE bar per λ on ${series}`);
  expected.forEach((p) => {
    const bar = bars.find((b) => b.lambda === p.lambda);
    assert.ok(bar, `${chart.id}: no SE bar at λ = ${p.lambda}`);
    close(bar.low, read(p).mean - read(p).se, `${chart.id} λ=${p.lambda} bar low`);
    close(bar.high, read(p).mean + read(p).se, `${chart.id} λ=${p.lambda} bar high`);
  });
}

/** The per-fold table: a row per λ, largest first, each fold's score as the record has it, and the fold sizes said. */
async function checkFoldScores(view: WebviewPage, record: TuningRecord): Promise<void> {
  const { result } = record;
  const rows = await view.page.$$eval('.fold-scores tbody tr', (trs) =>
    trs.map((tr) => ({ lambda: Number(tr.getAttribute('data-lambda')), values: Array.from(tr.querySelectorAll('td[data-value]')).map((td) => Number(td.getAttribute('data-value'))), mark: tr.lastElementChild?.textContent ?? '' })),
  );
  assert.deepEqual(rows.map((r) => r.lambda), [...result.curve].map((p) => p.lambda).sort((a, b) => b - a), 'a row per λ, largest first');
  for (const point of result.curve) {
    const row = rows.find((r) => r.lambda === point.lambda)!;
    assert.equal(row.values.length, result.folds);
    point.foldScores.forEach((score, f) => close(row.values[f], score!, `λ=${point.lambda} fold ${f + 1}`));
    const mean = row.values.reduce((a, b) => a + b, 0) / result.folds;
    close(mean, point.score.mean, `λ=${point.lambda}: the folds' mean is the curve's`);
  }
  assert.match(rows.find((r) => r.lambda === result.lambda1se?.lambda)!.mark, /λ_1se/);
  const sizes = Array.from({ length: result.folds }, (_, f) => result.foldAssignment.filter((a) => a === f).length);
  assert.equal(sizes.reduce((a, b) => a + b, 0), record.rows);
  const text = (await view.page.textContent('.fold-scores p')) ?? '';
  assert.ok(text.startsWith(`${result.folds} folds of ${sizes.join(', ')} rows`), text);
}

test('tuning: curve with ±1 SE, norms, sparsity and the coefficient path match the record; Apply posts the λ', async () => {
  const { result } = lasso;
  assert.ok(result.path && result.lambdaMin && result.lambda1se && result.lambdaMin.lambda !== result.lambda1se.lambda, 'the fixture has a path and two distinct choices');
  const view = await openView('dashboard', 'light', 1300);
  await view.send({ type: 'tuning', record: lasso });
  await view.settle();
  // The penalty is the tuned one, said as such: Apply may have changed the config's λ since.
  const penalty = await view.page.locator('.tuning-facts dt:text-is("Penalty") + dd').textContent();
  assert.ok(penalty?.startsWith(`${penaltyLabel(lasso.spec.regularization)} when tuned;`), String(penalty));

  const charts = await view.charts();
  assert.deepEqual(charts.map((c) => c.id), ['validationCurve', 'metricVsLambda', 'normVsLambda', 'sparsityVsLambda', 'coefficientPath']);

  // Scored by validation loss: the curve is the loss, the other chart the accuracy.
  const curve = chartOf(charts, 'validationCurve');
  assert.deepEqual(curve.table.columns, ['λ', 'training loss', 'validation loss (mean ± 1 SE)', 'validation loss (mean ± 1 SE): SE']);
  assert.equal(curve.table.rows.length, result.curve.length);
  assert.equal(curve.table.rows[0][0], 0, 'λ = 0, the baseline, is on the curve');
  checkColumns(curve, result.curve, [(p) => p.trainLoss.mean, (p) => p.valLoss.mean, (p) => p.valLoss.se]);
  checkErrorBars(curve, curve.table.columns[2], result.curve, (p) => p.valLoss);
  const other = chartOf(charts, 'metricVsLambda');
  checkColumns(other, result.curve, [(p) => p.trainMetric.mean, (p) => p.valMetric.mean, (p) => p.valMetric.se]);
  checkErrorBars(other, other.table.columns[2], result.curve, (p) => p.valMetric);
  checkColumns(chartOf(charts, 'normVsLambda'), result.curve, [(p) => p.frobenius]);
  checkColumns(chartOf(charts, 'sparsityVsLambda'), result.curve, [(p) => p.sparsity, (p) => p.exactZeros]);

  for (const chart of charts) {
    const markers = chart.drawn?.markers ?? [];
    assert.equal(markers.length, 2, `${chart.id}: λ_min and λ_1se drawn`);
    assert.equal(markers.find((m) => m.label.startsWith('λ_min'))?.lambda, result.lambdaMin.lambda, `${chart.id}: λ_min line`);
    assert.equal(markers.find((m) => m.label.startsWith('λ_1se'))?.lambda, result.lambda1se.lambda, `${chart.id}: λ_1se line`);
  }

  // The path: one line per weight (outputs × features), each the record's weight at every λ.
  const path = chartOf(charts, 'coefficientPath');
  const weights = result.path.outputs * result.path.featureNames.length;
  assert.equal(path.table.columns.length - 1, weights, 'one line per weight');
  assert.equal(path.table.rows.length, result.path.points.length);
  for (const point of result.path.points) {
    const row = path.table.rows.find((r) => r[0] === point.lambda);
    assert.ok(row);
    point.weight.forEach((w, i) => close(row[i + 1], w, `path λ=${point.lambda} weight ${i}`));
  }
  const largest = result.path.points.reduce((a, b) => (b.lambda > a.lambda ? b : a));
  assert.ok(largest.exactZeros > 0, 'L1 at the largest λ zeroes weights');
  assert.equal(path.table.rows.at(-1)?.slice(1).filter((w) => w === 0).length, largest.exactZeros, 'the path shows them at exactly 0');

  await checkFoldScores(view, lasso);

  const header = (await view.page.textContent('.tuning-header')) ?? '';
  for (const text of [lasso.experiment, `${result.folds}-fold`, `${lasso.rows} training rows`, 'warm starts', `${result.cost.epochs} epochs`, 'λ/2m']) {
    assert.ok(header.includes(text), `the header mentions "${text}": ${header}`);
  }
  const labels = await view.page.$$eval('canvas', (cs) => cs.map((c) => c.getAttribute('aria-label') ?? ''));
  assert.ok(labels.length === charts.length && labels.every((l) => l.length > 40), 'every canvas has a text alternative');

  // The rule's pick comes first.
  const buttons = await view.page.$$eval('button.apply-lambda', (bs) => bs.map((b) => b.textContent ?? ''));
  assert.equal(buttons.length, 2);
  assert.match(buttons[0], /^Apply λ_1se = /);
  assert.equal(Number(buttons[0].split('= ')[1]), Number(result.lambda1se.lambda.toPrecision(3)), 'λ_1se on its button as Apply writes it: 3 digits');
  assert.match(buttons[1], /^Apply λ_min = /);
  await view.page.click('button.apply-lambda[data-rule="1se"]');
  await view.page.click('button.apply-lambda[data-rule="min"]');
  await view.page.click('section[data-chart="validationCurve"] button:text("PNG")');
  await view.page.click('button:text("Export CSV")');
  await view.page.click('button:text("Export path CSV")');
  await view.page.click('button:text("Export report")');
  const [ready, apply1se, applyMin, png, csv, pathCsv, report] = await view.posted();
  assert.deepEqual(ready, { type: 'ready' });
  assert.deepEqual(apply1se, { type: 'applyLambda', experiment: lasso.experiment, lambda: result.lambda1se.lambda, rule: '1se' });
  assert.deepEqual(applyMin, { type: 'applyLambda', experiment: lasso.experiment, lambda: result.lambdaMin.lambda, rule: 'min' });
  assert.ok(png.type === 'saveFile' && png.fileName.endsWith('-validationCurve.png'));
  assert.equal(Buffer.from(png.content, 'base64').subarray(1, 4).toString(), 'PNG');
  assert.ok(csv.type === 'saveFile' && csv.format === 'csv');
  assert.equal(csv.content.trim().split('\n').length, 1 + result.curve.length);
  assert.ok(pathCsv.type === 'saveFile' && pathCsv.fileName.endsWith('-path.csv'));
  assert.equal(pathCsv.content.trim().split('\n').length, 1 + result.path.points.length);
  // The report is the page `reglens report` writes: one file, no script.
  assert.ok(report.type === 'saveFile' && report.format === 'html' && report.fileName.endsWith('.html'));
  assert.equal(report.content, tuningReport(lasso));
  assert.ok(!/<script/i.test(report.content) && report.content.includes(`λ by ${result.folds}-fold cross-validation`));

  await view.page.click('section[data-chart="validationCurve"] summary');
  await view.page.waitForSelector('section[data-chart="validationCurve"] table tbody tr');
  assert.equal(await view.page.locator('section[data-chart="validationCurve"] tbody tr').count(), result.curve.length);
  await view.page.screenshot({ path: `${shots}/tuning-light.png`, fullPage: true });
  assert.deepEqual(await view.problems(), []);

  // Hidden and shown again: the tuning comes back from the saved state.
  await view.settle(1100);
  await view.page.reload();
  await view.settle();
  const restored = await view.charts();
  assert.equal(restored.find((c) => c.id === 'coefficientPath')?.table.rows.length, result.path.points.length);
  await view.page.close();
});

test('tuning by successive halving: dropped λ marked, an MLP’s input path, per-fold scores, λ_min = λ_1se drawn once; dark theme', async () => {
  const { result } = halving;
  assert.ok(result.dropped.length > 0 && !result.path && result.inputPath && result.lambdaMin?.lambda === result.lambda1se?.lambda, 'the fixture drops λ values, has an input path and one choice');
  const view = await openView('dashboard', 'dark', 1300);
  await view.send({ type: 'tuning', record: halving });
  await view.settle();
  const charts = await view.charts();
  assert.deepEqual(charts.map((c) => c.id), ['validationCurve', 'lossVsLambda', 'normVsLambda', 'sparsityVsLambda', 'inputPath']);
  const inputs = chartOf(charts, 'inputPath');
  assert.deepEqual(inputs.table.columns.slice(1), result.inputPath.featureNames);
  for (const point of result.inputPath.points) {
    const row = inputs.table.rows.find((r) => r[0] === point.lambda);
    assert.ok(row, `input path: no row for λ = ${point.lambda}`);
    point.norms.forEach((norm, j) => close(row[j + 1], norm, `input path λ=${point.lambda} ${result.inputPath!.featureNames[j]}`));
  }
  await checkFoldScores(view, halving);

  // Scored by accuracy; the λ values halving dropped sit beside the curve with the score that dropped them.
  const curve = chartOf(charts, 'validationCurve');
  assert.deepEqual(curve.table.columns.slice(1, 3), ['training accuracy', 'validation accuracy (mean ± 1 SE)']);
  assert.match(curve.table.columns[4], /^dropped by halving/);
  assert.equal(curve.table.rows.length, result.curve.length + result.dropped.length);
  for (const d of result.dropped) close(curve.table.rows.find((r) => r[0] === d.lambda)?.[4], d.score.mean, `dropped λ=${d.lambda}`);
  checkColumns(curve, result.curve, [(p) => p.trainMetric.mean, (p) => p.valMetric.mean, (p) => p.valMetric.se]);
  checkErrorBars(curve, curve.table.columns[2], result.curve, (p) => p.valMetric);
  for (const chart of charts) assert.deepEqual(chart.drawn?.markers.map((m) => m.lambda), [result.lambdaMin?.lambda], `${chart.id}: one line for λ_min = λ_1se`);

  const header = (await view.page.textContent('.tuning-header')) ?? '';
  assert.ok(header.includes('successive halving') && header.includes('Dropped early'), header);
  await view.page.click('button.apply-lambda[data-rule="min"]');
  assert.deepEqual((await view.posted()).at(-1), { type: 'applyLambda', experiment: halving.experiment, lambda: result.lambdaMin?.lambda, rule: 'min' });
  await view.page.screenshot({ path: `${shots}/tuning-halving-dark.png`, fullPage: true });

  // The lasso in dark too, for the screenshot; then back to a run, which replaces the tuning.
  await view.send({ type: 'tuning', record: lasso });
  await view.settle();
  await view.page.screenshot({ path: `${shots}/tuning-dark.png`, fullPage: true });
  await view.send({ type: 'runs', runs: [run] });
  await view.settle();
  assert.equal((await view.charts())[0].id, 'loss');
  assert.equal(await view.page.locator('.tuning-header').count(), 0);

  // A path whose weights do not fit its shape is refused, not drawn.
  const broken = structuredClone(lasso);
  broken.result.path?.points[2].weight.pop();
  await view.send({ type: 'tuning', record: broken });
  await view.settle(50);
  const error = (await view.posted()).find((m) => m.type === 'error');
  assert.ok(error?.type === 'error' && error.message.includes('message.record.result.path.points[2].weight: expected 12 weights'), JSON.stringify(error));
  assert.deepEqual(await view.problems(), []);
  await view.page.close();
});

test('a pick at an end of the grid: the page says so and offers to extend the grid there; an inside pick offers nothing', async () => {
  const view = await openView('dashboard', 'light', 1300);
  await view.send({ type: 'tuning', record: lasso });
  await view.settle();
  assert.equal(await view.page.locator('button.extend-grid').count(), 0, 'the fixture picks λ inside its grid');

  const largest = lasso.result.curve.reduce((a, b) => (b.lambda > a.lambda ? b : a));
  const pick = { lambda: largest.lambda, mean: largest.valLoss.mean, se: largest.valLoss.se };
  const atEnd: TuningRecord = { ...lasso, result: { ...lasso.result, lambdaMin: pick, lambda1se: pick } };
  await view.send({ type: 'tuning', record: atEnd });
  await view.settle();
  assert.match((await view.page.textContent('p.grid-end')) ?? '', /at the largest λ of the grid/);
  await view.page.click('button.extend-grid');
  const posted = await view.posted();
  assert.deepEqual(posted.at(-1), { type: 'extendTuning', experiment: lasso.experiment, end: 'largest' });
  await view.page.close();
});
