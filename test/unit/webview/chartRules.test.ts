/** The charts' rules that do not need a canvas: the gap chart, axis titles, y ranges of flat series, marker labels. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flatRange } from '../../../src/webview/chartView';
import { labelGroups, labelRows } from '../../../src/webview/markerLayout';
import { epochCharts, markers } from '../../../src/webview/series';
import { fixtureRuns } from './fixture';

const chart = (id: string) => {
  const found = epochCharts.find((c) => c.id === id);
  assert.ok(found, id);
  return found;
};

test('the gap chart plots validation − training loss per epoch, one line per run, and marks only the onset', () => {
  const runs = fixtureRuns();
  const gap = chart('gap');
  const series = gap.series(runs);
  assert.equal(series.length, runs.length);
  runs.forEach((run, r) => {
    assert.equal(series[r].runId, run.id);
    assert.equal(series[r].colour, r, 'the run’s colour, as on every other chart');
    for (const report of run.epochs) {
      const expected = report.valLoss === null ? null : report.valLoss - report.trainLoss;
      assert.ok(expected === null ? series[r].value(report) === null : Math.abs(series[r].value(report)! - expected) < 1e-12);
    }
  });
  assert.deepEqual(gap.markers, ['overfitting onset']);
  const stopped = { ...runs[0], summary: { ...runs[0].summary, stopReason: 'earlyStopped' as const, bestEpoch: 4, overfittingOnset: 6 } };
  assert.deepEqual(markers([stopped], gap.markers).map((m) => [m.label, m.epoch]), [['overfitting onset', 6]]);
});

test('axis titles name the metric and write no raw subscripts', () => {
  const [run] = fixtureRuns();
  const metric = chart('metric');
  assert.equal(metric.yTitle([{ ...run, metric: 'accuracy' }]), 'accuracy');
  assert.equal(metric.yTitle([{ ...run, metric: 'r2' }]), 'R²');
  assert.equal(metric.yTitle([{ ...run, metric: 'accuracy' }, { ...run, metric: 'r2' }]), 'accuracy or R²');
  for (const def of epochCharts) {
    for (const text of [def.title, def.yTitle([run]), def.description, ...def.series([run]).map((s) => s.label)]) {
      assert.ok(!text.includes('_'), `${def.id}: "${text}"`);
      assert.ok(!/\bmetric\b/.test(text), `${def.id}: "${text}" says metric`);
    }
  }
});

test('series name their line apart from their run, so the legend can group by run and by line', () => {
  const runs = fixtureRuns();
  const loss = chart('loss').series(runs);
  assert.deepEqual([...new Set(loss.map((s) => s.line))], ['training loss', 'validation loss']);
  assert.deepEqual([...new Set(loss.map((s) => s.runId))], runs.map((r) => r.id));
  assert.ok(loss.every((s) => s.label.endsWith(s.line)));
});

test('a flat series gets a range from 0, not −1 … 1; a varying one keeps chart.js’s', () => {
  assert.deepEqual(flatRange([0, 0, 0]), { min: 0, max: 1 });
  assert.deepEqual(flatRange([]), { min: 0, max: 1 });
  assert.deepEqual(flatRange([2, 2]), { min: 0, max: 2.5 });
  assert.deepEqual(flatRange([-4, -4]), { min: -5, max: 0 });
  assert.equal(flatRange([0, 0.1]), null);
});

test('marker labels: runs sharing a place and a name share one label; overlapping labels take new rows', () => {
  const groups = labelGroups([
    { px: 500, text: 'best (40)', colour: 0 },
    { px: 500, text: 'best (40)', colour: 1 },
    { px: 500, text: 'best (40)', colour: 2 },
    { px: 120, text: 'best (8)', colour: 3 },
  ]);
  assert.deepEqual(groups.map((g) => [g.text, [...g.colours]]), [['best (40)', [0, 1, 2]], ['best (8)', [3]]]);
  assert.deepEqual(labelRows([[440, 496], [100, 150], [150, 200], [460, 520], [10, 40]]), [0, 0, 1, 1, 0]);
});
