/**
 * The built webview bundle in headless Chromium: every chart draws the fixture run's numbers,
 * live epochs append without rebuilding, buttons post the right messages, the CSP holds, and
 * screenshots in light and dark land in /tmp/reglens-shots/ for a human look.
 * Run from the repository root (see the report for the exact command).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EpochReport, LayerDiagnostics, RunRecord } from '../../src/core';
import { runReport } from '../../src/protocol/reportHtml';
import { penaltyLabel, type RunListItem } from '../../src/protocol/webview';
import { fixtureRuns } from '../unit/webview/fixture';
import { shots, webviewPages } from './harness';

const root = process.cwd();
// Checked as the views check them: fields recorded before they existed take their defaults.
const runs = fixtureRuns();
const [l1Run] = runs;

/** The sidebar's line for a stored run, as the extension builds it. */
const listItem = (run: RunRecord): RunListItem => ({
  id: run.id,
  label: penaltyLabel(run.spec.regularization),
  createdAt: run.createdAt,
  status: run.summary.stopReason,
  epochs: run.epochs.length,
  bestEpoch: run.summary.bestEpoch,
  metric: run.metric,
  valLoss: run.summary.final?.valLoss ?? null,
  valMetric: run.summary.final?.valMetric ?? null,
});

const openView = webviewPages(root);

/** What each epoch chart must show for one run, derived here from the record, not from the views' code. */
const perLayer = (read: (d: LayerDiagnostics) => number | null) => (r: EpochReport) => r.layers.map(read);
const expectedColumns: Record<string, (r: EpochReport) => (number | null)[]> = {
  loss: (r) => [r.trainLoss, r.valLoss],
  gap: (r) => [r.gap],
  objective: (r) => [r.trainLoss, r.penalty],
  metric: (r) => [r.trainMetric, r.valMetric],
  frobenius: perLayer((d) => d.frobenius),
  l1: perLayer((d) => d.l1),
  sparsity: (r) => [...r.layers.map((d) => d.sparsity), ...r.layers.map((d) => d.exactZeros)],
  deadUnits: perLayer((d) => d.deadUnits),
  linearFraction: (r) => r.layers.slice(0, -1).map((d) => d.linearFraction),
  spectralNorm: perLayer((d) => d.spectralNorm),
  stableRank: perLayer((d) => d.stableRank),
};

