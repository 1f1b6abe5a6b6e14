import assert from 'node:assert/strict';
import { test } from 'node:test';
import { experimentItems, runListItem } from '../../../src/extension/features/dashboard/sidebarList';
import type { RunListing } from '../../../src/io/runStore';
import type { ComparisonRecord } from '../../../src/protocol/comparison';
import { parseToWebview } from '../../../src/protocol/webview';
import { fixtureRuns } from '../webview/fixture';

function listing(run: ReturnType<typeof fixtureRuns>[number], experiment: string, dir: string): RunListing {
  const { id, createdAt, objective, metric, summary } = run;
  return { experiment, id, createdAt, objective, metric, summary, regularization: run.spec.regularization, dir };
}

test('same-named experiments in two config files stay apart in the sidebar, each with its own runs', () => {
  const [first, second] = fixtureRuns();
  const items = experimentItems([
    { label: 'reglens.json', experiments: ['baseline', 'wide'], runs: [listing(first!, 'baseline', '/ws/a')], comparisons: [] },
    { label: 'sub/other.reglens.json', experiments: ['baseline'], runs: [listing(second!, 'baseline', '/ws/sub/b')], comparisons: [] },
  ]);
  assert.deepEqual(
    items.map((item) => [item.config, item.name, item.runs.map((run) => run.id)]),
    [
      ['reglens.json', 'baseline', [first!.id]],
      ['reglens.json', 'wide', []],
      ['sub/other.reglens.json', 'baseline', [second!.id]],
    ],
  );
  assert.equal(parseToWebview({ type: 'experiments', experiments: items }).ok, true);
});

test('a run list line reports the final validation numbers', () => {
  const [run] = fixtureRuns();
  const item = runListItem(listing(run!, run!.experiment, '/ws'));
  assert.equal(item.status, run!.summary.stopReason);
  assert.equal(item.epochs, run!.summary.final?.epoch);
  assert.equal(item.valMetric, run!.summary.final?.valMetric);
});

test('a comparison is one sidebar entry of its experiment, apart from the runs', () => {
  const [run] = fixtureRuns();
  const comparison = { id: '20261130-010000-000-abcd', experiment: 'baseline', createdAt: '2026-11-30T01:00:00.000Z', entries: [{}, {}, {}] } as unknown as ComparisonRecord;
  const items = experimentItems([{ label: 'reglens.json', experiments: ['baseline', 'wide'], runs: [listing(run!, 'baseline', '/ws/a')], comparisons: [comparison] }]);
  assert.deepEqual(items[0]!.comparisons, [{ id: comparison.id, label: '3 regularizers compared', createdAt: comparison.createdAt }]);
  assert.deepEqual(items[0]!.runs.map((r) => r.id), [run!.id]);
  assert.deepEqual(items[1]!.comparisons, []);
  assert.equal(parseToWebview({ type: 'experiments', experiments: items }).ok, true);
  const older = parseToWebview({ type: 'experiments', experiments: [{ name: 'a', config: 'reglens.json', runs: [] }] });
  assert.deepEqual(older.ok && older.message.type === 'experiments' && older.message.experiments[0]!.comparisons, [], 'a saved sidebar state from before reads with none');
});
