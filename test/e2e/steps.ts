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
    // Hidden entries are saves under way (written in a temporary folder, then renamed into place).
    const entries = readdirSync(dir).filter((entry) => !entry.startsWith('.'));
    const files = kind === 'runs' ? entries.map((id) => join(dir, id, 'run.json')) : entries.filter((f) => f.endsWith('.json')).map((f) => join(dir, f));
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
    await wb.clickLens('digits-live', 'Train', ws.nameLine('digits-live'));
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
    assert.deepEqual(await wb.xRange(sidebar, 'loss'), [0, epochs], 'the x axis ends at the planned epochs');
    process.stdout.write(`(sidebar: ${during} points while training, ${points(loss)} at the end) `);
    const [run] = ws.runs('digits-live');
    assert.equal(summaryOf(run!).stopReason, 'completed');
    await wb.codeLens(/λ = 0\.5 → val loss/).waitFor();
    await sidebar.locator('.live-charts canvas').first().scrollIntoViewIfNeeded();
    await suite.screenshots('trained');
  });
  await suite.step('dashboard of the run', async () => {
    await wb.clickLens('digits-live', 'Dashboard', ws.nameLine('digits-live'));
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
    await wb.clickLens('iris-tune', 'Tune λ', ws.nameLine('iris-tune'));
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
    // VS Code writes the file in place: it is whole once the tab is no longer marked unsaved.
    await wb.page.locator('.tabs-container .tab.active.dirty', { hasText: 'reglens.json' }).waitFor({ state: 'detached' });
    const after = ws.config;
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
    assert.equal(rows.length, 1, `one problem for one fault: ${rows.join(' | ')}`);
    assert.ok(new RegExp(`\\b${line}\\b`).test(rows[0]!), `the error at line ${line}: ${rows[0]}`);
    // Its Train lens refuses, naming the line (VS Code logs the error it shows to the console).
    suite.expectError(/fix the config first: reglens\.json:\d+:\d+: λ must be ≥ 0/);
    await wb.clickLens('digits-long', 'Train', ws.nameLine('digits-long'));
    await wb.notification(new RegExp(`fix the config first: reglens\\.json:${line}:`)).waitFor();
    // The sidebar keeps it, marked with its problem and line.
    const entry = (await wb.webview('sidebar')).locator('.experiment[data-experiment="digits-long"]');
    await entry.locator('.badge', { hasText: 'cannot train' }).waitFor();
    await entry.locator('.problem', { hasText: `line ${line}` }).waitFor();
    await entry.scrollIntoViewIfNeeded();
    await suite.screenshots('broken');
    await wb.clearNotifications();
  });
  await suite.step('a CSV experiment trains beside the broken one', async () => {
    await wb.clickLens('moons-csv', 'Train', ws.nameLine('moons-csv'));
    await wb.notification(/moons-csv \([^)]*\): Completed/).waitFor();
    const [run] = ws.runs('moons-csv');
    const dataset = run!.dataset as { trainRows: number; validationRows: number };
    assert.deepEqual([dataset.trainRows, dataset.validationRows], [60, 20]);
    const sidebar = await wb.webview('sidebar');
    await until('the 30 epochs in the sidebar', async () => (chart(await wb.charts(sidebar), 'loss').table.rows.length === 30 ? true : undefined));
    assert.ok(ws.config.includes('"lambda": 0.001'), 'the broken edit is not saved');
    await suite.screenshots('csv');
    await wb.openFile('reglens.json');
    await wb.command('File: Revert File');
    await wb.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
    await until('no RegLens error left', async () => ((await wb.problems()).some((row) => /λ|lambda/.test(row) && /error/i.test(row)) ? undefined : true));
    // The sidebar follows the revert too (the file on disk never changed).
    await sidebar.locator('.experiment[data-experiment="digits-long"] button', { hasText: 'Train' }).waitFor();
    // The Problems panel has shown what it had to; the next steps want the room.
    await wb.command('View: Hide Panel');
    await wb.page.locator('.markers-panel').waitFor({ state: 'hidden' });
  });
}

export async function stopLongRun(suite: Suite, wb: Workbench, ws: Workspace): Promise<void> {
  await suite.step('stop a long run: kept as cancelled', async () => {
    await wb.clickLens('digits-long', 'Train', ws.nameLine('digits-long'));
    const status = wb.statusItem(/digits-long · epoch/);
    await status.waitFor();
    await wb.clickStatusItem(status);
    await status.waitFor({ state: 'detached' });
    const run = await until('the cancelled run on disk', () => ws.runs('digits-long')[0]);
    assert.equal(summaryOf(run).stopReason, 'cancelled');
    const epochs = (run.epochs as unknown[]).length;
    assert.ok(epochs > 0, 'the stopped run keeps its epochs');
    process.stdout.write(`(${epochs} epochs kept) `);
    const sidebar = await wb.webview('sidebar');
    const cancelled = sidebar.locator('.experiment[data-experiment="digits-long"] li', { hasText: 'cancelled' });
    await cancelled.waitFor();
    await cancelled.scrollIntoViewIfNeeded();
    await suite.screenshots('stopped');
  });
}

