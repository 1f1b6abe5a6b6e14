/**
 * The checkpoint view's bundle in headless Chromium, fed the layer reports RegLens computes for a
 * fixture: every tensor is a row, sorting and filtering work, a click asks for the layer's detail,
 * the detail draws its histogram and ESD, and the CSP holds.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { fitPowerLaw, matrixSpectrum, summarizeModel, valueHistogram, type LayerReport } from '../../src/core';
import { createNonce, webviewHtml } from '../../src/extension/features/dashboard/html';
// The torch reader alone: this test's bundle leaves packages external, and h5wasm (Keras) is ESM-only.
import { openTorch } from '../../src/io/checkpoints/torch';
import { inspectTensor } from '../../src/io/checkpoints/inspectTensors';
import type { InspectToWebview } from '../../src/protocol/inspect';
import { launch } from './harness';

const root = process.cwd();
const origin = 'https://webview.reglens.test';
let browser: Browser;
let bundle: string;
let layers: LayerReport[];

before(async () => {
  const built = await esbuild.build({ entryPoints: [join(root, 'src/webview/inspect/main.ts')], bundle: true, platform: 'browser', format: 'iife', target: 'es2022', write: false, logLevel: 'warning' });
  bundle = built.outputFiles[0].text;
  browser = await launch();
  const checkpoint = await openTorch(join(root, 'test/fixtures/checkpoints/cnn.pth'));
  layers = [];
  for (const tensor of checkpoint.tensors) layers.push(await inspectTensor(tensor));
  await checkpoint.close();
});

after(async () => {
  await browser?.close();
});

async function openPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const html = webviewHtml('checkpoint', 'cnn.pth', { cspSource: origin, scriptUri: `${origin}/dist/inspectWebview.js`, styleUri: `${origin}/media/webview.css`, nonce: createNonce() });
  const files: Record<string, [string, string]> = {
    '/index.html': ['text/html', html],
    '/dist/inspectWebview.js': ['text/javascript', bundle],
    '/media/webview.css': ['text/css', readFileSync(join(root, 'media/webview.css'), 'utf8')],
  };
  await page.route(`${origin}/**`, (route) => {
    const file = files[new URL(route.request().url()).pathname];
    return file ? route.fulfill({ contentType: file[0], body: file[1] }) : route.fulfill({ status: 404, body: '' });
  });
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    const posted: unknown[] = [];
    const problems: string[] = [];
    w.__posted = posted;
    w.__problems = problems;
    document.addEventListener('securitypolicyviolation', (e) => problems.push(`CSP blocked ${e.violatedDirective}`));
    window.addEventListener('error', (e) => problems.push(`error: ${e.message}`));
    w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => posted.push(m), getState: () => undefined, setState: () => undefined });
  });
  await page.goto(`${origin}/index.html`);
  return page;
}

const send = (page: Page, message: InspectToWebview) => page.evaluate((m) => window.postMessage(m, '*'), message);
const posted = (page: Page) => page.evaluate(() => (window as unknown as { __posted: { type: string; name?: string }[] }).__posted.slice());
const firstColumn = (page: Page) => page.$$eval('tbody tr', (rows) => rows.map((r) => r.querySelector('td')?.textContent ?? ''));

test('the checkpoint view lists, sorts, filters and details the layers of a real checkpoint', async () => {
  const page = await openPage();
  assert.deepEqual(await posted(page), [{ type: 'ready' }]);
  await send(page, { type: 'start', title: 'cnn.pth', format: 'torch', files: ['cnn.pth'], tensors: layers.length });
  // Layer threads finish in any order; the table keeps the file's.
  for (const [done, [i, layer]] of [...layers.entries()].reverse().entries()) await send(page, { type: 'layer', layer, index: i, done: done + 1, total: layers.length });
  await send(page, { type: 'done', model: summarizeModel(layers, 1, 1), seconds: 0.5 });
  assert.deepEqual(await firstColumn(page), layers.map((l) => l.name));
  assert.equal(await page.locator('.chart-grid canvas').count(), 4, 'four charts by depth');

  // Sort by ‖W‖_F (numeric columns sort descending first).
  await page.locator('th', { hasText: '‖W‖_F' }).click();
  const byNorm = [...layers].sort((a, b) => (b.frobenius ?? -1) - (a.frobenius ?? -1)).map((l) => l.name);
  assert.deepEqual((await firstColumn(page)).slice(0, 3), byNorm.slice(0, 3));

  await page.fill('input[type=search]', 'conv');
  assert.deepEqual((await firstColumn(page)).sort(), layers.filter((l) => l.name.includes('conv')).map((l) => l.name).sort());

  await page.locator('tbody tr', { hasText: 'conv2.weight' }).first().click();
  assert.deepEqual((await posted(page)).at(-1), { type: 'select', name: 'conv2.weight' });
  const values = Float32Array.from({ length: 16 * 72 }, (_, i) => Math.sin(i) * 0.1);
  const spectrum = matrixSpectrum({ rows: 16, cols: 72, row: (r) => values.subarray(r * 72, (r + 1) * 72) });
  const fit = fitPowerLaw(spectrum.eigenvalues);
  await send(page, { type: 'detail', detail: { name: 'conv2.weight', histogram: valueHistogram(values, 0.1, 20), eigenvalues: Array.from(spectrum.eigenvalues), method: 'exact', alpha: fit?.alpha ?? null, alphaXmin: fit?.xmin ?? null } });
  await page.waitForTimeout(100);
  assert.equal(await page.locator('.chart-grid canvas').count(), 6, 'histogram and ESD added');
  assert.match(await page.locator('h2', { hasText: 'ESD of conv2.weight' }).innerText(), /eigenvalues of WᵀW: all, exact/);

  await send(page, { type: 'layer', layer: { name: '<img src=x onerror=alert(1)>' } as unknown as LayerReport, index: 0, done: 1, total: 1 });
  assert.match((await posted(page)).at(-1)?.type ?? '', /error/, 'a malformed message is reported, not shown');
  assert.deepEqual(await page.evaluate(() => (window as unknown as { __problems: string[] }).__problems), []);
  await page.close();
});
