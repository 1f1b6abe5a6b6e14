/**
 * The walk a new user takes, step by step, through the UI only; what each step checks is read
 * from the screen (lenses, status bar, notifications, Problems), from the webviews' charts, and from
 * the files on disk.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Suite } from './suite';
import { patience, type ChartData, type Workbench } from './workbench';

/** Polls `probe` (every 100 ms) until it returns a value; for state that has no event to wait on, such as files on disk. */
export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = performance.now() + patience;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The workspace copy on disk: its config and what RegLens stored. */
export class Workspace {
  constructor(readonly folder: string) {}

  get config(): string {
    return readFileSync(join(this.folder, 'reglens.json'), 'utf8');
  }

  /** 1-based line of an experiment's `"name"`. */
  nameLine(experiment: string): number {
    return this.config.split('\n').findIndex((line) => line.includes(`"name": "${experiment}"`)) + 1;
  }

  private records(kind: 'runs' | 'tunings', experiment: string): Record<string, unknown>[] {
    const dir = join(this.folder, '.reglens', kind, experiment);
    if (!existsSync(dir)) return [];
    const files = kind === 'runs' ? readdirSync(dir).map((id) => join(dir, id, 'run.json')) : readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => join(dir, f));
    return files.filter((file) => existsSync(file)).map((file) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
  }

  runs(experiment: string): Record<string, unknown>[] {
    return this.records('runs', experiment);
  }

  tunings(experiment: string): Record<string, unknown>[] {
    return this.records('tunings', experiment);
  }

  get hasStore(): boolean {
    return existsSync(join(this.folder, '.reglens'));
  }
}

function chart(charts: ChartData[], id: string): ChartData {
  const found = charts.find((c) => c.id === id);
  if (!found) throw new Error(`no "${id}" chart among ${charts.map((c) => c.id).join(', ')}`);
  return found;
}

/** Points drawn in a chart: every non-empty cell of its table but the x column. */
function points(data: ChartData): number {
  return data.table.rows.reduce((n, row) => n + row.slice(1).filter((v) => v !== null).length, 0);
}

function summaryOf(run: Record<string, unknown>): { stopReason: string } {
  return run.summary as { stopReason: string };
}

export async function openWorkspace(suite: Suite, wb: Workbench, url: string, ws: Workspace): Promise<void> {
  await suite.step('open the sample workspace and see the lenses', async () => {
    await wb.open(url);
    await wb.answerTrust(true);
    await wb.openFile('reglens.json');
    // Three lenses above each of the five experiments, and λ's own lens.
    await until('a Train lens per experiment', async () => ((await wb.codeLens(/^\s*Train$/).count()) >= 3 ? true : undefined));
    await wb.codeLens('λ = 0.5: no run yet').waitFor();
    await wb.showSidebar();
    assert.equal(ws.hasStore, false);
    await suite.screenshots('lenses');
  });
}

export async function trainWithLiveCharts(suite: Suite, wb: Workbench, ws: Workspace): Promise<void> {
  await suite.step('▶ Train: status bar and sidebar charts fill', async () => {
    const epochs = 120;
    await wb.clickLensAbove(ws.nameLine('digits-live'), '"name": "digits-live"', 'Train');
    await wb.statusItem(/digits-live · epoch/).waitFor();
    const sidebar = await wb.webview('sidebar');
    const during = await until('live points in the sidebar', async () => {
      const n = points(chart(await wb.charts(sidebar), 'loss'));
      return n > 0 ? n : undefined;
    });
    await wb.notification(/digits-live \([^)]*\): Completed/).waitFor();
    await wb.statusItem(/digits-live · epoch/).waitFor({ state: 'detached' });
    // One row per epoch, training and validation loss in each (the views redraw a few times a second).
    const loss = await until('every epoch in the sidebar', async () => {
      const data = chart(await wb.charts(sidebar), 'loss');
      return data.table.rows.length === epochs ? data : undefined;
    });
    assert.equal(points(loss), 2 * epochs);
    process.stdout.write(`(sidebar: ${during} points while training, ${points(loss)} at the end) `);
    const [run] = ws.runs('digits-live');
    assert.equal(summaryOf(run!).stopReason, 'completed');
    await wb.codeLens(/λ = 0\.5 → val loss/).waitFor();
    await sidebar.locator('.live-charts canvas').first().scrollIntoViewIfNeeded();
    await suite.screenshots('trained');
  });
  await suite.step('dashboard of the run', async () => {
    await wb.clickLensAbove(ws.nameLine('digits-live'), '"name": "digits-live"', 'Dashboard');
    const dashboard = await wb.webview('dashboard', 'RegLens run');
    await dashboard.getByRole('heading', { name: 'RegLens run' }).waitFor();
    const loss = chart(await wb.charts(dashboard), 'loss');
    assert.equal(loss.table.rows.length, 120);
    await suite.screenshots('dashboard');
  });
}

