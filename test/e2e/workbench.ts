/**
 * The workbench as a person meets it, through playwright-core and Debian's Chromium: the command
 * palette by command title, code lenses and status bar items by their text, notifications, the
 * Problems panel, and RegLens's webviews (found by their page's `data-view`).
 */
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';

/** Generous: the machine is shared, and every wait is for an event, so a long wait costs only when failing. */
export const patience = 300_000;

/** The tooltip of each lens above an experiment (src/extension/features/config/codeLenses.ts). */
const lensTooltips = {
  Train: (name: string) => `Train ${name} and save the run`,
  'Tune λ': (name: string) => `Search ${name}'s λ by cross-validation`,
  Dashboard: (name: string) => `Charts of ${name}'s latest run`,
};
export type LensAction = keyof typeof lensTooltips;

export interface ChartData {
  id: string;
  table: { columns: string[]; rows: (number | null)[][] };
}

export class Workbench {
  /** Errors the browser logged: the workbench's and every webview's console, and uncaught page errors. */
  readonly consoleErrors: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  static async launch(): Promise<Workbench> {
    // A persistent profile that allows third-party cookies: webviews come from another origin and
    // need a service worker, which Chromium refuses them otherwise (../shared/vscode-host/README.md).
    const profile = mkdtempSync(join(tmpdir(), 'reglens-e2e-chromium-'));
    mkdirSync(join(profile, 'Default'));
    writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1400, height: 860 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(patience);
    const workbench = new Workbench(context, page);
    page.on('console', (message) => {
      if (message.type() === 'error') workbench.consoleErrors.push(`${message.location().url}: ${message.text()}`);
    });
    page.on('pageerror', (error) => workbench.consoleErrors.push(`uncaught: ${error.message}`));
    return workbench;
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('.monaco-workbench').waitFor();
    await this.page.locator('.statusbar').waitFor();
  }

