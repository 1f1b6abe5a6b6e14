/**
 * The run around the steps: each step timed and printed, a screenshot of each in light, dark and
 * high-contrast themes, and the errors the extension host and the webviews logged, which fail the run.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { logFiles, readLog, type HostDirs } from './host';
import type { Workbench } from './workbench';

type ThemeName = 'light' | 'dark' | 'high-contrast';

/** VS Code's theme, the class it puts on the workbench, and the class a webview's <body> gets. */
const themes: Record<ThemeName, { label: string; workbench: string; webview: string }> = {
  light: { label: 'Light 2026', workbench: 'vs', webview: 'vscode-light' },
  dark: { label: 'Dark 2026', workbench: 'vs-dark', webview: 'vscode-dark' },
  'high-contrast': { label: 'Dark High Contrast', workbench: 'hc-black', webview: 'vscode-high-contrast' },
};

/** Workbench noise of an offline code-server: the gallery, GitHub sign-in, a built-in's double registration, the shutdown socket. */
const hostNoise = /open-vsx\.org|ENOTFOUND|api\.github\.com|authentication provider|typescript-language-features|code-server-ipc\.sock|vsda/;

export class Suite {
  readonly shots: string;
  /** Null until the suite first picks one (VS Code 1.139 starts in its own default). */
  private theme: ThemeName | null = null;
  private shotCount = 0;
  /** Seconds spent on screenshots (theme switches included) in the current step. */
  private shotSeconds = 0;
  readonly times: { name: string; seconds: number; screenshots: number }[] = [];
  /** Errors a step causes on purpose and expects to see (an error notification is logged to the console). */
  private readonly expected: RegExp[] = [];

  constructor(
    private readonly workbench: Workbench,
    private readonly dirs: HostDirs,
  ) {
    this.shots = join(dirs.root, 'screenshots');
    mkdirSync(this.shots, { recursive: true });
  }

  async step(name: string, body: () => Promise<void>): Promise<void> {
    const started = performance.now();
    this.shotSeconds = 0;
    process.stdout.write(`e2e: ${name} … `);
    try {
      await body();
    } catch (error) {
      await this.workbench.page.screenshot({ path: join(this.shots, `failed-${slug(name)}.png`) }).catch(() => undefined);
      process.stdout.write('FAILED\n');
      throw error;
    }
    const seconds = (performance.now() - started) / 1000;
    this.times.push({ name, seconds, screenshots: this.shotSeconds });
    process.stdout.write(`${seconds.toFixed(1)} s (screenshots ${this.shotSeconds.toFixed(1)} s)\n`);
  }

  /** The page in every theme, the current one first (one switch fewer). */
  async screenshots(name: string): Promise<void> {
    const order = (Object.keys(themes) as ThemeName[]).sort((a, b) => Number(b === this.theme) - Number(a === this.theme));
    const started = performance.now();
    const number = String(++this.shotCount).padStart(2, '0');
    for (const theme of order) {
      await this.useTheme(theme);
      await this.workbench.page.screenshot({ path: join(this.shots, `${number}-${slug(name)}-${theme}.png`) });
    }
    this.shotSeconds += (performance.now() - started) / 1000;
  }

  /** Switches VS Code's theme with "Preferences: Color Theme" and waits until every RegLens view has it. */
  private async useTheme(theme: ThemeName): Promise<void> {
    if (theme === this.theme) return;
    const { label, workbench, webview } = themes[theme];
    await this.workbench.command('Preferences: Color Theme');
    await this.workbench.pick(label);
    const page = this.workbench.page;
    await page.locator(`.monaco-workbench.${workbench}`).waitFor();
    for (const frame of page.frames()) {
      const isRegLens = await frame.evaluate(() => Boolean(document.body?.dataset.view)).catch(() => false);
      if (!isRegLens) continue;
      await frame.waitForFunction((name) => document.body.classList.contains(name), webview);
      // The views redraw their charts on the class change; two frames later they are painted.
      await frame.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    }
    this.theme = theme;
  }

  expectError(pattern: RegExp): void {
    this.expected.push(pattern);
  }

  /** Errors from the extension host (its log, RegLens's log) and from any webview or RegLens message in the browser console. */
  errors(): string[] {
    const host = logFiles(this.dirs, /^remoteexthost\.log$/).flatMap((file) =>
      readLog(file).split('\n').filter((line) => /\[error\]/.test(line) && !hostNoise.test(line)),
    );
    // RegLens's own channel: errors, and a webview's errors and malformed messages (logged as warnings).
    const reglens = logFiles(this.dirs, /^RegLens\.log$/).flatMap((file) =>
      readLog(file).split('\n').filter((line) => /\[error\]/.test(line) || (/\[warning\]/.test(line) && /RegLens view|malformed message|does not handle|Ignored/.test(line))),
    );
    const browser = this.workbench.consoleErrors.filter((text) => /webview|reglens/i.test(text) && !hostNoise.test(text));
    const all = [...host.map((l) => `extension host: ${l}`), ...reglens.map((l) => `RegLens log: ${l}`), ...browser.map((l) => `browser: ${l}`)];
    return all.filter((line) => !this.expected.some((pattern) => pattern.test(line)));
  }
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