export async function tuneAndApply(suite: Suite, wb: Workbench, ws: Workspace): Promise<void> {
  const before = ws.config;
  await suite.step('⚙ Tune λ and see the validation curve', async () => {
    await wb.clickLensAbove(ws.nameLine('iris-tune'), '"name": "iris-tune"', 'Tune λ');
    const dashboard = await wb.webview('dashboard', 'λ tuning: iris-tune');
    await dashboard.getByRole('heading', { name: 'λ tuning: iris-tune' }).waitFor();
    const [tuning] = ws.tunings('iris-tune');
    assert.ok(tuning, 'the tuning is saved');
    const charts = await wb.charts(dashboard);
    assert.ok(charts.length > 0 && charts.every((c) => c.table.rows.length > 0), 'every tuning chart has points');
    // Four λ values on the validation curve.
    assert.equal(charts[0]!.table.rows.length, 4);
    await suite.screenshots('tuning');
  });
  await suite.step('Apply λ_1se: one number changes on disk, comments kept', async () => {
    const dashboard = await wb.webview('dashboard', 'λ tuning: iris-tune');
    const apply = dashboard.getByRole('button', { name: /^Apply λ_1se = / });
    const label = (await apply.textContent())!;
    const lambda = label.replace(/^Apply λ_1se = /, '').trim();
    await apply.click();
    await wb.page.locator('.tabs-container .tab.active.dirty', { hasText: 'reglens.json' }).waitFor();
    await wb.command('File: Save');
    const after = await until('the saved config', () => (ws.config !== before ? ws.config : undefined));
    const changed = before.split('\n').map((line, i) => [line, after.split('\n')[i]] as const).filter(([a, b]) => a !== b);
    assert.equal(after.split('\n').length, before.split('\n').length);
    assert.deepEqual(changed, [['        "lambda": 0.05', `        "lambda": ${lambda}`]]);
    assert.ok(after.includes('// Picked by hand; Tune λ should suggest better.'));
    await wb.codeLens(`λ_1se = ${lambda} (current)`).waitFor();
    await suite.screenshots('applied');
  });
}

export async function brokenFile(suite: Suite, wb: Workbench, ws: Workspace): Promise<void> {
  await suite.step('break the file: the error at its line', async () => {
    const lines = ws.config.split('\n');
    const line = lines.findIndex((l) => l.includes('"lambda": 0.001')) + 1;
    await wb.openFile('reglens.json');
    // Selects "0.001 }" to the end of the line and types over it, as a person edits.
    await wb.goToLine(line, lines[line - 1]!.indexOf('0.001') + 1);
    await wb.page.keyboard.press('Shift+End');
    await wb.page.keyboard.type('-5 }');
    await wb.page.locator('.tabs-container .tab.active.dirty', { hasText: 'reglens.json' }).waitFor();
    const rows = await until('the error in Problems', async () => {
      const found = (await wb.problems()).filter((row) => /λ|lambda/.test(row) && /error/i.test(row));
      return found.length > 0 ? found : undefined;
    });
    assert.ok(rows.some((row) => new RegExp(`\\b${line}\\b`).test(row)), `an error at line ${line}: ${rows.join(' | ')}`);
    await suite.screenshots('broken');
    await wb.command('File: Revert File');
    await wb.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
    await until('no RegLens error left', async () => ((await wb.problems()).some((row) => /λ|lambda/.test(row) && /error/i.test(row)) ? undefined : true));
  });
}

