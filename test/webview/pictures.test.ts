/**
 * The pictures in headless Chromium against recorded runs (fixtures/pictures.json, made by torch in
 * make_pictures_fixture.py): the boundary's pixels show the record's class at its confidence, the
 * network's links are as wide as their |w| and coloured by sign, the histograms draw the record's
 * bins and state its in-band share; the slider, small multiples, a live run and a reload; light and
 * dark screenshots in /tmp/reglens-shots/pictures-*.png.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunRecord } from '../../src/core';
import type { PicturesDrawn } from '../../src/webview/pictures/picturesSection';
import { palettes } from '../../src/webview/theme';
import { shots, WebviewPage, webviewPages } from './harness';
import { type ThemeName, themes } from './themes';

const root = process.cwd();
const runs = JSON.parse(readFileSync(join(root, 'test/webview/fixtures/pictures.json'), 'utf8')) as RunRecord[];
const byId = (id: string) => runs.find((r) => r.id === id)!;

const openView = webviewPages(root);

type Rgb = [number, number, number];
const hex = (text: string): Rgb => [1, 3, 5].map((i) => parseInt(text.slice(i, i + 2), 16)) as Rgb;
const colours = (theme: ThemeName) => {
  const v = themes[theme].variables as Record<string, string>;
  // The pictures draw in the charts' palette for the theme's background (src/webview/theme.ts).
  const [blue, orange] = palettes[theme === 'light' ? 'light' : 'dark'];
  return { background: hex(v['--vscode-editor-background']), blue: hex(blue), orange: hex(orange) };
};

async function pictures(view: WebviewPage): Promise<PicturesDrawn> {
  return view.page.evaluate(() => (window as unknown as { reglens: { pictures(): PicturesDrawn } }).reglens.pictures());
}

/** The canvas pixels at CSS positions of one card's canvas. */
async function pixels(view: WebviewPage, kind: string, runId: string, at: [number, number][]): Promise<Rgb[]> {
  return view.page.evaluate(
    ({ kind, runId, at }) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`figure[data-picture="${kind}"][data-run="${runId}"] canvas`)!;
      const ratio = canvas.width / canvas.clientWidth;
      const ctx = canvas.getContext('2d')!;
      return at.map(([x, y]) => [...ctx.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data.slice(0, 3)] as [number, number, number]);
    },
    { kind, runId, at },
  );
}

/** Checks sampled cells of the boundary: each pixel is the record's class colour over the background, more opaque where the model is surer. */
async function checkBoundary(view: WebviewPage, run: RunRecord, drawn: PicturesDrawn, theme: ThemeName): Promise<void> {
  const board = drawn.boards.find((b) => b.kind === 'boundary' && b.runId === run.id)!;
  const snapshot = run.pictures!.snapshots.find((s) => s.epoch === board.epoch)!;
  const grid = snapshot.boundary!;
  const { frame } = board.boundary!;
  const { background, blue, orange } = colours(theme);
  const classColour = [blue, orange];
  const toPixel = (x: number, y: number): [number, number] => [
    frame.rect.left + ((x - frame.x[0]) / (frame.x[1] - frame.x[0])) * frame.rect.width,
    frame.rect.top + frame.rect.height - ((y - frame.y[0]) / (frame.y[1] - frame.y[0])) * frame.rect.height,
  ];
  const points = run.pictures!.points!;
  const allPoints = [...points.train.x.map((x, i) => toPixel(x, points.train.y[i])), ...points.validation!.x.map((x, i) => toPixel(x, points.validation!.y[i]))];
  const dx = (grid.x.max - grid.x.min) / (grid.x.steps - 1);
  const dy = (grid.y.max - grid.y.min) / (grid.y.steps - 1);
  const cells: { cell: number; at: [number, number] }[] = [];
  for (let j = 1; j < grid.y.steps; j += 3) {
    for (let i = 1; i < grid.x.steps; i += 3) {
      const at = toPixel(grid.x.min + i * dx, grid.y.min + j * dy);
      // A point drawn over the cell hides it.
      if (allPoints.every(([px, py]) => Math.hypot(px - at[0], py - at[1]) > 7)) cells.push({ cell: j * grid.x.steps + i, at });
    }
  }
  assert.ok(cells.length > 50, `${cells.length} cells sampled`);
  const seen = await pixels(view, 'boundary', run.id, cells.map((c) => c.at));
  const opacity = cells.map(({ cell }, k) => {
    const colour = classColour[grid.values[cell]];
    // pixel = α·colour + (1 − α)·background, the same α in every channel that differs enough to tell.
    const alphas = [0, 1, 2].filter((ch) => Math.abs(colour[ch] - background[ch]) > 60).map((ch) => (seen[k][ch] - background[ch]) / (colour[ch] - background[ch]));
    assert.ok(alphas.length > 0);
    assert.ok(Math.max(...alphas) - Math.min(...alphas) < 0.05, `cell ${cell}: pixel ${seen[k]} is not class ${grid.values[cell]}'s colour ${colour} over ${background} (α ${alphas})`);
    assert.ok(alphas[0] > 0.05 && alphas[0] <= 1, `cell ${cell}: α ${alphas[0]}`);
    return { confidence: grid.confidence![cell], alpha: alphas[0] };
  });
  for (const a of opacity) {
    for (const b of opacity) if (a.confidence > b.confidence + 0.05) assert.ok(a.alpha > b.alpha, `confidence ${a.confidence} drawn fainter than ${b.confidence}`);
  }
  assert.ok(new Set(cells.map(({ cell }) => grid.values[cell])).size === 2, 'both classes sampled');
}