  /** Answers VS Code's workspace-trust prompt. */
  async answerTrust(trust: boolean): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: trust ? /Yes, I trust/ : /No, I don.t trust/ }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Runs a command from the palette by its title, e.g. "RegLens: Tune λ". */
  async command(title: string): Promise<void> {
    await this.openPalette(`>${title}`);
    await this.quickPickRow(title).click();
  }

  /**
   * Opens the palette (or with `key`, another quick input) with `text` typed. A view taking focus just
   * after the key (a webview panel or an editor coming to the front) closes it before anything is
   * typed: then nothing ran, and it opens again.
   */
  private async openPalette(text: string, key = 'F1'): Promise<void> {
    const input = this.page.locator('.quick-input-widget input.input');
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press(key);
      await input.waitFor({ state: 'visible' });
      try {
        await input.fill(text, { timeout: attempt < 5 ? 10_000 : patience });
        return;
      } catch (error) {
        if (attempt >= 5 || (await input.isVisible())) throw error;
      }
    }
  }

  /** Whether the palette offers a command with this title (typed in full). */
  async paletteOffers(title: string): Promise<boolean> {
    await this.openPalette(`>${title}`);
    // The list settles on rows (VS Code 1.139 lists similar commands when none matches) or "No matching commands".
    const rows = this.page.locator('.quick-input-widget .monaco-list-row');
    const none = this.page.locator('.quick-input-widget .quick-input-message', { hasText: /No matching commands/ });
    await rows.or(none).first().waitFor();
    const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const offered = (await this.quickPickRow(exact).count()) > 0;
    await this.page.keyboard.press('Escape');
    return offered;
  }

  quickPickRow(label: string | RegExp): Locator {
    return this.page.locator('.quick-input-widget .monaco-list-row', { has: this.page.locator('.label-name', { hasText: label }) }).first();
  }

  /** Picks an item of the open quick pick by its label, typing it first (long lists render only their visible rows). */
  async pick(label: string): Promise<void> {
    await this.page.locator('.quick-input-widget input.input').fill(label);
    await this.quickPickRow(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)).click();
  }

  /**
   * Ticks an item of the open multi-select quick pick, found by the start of its label. Playwright's
   * check() says whether the click ticked it; a click that did not (the list was redrawn under the
   * pointer) changed nothing, so it clicks again.
   */
  async check(labelStart: string): Promise<void> {
    const box = this.quickPickRow(new RegExp(`^${labelStart}`)).locator('[role=checkbox], input[type=checkbox]').first();
    for (let attempt = 1; ; attempt++) {
      try {
        await box.check({ timeout: attempt < 3 ? 10_000 : patience });
        return;
      } catch (error) {
        if (await box.isChecked()) return;
        if (attempt >= 3) throw error;
      }
    }
  }

  /** Brings a file of the workspace's root to the front: its tab if it is open, else from the Explorer (no file search: its index may lag). */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    const tab = this.page.locator('.tabs-container .tab', { hasText: name });
    if ((await tab.count()) > 0) await tab.first().click();
    else {
      await this.command('View: Show Explorer');
      // A double click opens it for good and moves the focus to it (a single click previews it and keeps the focus in the Explorer).
      await this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().dblclick();
    }
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
    // Keys go where the focus is: wait until the editor has it.
    await this.page.locator('.monaco-editor.focused .view-lines').first().waitFor();
  }

  /** A lens by its text: a link, or plain text when it has no command. */
  codeLens(text: string | RegExp): Locator {
    return this.page.locator('.codelens-decoration > a, .codelens-decoration > span', { hasText: text });
  }

  /** Puts the cursor on a line (and column) of the active editor, 1-based, with "Go to Line". */
  async goToLine(line: number, column?: number): Promise<void> {
    await this.openPalette(column === undefined ? `:${line}` : `:${line}:${column}`, 'Control+G');
    const input = this.page.locator('.quick-input-widget input.input');
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  /**
   * Clicks an experiment's lens, found by the tooltip that names the experiment (the three lenses
   * above each experiment read the same). The name's line is brought into view first: the editor
   * renders lenses of the lines it shows, and keeps scrolled-away ones hidden in the page.
   */
  async clickLens(experiment: string, action: LensAction, nameLine: number): Promise<void> {
    await this.openFile('reglens.json');
    await this.goToLine(nameLine);
    // Playwright clicks once the lens is visible, no longer moving and the topmost element at its centre.
    await this.page.locator(`.codelens-decoration > a[title=${JSON.stringify(lensTooltips[action](experiment))}]`).click();
  }

  /** Closes an editor tab by its close button. */
  async closeTab(text: string | RegExp): Promise<void> {
    const tab = this.page.locator('.tabs-container .tab', { hasText: text });
    await tab.hover();
    await tab.getByRole('button', { name: /^Close/ }).click();
    await tab.waitFor({ state: 'detached' });
  }

  /**
   * Clicks a status bar item near its start: a running job's item changes its text (and width) a few
   * times a second, so it is never "stable" to Playwright, while its left edge stays put.
   */
  async clickStatusItem(item: Locator): Promise<void> {
    const box = await item.boundingBox();
    if (!box) throw new Error('the status bar item is not shown');
    await this.page.mouse.click(box.x + Math.min(12, box.width / 2), box.y + box.height / 2);
  }

  statusItem(text: string | RegExp): Locator {
    return this.page.locator('.statusbar-item', { hasText: text });
  }

  notification(text: string | RegExp): Locator {
    return this.page.locator('.notification-toast', { hasText: text });
  }

  async clearNotifications(): Promise<void> {
    await this.command('Notifications: Clear All Notifications');
  }

  /** The frame of a RegLens webview; with `heading`, the one whose page heading contains it (tunings and runs have panels of their own). */
  async webview(view: 'sidebar' | 'dashboard' | 'checkpoint', heading?: string): Promise<Frame> {
    for (let scans = 0; scans * 1000 < patience; scans++) {
      for (const frame of this.page.frames()) {
        const seen = await frame.evaluate(() => ({ kind: document.body?.dataset.view ?? null, headings: Array.from(document.querySelectorAll('h1, h2'), (h) => h.textContent ?? '') })).catch(() => null);
        if (seen?.kind === view && (heading === undefined || seen.headings.some((text) => text.includes(heading)))) return frame;
      }
      // A new panel attaches a frame; an open one may only re-render: look again after a second either way.
      await this.page.waitForEvent('frameattached', { timeout: 1000 }).catch(() => undefined);
      await this.page.waitForLoadState();
    }
    throw new Error(`no ${view} webview${heading === undefined ? '' : ` headed "${heading}"`} appeared`);
  }

  /** The numbers each chart of a RegLens webview draws, from chart.js through the page's `reglens` hook. */
  charts(frame: Frame): Promise<ChartData[]> {
    return frame.evaluate(() => (window as unknown as { reglens: { charts(): ChartData[] } }).reglens.charts());
  }

  /** Where a chart's x axis starts and ends as drawn, through the page's `reglens` hook. */
  xRange(frame: Frame, chartId: string): Promise<[number, number]> {
    return frame.locator(`[data-chart="${chartId}"] canvas`).first().evaluate((canvas) => {
      const drawn = (window as unknown as { reglens: { chart(c: HTMLCanvasElement): { axes: Record<string, { min: number; max: number }> } | null } }).reglens.chart(canvas as HTMLCanvasElement);
      return [drawn?.axes.x?.min ?? NaN, drawn?.axes.x?.max ?? NaN] as [number, number];
    });
  }

  /** Shows the RegLens sidebar (the activity bar's RegLens container) with its experiments. */
  async showSidebar(): Promise<Frame> {
    await this.command('RegLens: Focus on Experiments View');
    const frame = await this.webview('sidebar');
    await frame.locator('.experiment').first().waitFor();
    return frame;
  }

  /** Problems shown in the Problems panel, as "message (line N)" texts of its rows. */
  async problems(): Promise<string[]> {
    await this.command('View: Focus Problems (Errors, Warnings, Infos)');
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    return rows.evaluateAll((elements) => elements.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