export async function stopLongRun(suite: Suite, wb: Workbench, ws: Workspace): Promise<void> {
  await suite.step('stop a long run: kept as cancelled', async () => {
    await wb.clickLensAbove(ws.nameLine('digits-long'), '"name": "digits-long"', 'Train');
    const status = wb.statusItem(/digits-long · epoch/);
    await status.waitFor();
    await status.click();
    await status.waitFor({ state: 'detached' });
    const run = await until('the cancelled run on disk', () => ws.runs('digits-long')[0]);
    assert.equal(summaryOf(run).stopReason, 'cancelled');
    const epochs = (run.epochs as unknown[]).length;
    assert.ok(epochs > 0, 'the stopped run keeps its epochs');
    process.stdout.write(`(${epochs} epochs kept) `);
    const sidebar = await wb.webview('sidebar');
    await sidebar.locator('.experiment[data-experiment="digits-long"] li', { hasText: 'cancelled' }).waitFor();
    await suite.screenshots('stopped');
  });
}

export async function compareRuns(suite: Suite, wb: Workbench): Promise<void> {
  await suite.step('compare runs', async () => {
    await wb.command('RegLens: Compare Runs');
    await wb.check('digits-live');
    await wb.check('digits-long');
    await wb.page.keyboard.press('Enter');
    const dashboard = await wb.webview('dashboard', 'Comparing 2 runs');
    await dashboard.getByRole('heading', { name: 'Comparing 2 runs' }).waitFor();
    const loss = chart(await wb.charts(dashboard), 'loss');
    // Training and validation loss of each run.
    assert.equal(loss.table.columns.length, 1 + 4);
    await suite.screenshots('compare');
  });
}

export async function csvExperiment(suite: Suite, wb: Workbench, ws: Workspace): Promise<void> {
  await suite.step('a CSV experiment', async () => {
    await wb.clickLensAbove(ws.nameLine('moons-csv'), '"name": "moons-csv"', 'Train');
    await wb.notification(/moons-csv \([^)]*\): Completed/).waitFor();
    const [run] = ws.runs('moons-csv');
    const dataset = run!.dataset as { trainRows: number; validationRows: number };
    assert.deepEqual([dataset.trainRows, dataset.validationRows], [60, 20]);
    const sidebar = await wb.webview('sidebar');
    await until('the 30 epochs in the sidebar', async () => (chart(await wb.charts(sidebar), 'loss').table.rows.length === 30 ? true : undefined));
    await suite.screenshots('csv');
  });
}

export async function halvingRegression(suite: Suite, wb: Workbench, ws: Workspace): Promise<void> {
  await suite.step('a regression task tuned by successive halving', async () => {
    await wb.clickLensAbove(ws.nameLine('diabetes-halving'), '"name": "diabetes-halving"', 'Tune λ');
    const dashboard = await wb.webview('dashboard', 'λ tuning: diabetes-halving');
    await dashboard.getByRole('heading', { name: 'λ tuning: diabetes-halving' }).waitFor();
    await dashboard.getByText(/successive halving: 4 λ/).waitFor();
    const [tuning] = ws.tunings('diabetes-halving');
    const result = tuning!.result as { strategy: string; dropped: unknown[] };
    assert.equal(result.strategy, 'halving');
    assert.ok(result.dropped.length > 0, 'halving dropped some λ early');
    await suite.screenshots('halving');
  });
}

export async function untrustedWorkspace(suite: Suite, wb: Workbench, url: string, ws: Workspace): Promise<void> {
  await suite.step('untrusted workspace: nothing trains, the CSV is not read', async () => {
    await wb.open(url);
    await wb.answerTrust(false);
    await wb.openFile('reglens.json');
    await wb.codeLens(/^\s*Train$/).first().waitFor();
    assert.equal(await wb.paletteOffers('RegLens: Train Experiment'), false);
    const sidebar = await wb.showSidebar();
    await sidebar.getByRole('button', { name: /^Train moons-csv/ }).click();
    await wb.notification(/trains only in a trusted workspace/).waitFor();
    assert.equal(await wb.statusItem(/ · epoch/).count(), 0);
    // The copy's CSV experiment names a column its CSV lacks: trusted, that is an error; here the header is never read.
    const problems = await wb.problems();
    assert.ok(!problems.some((row) => /species|header|column/i.test(row)), `no CSV problem: ${problems.join(' | ')}`);
    assert.equal(ws.hasStore, false, 'nothing was written');
    await suite.screenshots('untrusted');
  });
}