test('one run: the boundary shows the recorded classes, the network its links, the histograms their bins, in light and dark', async () => {
  const run = byId('moons-none');
  for (const theme of ['light', 'dark'] as const) {
    const view = await openView('dashboard', theme, 1300);
    await view.send({ type: 'runs', runs: [run] });
    await view.settle();
    const drawn = await pictures(view);
    assert.deepEqual(drawn.epochs, [1, 10, 20, 40]);
    assert.equal(drawn.selected, 40, 'the last picture epoch first');
    assert.deepEqual(drawn.boards.map((b) => [b.kind, b.epoch]), [['boundary', 40], ['network', 40], ['regime', 40]]);
    await checkBoundary(view, run, drawn, theme);
    const last = run.pictures!.snapshots.at(-1)!;
    assert.deepEqual(drawn.boards[0].boundary!.points, { train: 40, validation: 20 });

    // Links: one per recorded link, width growing with |w|, the widest the largest |w|, colour by sign.
    const { links } = drawn.boards[1].network!;
    assert.equal(links.length, last.network.layers.reduce((n, l) => n + l.links.length, 0));
    const sorted = [...links].sort((a, b) => Math.abs(a.weight) - Math.abs(b.weight));
    sorted.forEach((link, k) => k > 0 && assert.ok(link.width >= sorted[k - 1].width, `|w| ${Math.abs(link.weight)} drawn thinner than ${Math.abs(sorted[k - 1].weight)}`));
    // Width is a hairline plus a part ∝ |w|: on one straight line through the thinnest and the widest link.
    const [thin, wide] = [sorted[0], sorted.at(-1)!];
    const slope = (wide.width - thin.width) / (Math.abs(wide.weight) - Math.abs(thin.weight));
    for (const link of links) assert.ok(Math.abs(link.width - (thin.width + slope * (Math.abs(link.weight) - Math.abs(thin.weight)))) < 0.02, `link ${link.from}→${link.to}: width ${link.width}`);
    assert.equal(Math.abs(wide.weight), Number(Math.max(...last.network.layers.map((l) => l.maxAbs)).toPrecision(4)), 'the widest link is the largest |w|');
    for (const link of links) assert.equal(link.sign, Math.abs(link.weight) <= last.network.epsilon ? 'zero' : link.weight > 0 ? 'positive' : 'negative');
    assert.ok(drawn.boards[1].notes.includes('Into hidden 2 (32 → 32): the 200 strongest of 1024 links drawn; 824 weaker ones left out.'), drawn.boards[1].notes.join('\n'));

    // Histograms: the record's bins per hidden layer, and its share in the band in words.
    const regime = drawn.boards[2];
    assert.deepEqual(regime.regime!.layers.map((l) => l.counts), last.preActivations.map((h) => h.counts));
    last.preActivations.forEach((h, k) => {
      const top = Math.max(...h.counts);
      regime.regime!.layers[k].heights.forEach((height, b) => assert.ok(Math.abs(height - h.counts[b] / top) < 1e-12));
      assert.equal(regime.notes[k], `hidden ${k + 1}: ${(100 * h.insideBand).toFixed(1)}% of pre-activations in the near-linear band -0.5 ≤ z ≤ 0.5.`);
    });
    assert.deepEqual(await view.problems(), []);
    await view.page.locator('section.pictures').screenshot({ path: `${shots}/pictures-one-${theme}.png` });

    // The slider goes back to epoch 1: every picture follows.
    await view.page.locator('.picture-slider input').fill('0');
    const first = await pictures(view);
    assert.equal(first.selected, 1);
    assert.deepEqual(first.boards.map((b) => b.epoch), [1, 1, 1]);
    await checkBoundary(view, run, first, theme);
    await view.page.close();
  }
});

