import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appendEpochs } from '../../../src/webview/runModel';
import { withAlpha } from '../../../src/webview/theme';
import { fixtureRuns } from './fixture';

test('appending epochs skips ones already shown and unknown runs', () => {
  const [run] = fixtureRuns();
  const runs = [{ ...run, summary: null, epochs: run.epochs.slice(0, 3) }];
  assert.equal(appendEpochs(runs, run.id, run.epochs.slice(1, 5)), true);
  assert.deepEqual(runs[0].epochs.map((e) => e.epoch), [1, 2, 3, 4, 5]);
  assert.equal(appendEpochs(runs, run.id, run.epochs.slice(0, 5)), false);
  assert.equal(appendEpochs(runs, 'other', run.epochs), false);
});

test('theme colours take an opacity whether hex or rgb', () => {
  assert.equal(withAlpha('#3794ff', 0.2), 'rgba(55, 148, 255, 0.2)');
  assert.equal(withAlpha('#fff', 0.5), 'rgba(255, 255, 255, 0.5)');
  assert.equal(withAlpha('rgba(204, 204, 204, 0.5)', 0.2), 'rgba(204, 204, 204, 0.2)');
});