function close(actual: number | null, expected: number | null, where: string): void {
  if (expected === null || !Number.isFinite(expected)) return assert.equal(actual, null, where);
  assert.ok(actual !== null && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${where}: ${actual} ≠ ${expected}`);
}

test('dashboard: every chart draws the run, the header states the objective, exports post messages', async () => {
  const view = await openView('dashboard', 'light', 1300);
  assert.deepEqual(await view.posted(), [{ type: 'ready' }]);
  await view.send({ type: 'runs', runs: [l1Run] });
  await view.settle();

  const charts = await view.charts();
  const ids = charts.map((c) => c.id);
  const layers = l1Run.epochs[0].layers.length;
  assert.deepEqual(ids, [...Object.keys(expectedColumns), ...Array.from({ length: layers }, (_, l) => `histogram-${l}`)]);
  for (const chart of charts.filter((c) => !c.id.startsWith('histogram'))) {
    assert.equal(chart.table.rows.length, l1Run.epochs.length, `${chart.id}: one point per epoch`);
    l1Run.epochs.forEach((report, k) => {
      const [epoch, ...values] = chart.table.rows[k];
      assert.equal(epoch, report.epoch);
      const expected = expectedColumns[chart.id](report);
      assert.equal(values.length, expected.length, `${chart.id}: columns ${chart.table.columns.join(', ')}`);
      values.forEach((v, i) => close(v, expected[i], `${chart.id} epoch ${report.epoch} ${chart.table.columns[i + 1]}`));
    });
  }

  // Histograms: first, middle and last recorded epochs, bin centres and counts as recorded.
  const recorded = l1Run.epochs.filter((r) => r.histograms);
  const chosen = [recorded[0], recorded[Math.floor((recorded.length - 1) / 2)], recorded.at(-1)].filter((r, i, all) => all.indexOf(r) === i);
  for (let layer = 0; layer < layers; layer++) {
    const chart = charts.find((c) => c.id === `histogram-${layer}`);
    assert.ok(chart);
    assert.deepEqual(chart.table.columns.slice(1), chosen.map((r) => `epoch ${r?.epoch}`));
    chosen.forEach((report, column) => {
      const h = report?.histograms?.find((x) => x.layer === layer);
      assert.ok(h);
      h.counts.forEach((count, bin) => {
        const centre = (h.edges[bin] + h.edges[bin + 1]) / 2;
        const row = chart.table.rows.find((r) => r[0] === centre);
        assert.equal(row?.[column + 1], count, `histogram-${layer} epoch ${report?.epoch} bin ${bin}`);
      });
    });
  }

  assert.equal(await view.page.textContent('.objective code'), l1Run.objective);
  const equivalents = await view.page.$$eval('dl.equivalents dd', (dds) => dds.map((d) => d.textContent));
  assert.equal(equivalents.length, 5);
  assert.equal(Number(equivalents[0]), l1Run.lambdaEquivalents['2m']);
  const labels = await view.page.$$eval('canvas', (cs) => cs.map((c) => c.getAttribute('aria-label') ?? ''));
  assert.ok(labels.length === charts.length && labels.every((l) => l.length > 20), 'every canvas has a text alternative');

  await view.page.click('section[data-chart="loss"] button:text("PNG")');
  await view.page.click('button:text("Export CSV")');
  await view.page.click('button:text("Export report")');
  const [, png, csv, report] = await view.posted();
  assert.ok(png.type === 'saveFile' && png.format === 'png' && png.fileName.endsWith('-loss.png'));
  assert.equal(Buffer.from(png.content, 'base64').subarray(1, 4).toString(), 'PNG');
  assert.ok(csv.type === 'saveFile' && csv.format === 'csv');
  assert.equal(csv.content.trim().split('\n').length, 1 + l1Run.epochs.length);
  // The report is the page `reglens report` writes for the run: one file, no script.
  assert.ok(report.type === 'saveFile' && report.format === 'html' && report.fileName.endsWith('.html'));
  assert.equal(report.content, runReport(l1Run));
  assert.ok(!/<script/i.test(report.content));

  await view.page.click('section[data-chart="loss"] summary');
  await view.page.waitForSelector('section[data-chart="loss"] table tbody tr');
  assert.equal(await view.page.locator('section[data-chart="loss"] tbody tr').count(), l1Run.epochs.length);

  await view.page.screenshot({ path: `${shots}/dashboard-light.png`, fullPage: true });
  assert.deepEqual(await view.problems(), []);

  // Hidden and shown again: the page reloads and restores from getState before the extension answers.
  await view.settle(1100);
  await view.page.reload();
  await view.settle();
  const restored = await view.charts();
  assert.equal(restored.find((c) => c.id === 'loss')?.table.rows.length, l1Run.epochs.length);
  assert.equal(await view.page.locator('section[data-chart="loss"] details[open]').count(), 1, 'the open table stays open');
  await view.page.close();
});

test('dashboard: live epochs append to the same charts, then the run finishes with its markers', async () => {
  const view = await openView('dashboard', 'dark', 1300);
  await view.send({ type: 'runs', runs: [{ ...l1Run, epochs: [], summary: null }] });
  await view.settle();
  const canvas = await view.page.$('section[data-chart="loss"] canvas');
  for (const report of l1Run.epochs) await view.send({ type: 'epochs', runId: l1Run.id, epochs: [report] });
  await view.send({ type: 'epochs', runId: l1Run.id, epochs: l1Run.epochs.slice(-2) });
  await view.send({ type: 'runFinished', runId: l1Run.id, run: l1Run });
  await view.settle();
  const loss = (await view.charts()).find((c) => c.id === 'loss');
  assert.deepEqual(
    loss?.table.rows.map((r) => r[0]),
    l1Run.epochs.map((r) => r.epoch),
    'each epoch once, a repeated batch ignored',
  );
  assert.equal(await canvas?.evaluate((c) => c.isConnected), true, 'the chart was not rebuilt');
  assert.match((await view.page.textContent('.run-header')) ?? '', new RegExp(`Best epoch ${l1Run.summary.bestEpoch} of ${l1Run.epochs.length}`));
  await view.page.screenshot({ path: `${shots}/dashboard-dark.png`, fullPage: true });

  await view.send({ type: 'epochs', runId: 7 } as Record<string, unknown>);
  await view.settle(50);
  const error = (await view.posted()).find((m) => m.type === 'error');
  assert.ok(error?.type === 'error' && error.message.includes('message.runId: expected a string, got 7'), JSON.stringify(error));
  assert.deepEqual(await view.problems(), []);
  await view.page.close();
});

test('dashboard: comparison overlays runs with legends naming penalty, λ and convention', async () => {
  for (const theme of ['light', 'dark', 'highContrast'] as const) {
    const view = await openView('dashboard', theme, 1300);
    await view.send({ type: 'runs', runs });
    await view.settle();
    const loss = (await view.charts()).find((c) => c.id === 'loss');
    assert.deepEqual(loss?.table.columns.slice(1), [
      'L1, λ=40, λ/2m: training loss',
      'L1, λ=40, λ/2m: validation loss',
      'L2, λ=40, λ/2m: training loss',
      'L2, λ=40, λ/2m: validation loss',
      'no penalty: training loss',
      'no penalty: validation loss',
    ]);
    const none = runs[2];
    assert.deepEqual(loss?.table.rows.map((r) => r[5]), none.epochs.map((r) => r.trainLoss));
    assert.equal(await view.page.locator('.run-header').count(), runs.length);
    await view.page.screenshot({ path: `${shots}/compare-${theme}.png`, fullPage: true });
    assert.deepEqual(await view.problems(), []);
    await view.page.close();
  }
});

test('sidebar: train, tune, stop, open and compare post their messages; the live run is charted', async () => {
  for (const theme of ['light', 'dark'] as const) {
    const view = await openView('sidebar', theme, 340);
    await view.send({ type: 'experiments', experiments: [{ name: 'digits', config: 'reglens.json', state: 'ready', problem: null, runs: runs.map(listItem), tunings: [], comparisons: [] }, { name: 'moons-l2', config: 'reglens.json', state: 'ready', problem: null, runs: [], tunings: [], comparisons: [] }], problems: [] });
    await view.send({ type: 'status', running: true, text: 'Training digits: epoch 5 of 15' });
    await view.send({ type: 'runs', runs: [{ ...l1Run, summary: null, epochs: l1Run.epochs.slice(0, 5) }] });
    await view.send({ type: 'epochs', runId: l1Run.id, epochs: l1Run.epochs.slice(5, 8) });
    await view.settle();

    await view.page.click('[data-experiment="digits"] button.train');
    await view.page.click('[data-experiment="moons-l2"] button.tune');
    await view.page.click('button.stop');
    await view.page.click(`li[data-run="${runs[1].id}"] button`);
    await view.page.check(`li[data-run="${runs[0].id}"] input`);
    await view.page.check(`li[data-run="${runs[2].id}"] input`);
    await view.page.click('button.compare');
    assert.deepEqual((await view.posted()).slice(1), [
      { type: 'train', experiment: 'digits', config: 'reglens.json' },
      { type: 'tune', experiment: 'moons-l2', config: 'reglens.json' },
      { type: 'stop' },
      { type: 'openDashboard', runIds: [runs[1].id] },
      { type: 'openDashboard', runIds: [runs[0].id, runs[2].id] },
    ]);
    const live = await view.charts();
    assert.deepEqual(live.map((c) => c.id), ['loss', 'frobenius', 'sparsity']);
    assert.deepEqual(live[0].table.rows.map((r) => r[1]), l1Run.epochs.slice(0, 8).map((r) => r.trainLoss));
    await view.page.screenshot({ path: `${shots}/sidebar-${theme}.png`, fullPage: true });

    await view.send({ type: 'status', running: false, text: 'Idle.' });
    await view.settle(50);
    assert.equal(await view.page.isDisabled('button.stop'), true);
    // Issue 16 item 11: the idle Stop is not filled like the enabled Train beside it.
    const fill = (selector: string) => view.page.$eval(selector, (element) => getComputedStyle(element).backgroundColor);
    assert.notEqual(await fill('button.stop'), await fill('[data-experiment="digits"] button.train'));
    assert.equal(await fill('button.stop'), 'rgba(0, 0, 0, 0)');
    assert.deepEqual(await view.problems(), []);
    await view.page.close();
  }
});

test('sidebar: a config error keeps valid experiments, marks broken ones, keeps stored runs; tunings and logs reopen; lines stay one line', async () => {
  for (const theme of ['light', 'dark'] as const) {
    const view = await openView('sidebar', theme, 300);
    const tuning = { id: '2026-01-01T00-00-00-000Z', createdAt: '2026-01-01T00:00:00.000Z', label: 'L2, λ=0.01, λ/2m', lambda1se: 0.1, lambdaMin: 0.01 };
    const many = [...runs, ...runs].map((run, i) => ({ ...listItem(run), id: `${run.id}-${i}` }));
    await view.send({
      type: 'experiments',
      experiments: [
        { name: 'digits-l2', config: 'reglens.json', state: 'ready', problem: null, runs: many, tunings: [tuning], comparisons: [] },
        { name: 'digits-l1', config: 'reglens.json', state: 'broken', problem: 'line 12: λ must be ≥ 0', runs: [listItem(runs[1])], tunings: [], comparisons: [] },
        { name: 'old-name', config: 'reglens.json', state: 'stored', problem: null, runs: [listItem(runs[2])], tunings: [], comparisons: [] },
      ],
      problems: [],
    });
    await view.send({ type: 'logs', logs: [{ path: '/ws/logs/metrics.csv', label: 'logs/metrics.csv' }] });
    await view.settle(50);
    assert.equal(await view.page.isVisible('text=No experiments'), false);
    assert.equal(await view.page.$$eval('.experiment .config', (lines) => lines.length), 0, 'one config file: its name is not repeated under each experiment');
    assert.equal(await view.page.$$eval('[data-experiment="digits-l1"] button.train, [data-experiment="old-name"] button.train', (b) => b.length), 0);
    assert.match(await view.page.$eval('[data-experiment="digits-l1"] .problem', (e) => e.textContent ?? ''), /line 12: λ must be ≥ 0/);
    assert.equal(await view.page.isVisible(`[data-experiment="old-name"] li[data-run="${runs[2].id}"]`), true);
    // Three recent runs; the rest fold under "n older runs".
    assert.equal(await view.page.$$eval('[data-experiment="digits-l2"] > ul.runs:not(.tunings) > li', (items) => items.length), 3);
    assert.match(await view.page.$eval('[data-experiment="digits-l2"] details summary', (e) => e.textContent ?? ''), new RegExp(`${many.length - 3} older runs`));
    // Every line of the list is one line high at the sidebar's default width.
    const heights = await view.page.$$eval('.line', (lines) => lines.map((line) => line.getBoundingClientRect().height / parseFloat(getComputedStyle(line).lineHeight || '16')));
    assert.ok(heights.length > 4 && heights.every((h) => h < 1.9), JSON.stringify(heights));
    await view.page.screenshot({ path: `${shots}/sidebar-broken-${theme}.png`, fullPage: true });

    await view.page.click('[data-tuning] button');
    await view.page.click('[data-log] button');
    assert.deepEqual((await view.posted()).slice(1), [
      { type: 'openTuning', experiment: 'digits-l2', config: 'reglens.json', id: tuning.id },
      { type: 'openLog', path: '/ws/logs/metrics.csv' },
    ]);
    await view.page.fill('input.filter', 'old');
    assert.deepEqual(await view.page.$$eval('.experiment', (blocks) => blocks.filter((b) => !(b as HTMLElement).hidden).map((b) => b.getAttribute('data-experiment'))), ['old-name']);

    await view.send({
      type: 'experiments',
      experiments: ['reglens.json', 'vision/reglens.json'].map((config) => ({ name: 'digits-l2', config, state: 'ready' as const, problem: null, runs: [], tunings: [], comparisons: [] })),
      problems: [],
    });
    await view.settle(50);
    assert.deepEqual(await view.page.$$eval('.experiment .config', (lines) => lines.map((line) => line.textContent)), ['reglens.json', 'vision/reglens.json'], 'two config files: each experiment names its own');

    const digits = { name: 'digits-l2', config: 'reglens.json', state: 'ready' as const, problem: null, runs: [], tunings: [], comparisons: [] };
    await view.send({ type: 'logs', logs: [] }); // an untrusted workspace lists none
    await view.send({ type: 'experiments', experiments: [digits], problems: [], restricted: true });
    await view.settle(50);
    assert.equal(await view.page.locator('.experiment button.train, .experiment button.tune').count(), 0, 'Restricted Mode: no Train or Tune λ');
    assert.equal(await view.page.$eval('.experiment .badge', (e) => e.textContent), 'trust the folder to train');
    assert.ok(await view.page.isVisible('text=RegLens reads no training logs in an untrusted workspace'));
    await view.send({ type: 'experiments', experiments: [digits], problems: [], restricted: false });
    await view.settle(50);
    assert.equal(await view.page.locator('.experiment button.train').count(), 1, 'trusted again: Train is back');

    await view.send({ type: 'experiments', experiments: [], problems: [{ config: 'reglens.json', problem: 'reglens.json:3:5: Expected a comma' }] });
    await view.settle(50);
    assert.equal(await view.page.isVisible('text=No experiments'), false);
    assert.match(await view.page.$eval('.problem', (e) => e.textContent ?? ''), /reglens.json trains nothing: .*Expected a comma/);
    assert.deepEqual(await view.problems(), []);
    await view.page.close();
  }
});