test('compare: small multiples per run; relu units always/never active, greyed units as recorded', async () => {
  const shown = ['moons-none', 'moons-l2', 'moons-l1-relu'].map(byId);
  for (const theme of ['light', 'dark'] as const) {
    const view = await openView('dashboard', theme, 1300);
    await view.send({ type: 'runs', runs: shown });
    await view.settle();
    const drawn = await pictures(view);
    assert.deepEqual(drawn.boards.map((b) => `${b.kind}:${b.runId}`), ['boundary', 'network', 'regime'].flatMap((kind) => shown.map((r) => `${kind}:${r.id}`)));
    for (const run of shown) await checkBoundary(view, run, drawn, theme);
    const relu = byId('moons-l1-relu');
    const last = relu.pictures!.snapshots.at(-1)!;
    const network = drawn.boards.find((b) => b.kind === 'network' && b.runId === relu.id)!;
    assert.equal(network.network!.greyed, last.network.units.flat().filter((u) => u !== 'live').length);
    assert.ok(network.network!.greyed > 0, 'L1 switched units off');
    const regime = drawn.boards.find((b) => b.kind === 'regime' && b.runId === relu.id)!;
    last.preActivations.forEach((h, k) =>
      assert.match(regime.notes[k], new RegExp(`^hidden ${k + 1}: ${(100 * h.alwaysActive!).toFixed(1)}% of units always active \\(linear\\), ${(100 * h.neverActive!).toFixed(1)}% never active \\(dead\\)`)),
    );
    // One width scale for every run: all links of the three pictures lie on one line of width against |w|.
    const all = drawn.boards.flatMap((b) => b.network?.links ?? []).sort((a, b) => Math.abs(a.weight) - Math.abs(b.weight));
    const slope = (all.at(-1)!.width - all[0].width) / (Math.abs(all.at(-1)!.weight) - Math.abs(all[0].weight));
    for (const link of all) assert.ok(Math.abs(link.width - (all[0].width + slope * (Math.abs(link.weight) - Math.abs(all[0].weight)))) < 0.02, `width ${link.width} for |w| ${Math.abs(link.weight)}`);
    const widest = (id: string) => Math.max(...drawn.boards.find((b) => b.kind === 'network' && b.runId === id)!.network!.links.map((l) => l.width));
    assert.ok(widest('moons-l1-relu') < widest('moons-none'), 'L1 drew thinner links than no penalty');
    // L2 keeps the tanh units nearer their linear band than no penalty does (the seeds' point), as recorded.
    const share = (id: string) => byId(id).pictures!.snapshots.at(-1)!.preActivations[0].insideBand;
    assert.ok(share('moons-l2') > share('moons-none'));
    assert.deepEqual(await view.problems(), []);
    await view.page.locator('section.pictures').screenshot({ path: `${shots}/pictures-compare-${theme}.png` });
    await view.page.screenshot({ path: `${shots}/pictures-dashboard-${theme}.png`, fullPage: true });
    await view.page.close();
  }
});

