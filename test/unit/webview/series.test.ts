import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chosenEpochs, histogramCharts } from '../../../src/webview/histograms';
import { epochCharts, layerCount, markers } from '../../../src/webview/series';
import { fixtureRuns } from './fixture';

const chart = (id: string) => {
  const found = epochCharts.find((c) => c.id === id);
  assert.ok(found, id);
  return found;
};

test('one run: loss lines read the losses, and the validation line shades the gap', () => {
  const [run] = fixtureRuns();
  const [train, val] = chart('loss').series([run]);
  assert.deepEqual(run.epochs.map(train.value), run.epochs.map((r) => r.trainLoss));
  assert.deepEqual(run.epochs.map(val.value), run.epochs.map((r) => r.valLoss));
  assert.equal(val.fillToPrevious, true);
  assert.notEqual(train.colour, val.colour);
});

test('per-layer charts have one line per layer; sparsity has |w| ≤ ε and exact zeros', () => {
  const [run] = fixtureRuns();
  const layers = run.epochs[0].layers.length;
  const sparsity = chart('sparsity').series([run]);
  assert.equal(sparsity.length, 2 * layers);
  const last = run.epochs[run.epochs.length - 1];
  assert.deepEqual(sparsity.map((s) => s.value(last)), [...last.layers.map((d) => d.sparsity), ...last.layers.map((d) => d.exactZeros)]);
  assert.equal(chart('linearFraction').series([run]).length, layers - 1, 'the output layer has no linear regime');
});

test('comparison: labels name each run, colours follow the run, stacks stay per run', () => {
  const runs = fixtureRuns();
  const series = chart('objective').series(runs);
  assert.equal(series.length, 2 * runs.length);
  assert.deepEqual(series.map((s) => s.label.split(':')[0]), ['L1, λ=40, λ/2m', 'L1, λ=40, λ/2m', 'L2, λ=40, λ/2m', 'L2, λ=40, λ/2m', 'no penalty', 'no penalty']);
  assert.deepEqual(series.map((s) => s.colour), [0, 0, 1, 1, 2, 2]);
  assert.deepEqual(series.map((s) => s.stack), runs.flatMap((r) => [r.id, r.id]));
  assert.ok(series.every((s) => !s.area), 'no shaded areas when runs overlap');
  const twice = chart('loss').series([runs[0], { ...runs[0], id: 'again' }]);
  assert.notEqual(twice[0].label, twice[2].label, 'two runs with the same penalty are told apart');
});

test('markers: best epoch, early stop at the last epoch, overfitting onset; while running, the trainer\'s best and onset so far', () => {
  const [run] = fixtureRuns();
  const stopped = { ...run, summary: { ...run.summary, stopReason: 'earlyStopped' as const, bestEpoch: 4, overfittingOnset: 6 } };
  assert.deepEqual(
    markers([stopped]).map((m) => [m.label, m.epoch]),
    [['best', 4], ['early stop', run.epochs.length], ['overfitting onset', 6]],
  );
  // Every epoch in, still live: the same marks the trainer put in the summary at the end.
  const live = markers([{ ...run, summary: null }]).map((m) => [m.label, m.epoch]);
  assert.deepEqual(live, [['best', run.summary.bestEpoch], ...(run.summary.overfittingOnset === null ? [] : [['overfitting onset', run.summary.overfittingOnset]])]);
});

test('layers are known from the spec before the first epoch arrives', () => {
  const [run] = fixtureRuns();
  assert.equal(layerCount({ ...run, epochs: [] }), run.spec.model.hidden.length + 1);
  assert.equal(chart('frobenius').series([{ ...run, epochs: [] }]).length, run.epochs[0].layers.length);
});

test('histograms: first, middle and last recorded epochs, with bin centres and counts', () => {
  assert.deepEqual(chosenEpochs([]), []);
  assert.deepEqual(chosenEpochs(['a']), ['a']);
  assert.deepEqual(chosenEpochs(['a', 'b']), ['a', 'b']);
  assert.deepEqual(chosenEpochs(['a', 'b', 'c', 'd', 'e']), ['a', 'c', 'e']);
  const [run] = fixtureRuns();
  const recorded = run.epochs.filter((r) => r.histograms);
  const [first] = histogramCharts([run]);
  assert.deepEqual(first.lines.map((l) => l.label), chosenEpochs(recorded).map((r) => `epoch ${r.epoch}`));
  const h = recorded[0].histograms?.find((x) => x.layer === 0);
  assert.ok(h);
  assert.deepEqual(first.lines[0].points[2], { x: (h.edges[2] + h.edges[3]) / 2, y: h.counts[2] });
  assert.deepEqual(histogramCharts([{ ...run, epochs: [] }])[0].lines, []);
});