export async function reopenTuning(suite: Suite, wb: Workbench): Promise<void> {
  await suite.step('reopen the tuning: Show λ Tuning and the sidebar', async () => {
    const heading = 'λ tuning: iris-tune';
    const close = () => wb.closeTab('λ tuning of iris-tune');
    await close();
    await wb.command('RegLens: Show λ Tuning');
    await wb.quickPickRow(/^iris-tune · /).click();
    const reopened = await wb.webview('dashboard', heading);
    await reopened.getByRole('heading', { name: heading }).waitFor();
    assert.equal((await wb.charts(reopened))[0]!.table.rows.length, 4, 'the four λ of the stored tuning');
    await close();
    const sidebar = await wb.showSidebar();
    await sidebar.locator('.experiment[data-experiment="iris-tune"] li[data-tuning] button').first().click();
    const again = await wb.webview('dashboard', heading);
    await again.getByRole('heading', { name: heading }).waitFor();
    await suite.screenshots('tuning-reopened');
  });
}

export async function compareRuns(suite: Suite, wb: Workbench): Promise<void> {
  await suite.step('compare runs', async () => {
    await wb.command('RegLens: Compare Runs');
    await wb.check('digits-live');
    await wb.check('digits-long');
    await wb.page.locator('.quick-input-widget .quick-input-count', { hasText: /^2 Selected$/ }).waitFor();
    // OK, not Enter: with the focus on a ticked row, Enter unticks it.
    await wb.page.locator('.quick-input-widget .quick-input-action', { hasText: /^OK$/ }).click();
    const dashboard = await wb.webview('dashboard', 'Comparing 2 runs');
    await dashboard.getByRole('heading', { name: 'Comparing 2 runs' }).waitFor();
    const loss = chart(await wb.charts(dashboard), 'loss');
    // Training and validation loss of each run.
    assert.equal(loss.table.columns.length, 1 + 4);
    await suite.screenshots('compare');
  });
}

export async function halvingRegression(suite: Suite, wb: Workbench, ws: Workspace): Promise<void> {
  await suite.step('a regression task tuned by successive halving', async () => {
    await wb.clickLens('diabetes-halving', 'Tune λ', ws.nameLine('diabetes-halving'));
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

/** Issue 12: the workspace's folder of checkpoints (checkpoints/steps) is one series in the sidebar, and its Compare… opens its first checkpoint against its latest. */
export async function compareCheckpointsFromSidebar(suite: Suite, wb: Workbench): Promise<void> {
  await suite.step('checkpoints in the sidebar: Compare… on a series', async () => {
    const sidebar = await wb.showSidebar();
    const entry = sidebar.locator('li.checkpoint', { has: sidebar.locator('.name', { hasText: /^checkpoints\/steps$/ }) });
    await entry.waitFor();
    assert.equal(await entry.locator('.detail').textContent(), '3 checkpoints · steps 100–1000');
    await entry.scrollIntoViewIfNeeded();
    await entry.getByRole('button', { name: 'Compare checkpoints/steps with another checkpoint' }).click();
    // The default, the first row, is the series' first checkpoint.
    await wb.page.locator('.quick-input-widget .monaco-list-row.focused .label-name', { hasText: /· step 100$/ }).waitFor();
    await wb.page.keyboard.press('Enter');
    const view = await wb.webview('checkpoint', 'model_step1000.pt');
    const rows = view.locator('section.comparison tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 4, 'two weight matrices and two biases');
    await suite.screenshots('checkpoints-compare');
  });
}

export async function untrustedWorkspace(suite: Suite, wb: Workbench, url: string, ws: Workspace): Promise<void> {
  await suite.step('untrusted workspace: nothing trains, the CSV is not read', async () => {
    await wb.open(url);
    await wb.answerTrust(false);
    await wb.openFile('reglens.json');
    await wb.codeLens(/Trust this folder to train/).first().waitFor();
    assert.equal(await wb.codeLens(/^\s*Train$/).count(), 0, 'no Train lens in Restricted Mode');
    assert.equal(await wb.paletteOffers('RegLens: Train Experiment'), false);
    const sidebar = await wb.showSidebar();
    await sidebar.locator('.experiment[data-experiment="moons-csv"] .badge', { hasText: 'trust the folder to train' }).waitFor();
    assert.equal(await sidebar.getByRole('button', { name: /^(Train|Tune λ of) moons-csv/ }).count(), 0, 'the sidebar offers no Train or Tune λ');
    assert.equal(await wb.statusItem(/ · epoch/).count(), 0);
    // The copy's CSV experiment names a column its CSV lacks: trusted, that is an error; here the header is never read.
    const problems = await wb.problems();
    assert.ok(!problems.some((row) => /species|header|column/i.test(row)), `no CSV problem: ${problems.join(' | ')}`);
    assert.equal(ws.hasStore, false, 'nothing was written');
    await sidebar.getByText('Restricted Mode: RegLens looks for no checkpoints in an untrusted workspace.').waitFor();
    await suite.screenshots('untrusted');
  });
}
