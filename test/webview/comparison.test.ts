/**
 * A comparison of regularizers in the built webview bundle: the dashboard heads the runs with the
 * strength each got and why (and drops the header when other runs are shown); the sidebar lists a
 * comparison as one entry that opens it. Screenshots in light and dark go to /tmp/reglens-shots/.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunRecord } from '../../src/core';
import type { ComparisonHeader } from '../../src/protocol/webview';
import { shots, WebviewPage, webviewPages } from './harness';

const root = process.cwd();
const runs = JSON.parse(readFileSync(join(root, 'test/webview/fixtures/runs.json'), 'utf8')) as RunRecord[];

const header: ComparisonHeader = {
  experiment: 'digits',
  createdAt: '2026-11-30T01:00:00.000Z',
  rows: [
    { runId: runs[0].id, label: 'L1', setting: 'λ=40', why: '1-SE rule: the strongest λ whose CV val loss (0.3 ± 0.01) is within one SE of the best (0.29 ± 0.01 at λ=4); 5-fold CV over 13 values' },
    { runId: runs[1].id, label: 'L2', setting: 'λ=40', why: 'best mean CV val loss (0.2 ± 0.01); 5-fold CV over 13 values' },
    { runId: runs[2].id, label: 'no regularizer', setting: '—', why: 'the network and training alone, every regularizer off: the baseline' },
  ],
  skipped: [{ label: 'early stopping', reason: 'early stopping watches the validation loss, and data.validation is 0' }],
};

const openView = webviewPages(root);

const tableRows = (view: WebviewPage) =>
  view.page.$$eval('.comparison-header tbody tr', (rows) => rows.map((row) => [row.getAttribute('data-run'), ...Array.from(row.children, (cell) => cell.textContent)]));

test('dashboard: a comparison is headed by the strength each regularizer got and why', async () => {
  for (const theme of ['light', 'dark'] as const) {
    const view = await openView('dashboard', theme, 1300);
    await view.send({ type: 'runs', runs });
    await view.send({ type: 'comparison', header });
    await view.settle();
    assert.deepEqual(await tableRows(view), header.rows.map((row) => [row.runId, row.label, row.setting, row.why]));
    assert.equal(await view.page.textContent('.comparison-header h1'), 'Regularizers compared on digits');
    assert.match((await view.page.textContent('.comparison-header'))!, /Not compared: early stopping \(early stopping watches the validation loss/);
    assert.equal((await view.charts())[0]!.table.columns.length - 1, runs.length * 2, 'the runs are charted as ever');
    assert.deepEqual(await view.problems(), []);
    await view.page.screenshot({ path: `${shots}/comparison-${theme}.png`, fullPage: false });

    await view.send({ type: 'runs', runs: [runs[0]] });
    await view.settle();
    assert.deepEqual(await tableRows(view), [], 'other runs shown: no comparison header');
    await view.page.close();
  }
});

test('sidebar: a comparison is one entry of its experiment, which opens it', async () => {
  const view = await openView('sidebar', 'light', 340);
  const comparison = { id: '20261130-010000-000-abcd', label: '8 regularizers compared', createdAt: '2026-11-30T01:00:00.000Z' };
  await view.send({ type: 'experiments', experiments: [{ name: 'digits', config: 'reglens.json', state: 'ready', problem: null, runs: [], tunings: [], comparisons: [comparison] }], problems: [] });
  await view.settle();
  assert.equal(await view.page.textContent(`li[data-comparison="${comparison.id}"] button`), '8 regularizers compared · 2026-11-30 01:00');
  await view.page.click(`li[data-comparison="${comparison.id}"] button`);
  assert.deepEqual((await view.posted()).slice(1), [{ type: 'openComparison', experiment: 'digits', config: 'reglens.json', id: comparison.id }]);
  await view.page.close();
});
