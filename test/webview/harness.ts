/**
 * Serves the webview page exactly as the extension builds it (same HTML, same CSP) from a fake
 * origin inside headless Chromium, with a stand-in acquireVsCodeApi that records what the page posts.
 */
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
import { after, before } from 'node:test';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createNonce, webviewHtml, type WebviewKind } from '../../src/extension/features/dashboard/html';
import type { FromWebview, ToWebview } from '../../src/protocol/webview';
import type { DrawnChart } from '../../src/webview/chartSetup';
import type { DrawnMarks } from '../../src/webview/chartView';
import { themeCss, themes, type ThemeName } from './themes';

const origin = 'https://webview.reglens.test';

/** Where the browser tests put their screenshots, for a human look. */
export const shots = '/tmp/reglens-shots';

/**
 * Builds the webview bundle and starts Chromium before the calling file's tests, closes it after them;
 * returns the way those tests open a page.
 */
export function webviewPages(root: string): (kind: WebviewKind, theme: ThemeName, width: number) => Promise<WebviewPage> {
  let browser: Browser | undefined;
  let bundle = '';
  before(async () => {
    mkdirSync(shots, { recursive: true });
    [bundle, browser] = await Promise.all([buildBundle(root), launch()]);
  });
  after(async () => {
    await browser?.close();
  });
  return (kind, theme, width) => WebviewPage.open(browser!, bundle, root, kind, theme, width);
}

export async function buildBundle(root: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [join(root, 'src/webview/main.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** Runs in the page before its scripts: the VS Code API stand-in (state kept in sessionStorage to survive reloads). */
function standIn(): void {
  const w = window as unknown as Record<string, unknown>;
  const posted: unknown[] = [];
  const problems: string[] = [];
  w.__posted = posted;
  w.__problems = problems;
  document.addEventListener('securitypolicyviolation', (e) => problems.push(`CSP blocked ${e.violatedDirective}: ${e.blockedURI}`));
  window.addEventListener('error', (e) => problems.push(`error: ${e.message}`));
  w.acquireVsCodeApi = () => ({
    postMessage: (message: unknown) => posted.push(message),
    getState: () => JSON.parse(sessionStorage.getItem('state') ?? 'null') ?? undefined,
    setState: (state: unknown) => sessionStorage.setItem('state', JSON.stringify(state)),
  });
}

export class WebviewPage {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, bundle: string, root: string, kind: WebviewKind, theme: ThemeName, width: number): Promise<WebviewPage> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const css = readFileSync(join(root, 'media/webview.css'), 'utf8');
    const html = webviewHtml(kind, 'RegLens', {
      cspSource: origin,
      scriptUri: `${origin}/dist/webview.js`,
      styleUri: `${origin}/media/webview.css`,
      nonce: createNonce(),
    })
      // VS Code puts the theme's class on <body> and its variables on <html>; a same-origin stylesheet does the latter here.
      .replace('<body ', `<body class="${themes[theme].bodyClass}" `)
      .replace('</head>', `<link rel="stylesheet" href="${origin}/theme.css">\n</head>`);
    const files: Record<string, [string, string]> = {
      '/index.html': ['text/html', html],
      '/dist/webview.js': ['text/javascript', bundle],
      '/media/webview.css': ['text/css', css],
      '/theme.css': ['text/css', themeCss(theme)],
    };
    await page.route(`${origin}/**`, (route) => {
      const file = files[new URL(route.request().url()).pathname];
      return file ? route.fulfill({ contentType: file[0], body: file[1] }) : route.fulfill({ status: 404, body: '' });
    });
    await page.addInitScript(standIn);
    await page.goto(`${origin}/index.html`);
    return new WebviewPage(page);
  }

  async send(message: ToWebview | Record<string, unknown>): Promise<void> {
    await this.page.evaluate((m) => window.postMessage(m, '*'), message);
  }

  posted(): Promise<FromWebview[]> {
    return this.page.evaluate(() => (window as unknown as { __posted: FromWebview[] }).__posted.slice());
  }

  problems(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __problems: string[] }).__problems.slice());
  }

  /** The numbers every chart draws, read back from chart.js through the page's debug hook. */
  charts(): Promise<{ id: string; table: { columns: string[]; rows: (number | null)[][] }; drawn: DrawnMarks | null }[]> {
    return this.page.evaluate(() => (window as unknown as { reglens: { charts(): never } }).reglens.charts());
  }

  /** What chart.js draws on the canvas of the card `chartId`: colours, dashes, axes and their ticks, legend and plot heights. */
  chart(chartId: string): Promise<DrawnChart | null> {
    return this.page.$eval(`section[data-chart="${chartId}"] canvas`, (canvas) =>
      (window as unknown as { reglens: { chart(c: HTMLCanvasElement): DrawnChart | null } }).reglens.chart(canvas as HTMLCanvasElement),
    );
  }

  /** Waits out the views' throttles (≤ 10 updates a second, state saved once a second). */
  async settle(ms = 250): Promise<void> {
    await this.page.waitForTimeout(ms);
  }
}
