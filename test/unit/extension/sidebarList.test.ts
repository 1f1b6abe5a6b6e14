import assert from 'node:assert/strict';
import { test } from 'node:test';
import { experimentItems, runListItem, type ListedConfig } from '../../../src/extension/features/dashboard/sidebarList';
import type { RunListing } from '../../../src/io/runStore';
import type { ComparisonRecord } from '../../../src/protocol/comparison';
import { parseToWebview } from '../../../src/protocol/webview';
import { fixtureRuns, fixtureTunings } from '../webview/fixture';

function listing(run: ReturnType<typeof fixtureRuns>[number], experiment: string, dir: string): RunListing {
  const { id, createdAt, objective, metric, summary } = run;
  return { experiment, id, createdAt, objective, metric, summary, regularization: run.spec.regularization, dir };
}

function config(label: string, store: string, names: string[], runs: RunListing[], problems: Record<string, string> = {}): ListedConfig {
  return { label, store, experiments: names.map((name) => ({ name, problem: problems[name] ?? null })), problems: [], runs, tunings: [], comparisons: [] };
}

test('same-named experiments in two config files stay apart in the sidebar, each with its own runs', () => {
  const [first, second] = fixtureRuns();
  const { experiments: items } = experimentItems([
    config('reglens.json', '/ws', ['baseline', 'wide'], [listing(first!, 'baseline', '/ws/a')]),
    config('sub/other.reglens.json', '/ws/sub', ['baseline'], [listing(second!, 'baseline', '/ws/sub/b')]),
  ]);
  assert.deepEqual(
    items.map((item) => [item.config, item.name, item.runs.map((run) => run.id)]),
    [
      ['reglens.json', 'baseline', [first!.id]],
      ['reglens.json', 'wide', []],
      ['sub/other.reglens.json', 'baseline', [second!.id]],
    ],
  );
  assert.equal(parseToWebview({ type: 'experiments', experiments: items, problems: [] }).ok, true);
});

test('a run list line reports the final validation numbers', () => {
  const [run] = fixtureRuns();
  const item = runListItem(listing(run!, run!.experiment, '/ws'));
  assert.equal(item.status, run!.summary.stopReason);
  assert.equal(item.epochs, run!.summary.final?.epoch);
  assert.equal(item.valMetric, run!.summary.final?.valMetric);
});

test('issue 16 item 1: a broken experiment stays listed with its problem and its runs; runs of an experiment no longer in the config stay visible', () => {
  const [first, second] = fixtureRuns();
  const broken = config('reglens.json', '/ws', ['ok', 'bad'], [listing(first!, 'bad', '/ws/a'), listing(second!, 'renamed', '/ws/b')], { bad: 'line 12: λ must be ≥ 0' });
  const { experiments, problems } = experimentItems([{ ...broken, problems: ['reglens.json:2:3: Unknown property "x"'] }, config('more.reglens.json', '/ws', ['other'], broken.runs)]);
  assert.deepEqual(
    experiments.map((item) => [item.config, item.name, item.state, item.problem, item.runs.length]),
    [
      ['reglens.json', 'ok', 'ready', null, 0],
      ['reglens.json', 'bad', 'broken', 'line 12: λ must be ≥ 0', 1],
      ['reglens.json', 'renamed', 'stored', null, 1],
      // The second file shares the folder's store: the stored-only runs are listed once.
      ['more.reglens.json', 'other', 'ready', null, 0],
    ],
  );
  assert.deepEqual(problems, [{ config: 'reglens.json', problem: 'reglens.json:2:3: Unknown property "x"' }]);
  assert.equal(parseToWebview({ type: 'experiments', experiments, problems }).ok, true);
});

test('stored tunings are listed under their experiment with λ_1se and λ_min', () => {
  const [tuning] = fixtureTunings();
  const listed = { ...config('reglens.json', '/ws', [tuning!.experiment], []), tunings: [tuning!] };
  const [item] = experimentItems([listed]).experiments;
  assert.deepEqual(item!.tunings.map((t) => [t.id, t.lambda1se, t.lambdaMin]), [[tuning!.id, tuning!.result.lambda1se?.lambda ?? null, tuning!.result.lambdaMin?.lambda ?? null]]);
  assert.equal(parseToWebview({ type: 'experiments', experiments: [item!], problems: [] }).ok, true);
});

test('a comparison is one sidebar entry of its experiment, apart from the runs', () => {
  const [run] = fixtureRuns();
  const comparison = { id: '20261130-010000-000-abcd', experiment: 'baseline', createdAt: '2026-11-30T01:00:00.000Z', entries: [{}, {}, {}] } as unknown as ComparisonRecord;
  const { experiments: items } = experimentItems([{ ...config('reglens.json', '/ws', ['baseline', 'wide'], [listing(run!, 'baseline', '/ws/a')]), comparisons: [comparison] }]);
  assert.deepEqual(items[0]!.comparisons, [{ id: comparison.id, label: '3 regularizers compared', createdAt: comparison.createdAt }]);
  assert.deepEqual(items[0]!.runs.map((r) => r.id), [run!.id]);
  assert.deepEqual(items[1]!.comparisons, []);
  assert.equal(parseToWebview({ type: 'experiments', experiments: items, problems: [] }).ok, true);
  const older = parseToWebview({ type: 'experiments', experiments: [{ name: 'a', config: 'reglens.json', state: 'ready', problem: null, runs: [], tunings: [] }], problems: [] });
  assert.deepEqual(older.ok && older.message.type === 'experiments' && older.message.experiments[0]!.comparisons, [], 'a saved sidebar state from before reads with none');
});
