/**
 * What the charts show when four runs are compared, in light, dark and high contrast: one palette
 * colour per run on every chart, a legend below the plot that hides and shows lines, log y, x as a
 * fraction of training, drag zoom, the gap chart, flat series from 0, readable titles and ticks.
 * Screenshots land in /tmp/reglens-shots/charts-*.png.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunRecord, TuningRecord } from '../../src/core';
import { lambdaOffers } from '../../src/extension/features/config/lambdaLens';
import { formatLambda, roundLambda } from '../../src/protocol/numbers';
import { palettes } from '../../src/webview/theme';
import { shots, webviewPages } from './harness';

const root = process.cwd();
const fixture = JSON.parse(readFileSync(join(root, 'test/webview/fixtures/runs.json'), 'utf8')) as RunRecord[];
// A fourth run: planned for 60 epochs (15 done), with a λ straight from a log grid.
const long: RunRecord = {
  ...fixture[1],
  id: 'digits-l2-long',
  spec: { ...fixture[1].spec, training: { ...fixture[1].spec.training, epochs: 60 }, regularization: { ...fixture[1].spec.regularization, lambda: 3.16227766016838 } },
};
const runs = [...fixture, long];

const openView = webviewPages(root);

const hexToRgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const kinds = { light: 'light', dark: 'dark', highContrast: 'dark' } as const;

test('comparison of four runs: one colour per run on every chart, legend outside the plot, readable labels', async () => {
  for (const theme of ['light', 'dark', 'highContrast'] as const) {
    const view = await openView('dashboard', theme, 1300);
    await view.send({ type: 'runs', runs });
    await view.settle();
    const palette = palettes[kinds[theme]];
    for (const id of ['loss', 'gap', 'objective', 'metric', 'frobenius', 'sparsity', 'stableRank']) {
      const chart = await view.chart(id);
      assert.ok(chart, id);
      const perRun = chart.datasets.length / runs.length;
      chart.datasets.forEach((d, i) => assert.equal(d.colour, palette[Math.floor(i / perRun)], `${theme} ${id} ${d.label}: the run's colour`));
      assert.equal(chart.legendHeight, 0, `${id}: chart.js draws no legend inside the canvas`);
      assert.ok(chart.plotHeight >= 170, `${id}: the plot keeps its height (${chart.plotHeight} px)`);
      assert.equal(chart.axes.x.title, 'epoch');
      assert.ok(!chart.axes.y.title.includes('_') && chart.axes.y.title !== 'metric', `${id}: y title "${chart.axes.y.title}"`);
      for (const tick of [...chart.axes.x.ticks, ...chart.axes.y.ticks]) assert.ok(!/\d\.\d{5,}/.test(tick), `${id}: tick "${tick}"`);
      for (const d of chart.datasets) assert.ok(!/λ=3\.162\d/.test(d.label), `${id}: "${d.label}" shows λ as 3.16`);
    }
    assert.equal((await view.chart('metric'))?.axes.y.title, 'accuracy');
    assert.equal((await view.chart('frobenius'))?.axes.y.title, 'Frobenius norm ‖W‖');
    assert.ok((await view.chart('loss'))?.datasets.some((d) => d.label === 'L2, λ=3.16, λ/2m: validation loss'));

    // Sparsity: 4 runs × 2 layers × 2 kinds = 16 lines, and a legend of 4 runs + 4 kinds of line that stays small.
    const sparsityLegend = view.page.locator('section[data-chart="sparsity"] .chart-legend button');
    assert.equal(await sparsityLegend.count(), runs.length + 4);
    const box = await view.page.locator('section[data-chart="sparsity"] .chart-box').boundingBox();
    const legendBox = await view.page.locator('section[data-chart="sparsity"] .chart-legend').boundingBox();
    assert.equal(box?.height, 260, 'the canvas keeps its 260 px');
    assert.ok(legendBox && legendBox.height <= 60, `the legend is compact (${legendBox?.height} px)`);

    // Legend swatches are drawn in the colours of the lines: readable on the theme's background.
    const background = await view.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const swatches = await view.page.$$eval('section[data-chart="loss"] .chart-legend line', (lines) => lines.map((l) => l.getAttribute('stroke')));
    assert.deepEqual(swatches.slice(0, runs.length), palette.slice(0, runs.length));
    assert.ok(background.startsWith('rgb'), background);
    await view.page.screenshot({ path: `${shots}/charts-compare-${theme}.png`, fullPage: true });
    assert.deepEqual(await view.problems(), []);
    await view.page.close();
  }
});

test('legend buttons hide and show a run or a kind of line; log y, x as fraction and zoom change the axes', async () => {
  const view = await openView('dashboard', 'light', 1300);
  await view.send({ type: 'runs', runs });
  await view.settle();
  const loss = 'section[data-chart="loss"]';
  const visible = async () => (await view.chart('loss'))?.datasets.map((d) => d.visible);

  await view.page.click(`${loss} .chart-legend button[data-key="run:${fixture[1].id}"]`);
  assert.deepEqual(await visible(), [true, true, false, false, true, true, true, true]);
  assert.equal(await view.page.getAttribute(`${loss} .chart-legend button[data-key="run:${fixture[1].id}"]`, 'aria-pressed'), 'false');
  assert.ok((await view.chart('gap'))?.datasets.every((d) => d.visible), 'other charts keep their lines');
  await view.page.click(`${loss} .chart-legend button[data-key="line:validation loss"]`);
  assert.deepEqual(await visible(), [true, false, false, false, true, false, true, false]);
  await view.page.click(`${loss} .chart-legend button[data-key="run:${fixture[1].id}"]`);
  await view.page.click(`${loss} .chart-legend button[data-key="line:validation loss"]`);
  assert.ok((await visible())?.every(Boolean));

  await view.page.click(`${loss} button:text("log y")`);
  const logged = await view.chart('loss');
  assert.equal(logged?.axes.y.type, 'logarithmic');
  assert.ok(logged && logged.axes.y.min > 0 && logged.axes.y.ticks.length > 0);
  await view.page.click(`${loss} button:text("log y")`);
  assert.equal((await view.chart('loss'))?.axes.y.type, 'linear');

  // x ends where the longest run was planned to end (chart.js alone rounds up to a nicer tick).
  const planned = Math.max(...runs.map((run) => run.spec.training.epochs));
  assert.deepEqual([(await view.chart('loss'))?.axes.x.min, (await view.chart('loss'))?.axes.x.max], [0, planned]);
  await view.page.click(`${loss} button:text("x: fraction")`);
  const fraction = await view.chart('loss');
  assert.equal(fraction?.axes.x.title, 'fraction of planned epochs');
  assert.equal(fraction?.axes.x.max, 1);
  const table = (await view.charts()).find((c) => c.id === 'loss')?.table;
  const xs = new Set(table?.rows.map((r) => r[0]));
  for (const k of [1, 15]) {
    assert.ok(xs.has(k / 15), `epoch ${k} of 15 at ${k / 15}`);
    assert.ok(xs.has(k / 60), `epoch ${k} of 60 at ${k / 60}`);
  }
  await view.page.click(`${loss} button:text("x: fraction")`);
  assert.equal((await view.chart('loss'))?.axes.x.title, 'epoch');

  // Drag a box over the middle of the plot: both axes narrow; Reset zoom restores them.
  const before = await view.chart('loss');
  const canvas = await view.page.locator(`${loss} canvas`).boundingBox();
  assert.ok(canvas && before);
  await view.page.mouse.move(canvas.x + canvas.width * 0.35, canvas.y + canvas.height * 0.25);
  await view.page.mouse.down();
  await view.page.mouse.move(canvas.x + canvas.width * 0.6, canvas.y + canvas.height * 0.55, { steps: 5 });
  await view.page.mouse.up();
  const zoomed = await view.chart('loss');
  assert.ok(zoomed && zoomed.axes.x.min > before.axes.x.min && zoomed.axes.x.max < before.axes.x.max, `zoomed x ${zoomed?.axes.x.min}…${zoomed?.axes.x.max}`);
  assert.ok(zoomed.axes.y.max - zoomed.axes.y.min < before.axes.y.max - before.axes.y.min);
  await view.page.click(`${loss} button:text("Reset zoom")`);
  const reset = await view.chart('loss');
  assert.deepEqual([reset?.axes.x.min, reset?.axes.x.max], [before.axes.x.min, before.axes.x.max]);
  assert.deepEqual(await view.problems(), []);
  await view.page.close();
});

test('one run: the gap chart reads val − train loss; an all-zero chart spans 0 … 1; validation is legible', async () => {
  for (const theme of ['light', 'dark', 'highContrast'] as const) {
    const view = await openView('dashboard', theme, 1300);
    const run = fixture[1];
    await view.send({ type: 'runs', runs: [run] });
    await view.settle();
    const gap = (await view.charts()).find((c) => c.id === 'gap');
    assert.deepEqual(gap?.table.columns, ['epoch', 'gap']);
    run.epochs.forEach((r, k) => assert.ok(Math.abs((gap?.table.rows[k][1] ?? NaN) - (r.valLoss! - r.trainLoss)) < 1e-12));
    const dead = await view.chart('deadUnits');
    assert.ok(run.epochs.every((r) => r.layers.every((l) => l.deadUnits === 0)), 'the fixture has no dead unit');
    assert.deepEqual([dead?.axes.y.min, dead?.axes.y.max], [0, 1], 'not −1 … 1');
    const loss = await view.chart('loss');
    const palette = palettes[kinds[theme]];
    assert.deepEqual(loss?.datasets.map((d) => d.colour), [palette[0], palette[1]]);
    assert.ok((loss?.datasets[1].width ?? 0) >= (theme === 'highContrast' ? 2.5 : 1.5));
    // The validation line against the page's background: WCAG contrast ≥ 3.
    const background = await view.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const bg = background.match(/\d+/g)!.slice(0, 3).map(Number);
    const lum = (rgb: number[]) => {
      const [r, g, b] = rgb.map((c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [hi, lo] = [lum(hexToRgb(loss!.datasets[1].colour)), lum(bg)].sort((a, b) => b - a);
    assert.ok((hi + 0.05) / (lo + 0.05) >= 3, `${theme}: validation ${loss?.datasets[1].colour} on ${background}`);
    await view.page.screenshot({ path: `${shots}/charts-one-${theme}.png`, fullPage: true });
    assert.deepEqual(await view.problems(), []);
    await view.page.close();
  }
});

test('tuning: Apply shows the λ it writes, the page says which λ the config has as the lens does; SE bars and the 1-SE line are in view', async () => {
  const [lasso] = JSON.parse(readFileSync(join(root, 'test/webview/fixtures/tunings.json'), 'utf8')) as TuningRecord[];
  const { lambda1se, lambdaMin } = lasso.result;
  assert.ok(lambda1se && lambdaMin && lambda1se.lambda !== lambdaMin.lambda);
  for (const theme of ['light', 'dark', 'highContrast'] as const) {
    const view = await openView('dashboard', theme, 1300);
    await view.send({ type: 'tuning', record: lasso });
    await view.settle();
    const texts = () => view.page.$$eval('button.apply-lambda', (bs) => bs.map((b) => [b.textContent, (b as HTMLButtonElement).disabled]));
    assert.deepEqual(await texts(), [[`Apply λ_1se = ${formatLambda(lambda1se.lambda)}`, false], [`Apply λ_min = ${formatLambda(lambdaMin.lambda)}`, false]]);
    assert.equal(Number(formatLambda(lambda1se.lambda)), roundLambda(lambda1se.lambda), 'the label is the value Apply writes');

    // After Apply the extension says the config has λ_1se (as written): the page agrees with the lens.
    const [offer1se, offerMin] = lambdaOffers(roundLambda(lambda1se.lambda), lasso.result);
    await view.send({ type: 'configLambda', experiment: lasso.experiment, lambda: roundLambda(lambda1se.lambda) });
    await view.settle(50);
    assert.deepEqual(await texts(), [[offer1se.title, true], [offerMin.title, false]]);
    await view.send({ type: 'configLambda', experiment: 'another experiment', lambda: roundLambda(lambdaMin.lambda) });
    await view.send({ type: 'configLambda', experiment: lasso.experiment, lambda: -1 });
    await view.settle(50);
    assert.deepEqual(await texts(), [[offer1se.title, true], [offerMin.title, false]], 'another experiment’s λ and a malformed message change nothing');
    assert.ok((await view.posted()).some((m) => m.type === 'error' && m.message.includes('message.lambda')), 'the malformed one is reported');

    const curve = await view.chart('validationCurve');
    assert.ok(curve);
    assert.equal(curve.legendHeight, 0, 'the legend is below the plot');
    assert.equal(curve.axes.x.type, 'logarithmic');
    assert.ok(curve.axes.x.ticks.every((t) => !/\d\.\d{5,}/.test(t)), curve.axes.x.ticks.join(' '));
    const threshold = lambdaMin.mean + lambdaMin.se;
    assert.ok(curve.axes.y.min <= threshold && threshold <= curve.axes.y.max, 'the best + 1 SE line is in view');
    const bars = (await view.charts()).find((c) => c.id === 'validationCurve')?.drawn?.errorBars ?? [];
    assert.equal(bars.length, lasso.result.curve.filter((p) => p.valLoss.se > 0).length, 'a bar per λ');
    await view.page.screenshot({ path: `${shots}/charts-tuning-${theme}.png`, fullPage: true });
    await view.page.close();
  }
});