test('the polynomial set: the fitted curve over its points', async () => {
  const run = byId('poly-none');
  for (const theme of ['light', 'dark'] as const) {
    const view = await openView('dashboard', theme, 1300);
    await view.send({ type: 'runs', runs: [run] });
    await view.settle();
    const drawn = await pictures(view);
    const board = drawn.boards[0];
    assert.equal(board.kind, 'boundary');
    assert.equal(board.boundary!.kind, 'curve');
    const curve = run.pictures!.snapshots.at(-1)!.curve!;
    const { frame } = board.boundary!;
    assert.deepEqual(frame.x, [curve.x[0], curve.x.at(-1)]);
    // The curve's pixels are the theme's blue at the recorded (x, y).
    const at = [20, 50, 80].map((i): [number, number] => [
      frame.rect.left + ((curve.x[i] - frame.x[0]) / (frame.x[1] - frame.x[0])) * frame.rect.width,
      frame.rect.top + frame.rect.height - ((curve.y[i] - frame.y[0]) / (frame.y[1] - frame.y[0])) * frame.rect.height,
    ]);
    const { blue } = colours(theme);
    for (const pixel of await pixels(view, 'boundary', run.id, at)) assert.ok(pixel.every((c, ch) => Math.abs(c - blue[ch]) < 40), `curve pixel ${pixel} vs ${blue}`);
    assert.deepEqual(board.boundary!.points, { train: 40, validation: 20 });
    await view.page.locator('figure[data-picture="boundary"] button').click();
    const saved = (await view.posted()).filter((m) => m.type === 'saveFile');
    assert.deepEqual(saved.map((m) => m.type === 'saveFile' && [m.format, m.fileName]), [['png', 'polynomial-poly-none-boundary.png']]);
    assert.equal(saved[0].type === 'saveFile' && Buffer.from(saved[0].content, 'base64').subarray(1, 4).toString(), 'PNG');
    await view.page.locator('section.pictures').screenshot({ path: `${shots}/pictures-curve-${theme}.png` });
    await view.page.close();
  }
});

test('a live run: pictures arrive with their epochs, the slider follows the newest, a reload keeps them', async () => {
  const run = byId('moons-l2');
  const [s1, s10, s20] = run.pictures!.snapshots;
  const live = { ...run, epochs: run.epochs.slice(0, 10), summary: null, pictures: { points: run.pictures!.points, snapshots: [s1, s10] } };
  const view = await openView('dashboard', 'light', 1300);
  await view.send({ type: 'runs', runs: [live] });
  await view.settle();
  assert.deepEqual((await pictures(view)).epochs, [1, 10]);
  await view.send({ type: 'picture', runId: run.id, snapshot: s20, points: run.pictures!.points });
  await view.send({ type: 'epochs', runId: run.id, epochs: run.epochs.slice(10, 20) });
  await view.settle();
  let drawn = await pictures(view);
  assert.deepEqual(drawn.epochs, [1, 10, 20]);
  assert.equal(drawn.selected, 20, 'follows the newest picture');
  await checkBoundary(view, run, drawn, 'light');
  // Moved back by the user, the slider stays there when the next picture comes.
  await view.page.locator('.picture-slider input').fill('1');
  await view.send({ type: 'runFinished', runId: run.id, run });
  await view.settle(1100);
  drawn = await pictures(view);
  assert.deepEqual(drawn.epochs, [1, 10, 20, 40]);
  assert.equal(drawn.selected, 10);
  await view.page.reload();
  await view.settle();
  drawn = await pictures(view);
  assert.deepEqual(drawn.epochs, [1, 10, 20, 40], 'the saved state keeps the pictures');
  await checkBoundary(view, run, drawn, 'light');
  assert.deepEqual(await view.problems(), []);
  await view.page.close();
});
