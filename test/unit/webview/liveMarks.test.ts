// Item 4 of issue 15: the best epoch and the overfitting onset of a run still training, by the trainer's rules.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { liveMarks } from '../../../src/protocol/liveMarks';
import type { EpochReport } from '../../../src/protocol/records';
import { fixtureRuns } from './fixture';

const epochs = (val: (number | null)[], train: number[]): EpochReport[] => {
  const [run] = fixtureRuns();
  return val.map((valLoss, i) => ({ ...run.epochs[0], epoch: i + 1, valLoss, trainLoss: train[i], objective: train[i] + 0.5 }));
};

test('the best epoch so far is the first lowest validation loss; the onset needs a 1% rise while training loss falls', () => {
  const [run] = fixtureRuns();
  const rising = epochs([1, 0.8, 0.9, 1.0], [1, 0.7, 0.6, 0.5]);
  assert.deepEqual(liveMarks(rising.slice(0, 2), run.spec), { bestEpoch: 2, overfittingOnset: null }, 'the best is the last epoch: no onset yet');
  assert.deepEqual(liveMarks(rising.slice(0, 3), run.spec), { bestEpoch: 2, overfittingOnset: 2 }, '0.9 > 1.01 × 0.8');
  const flat = epochs([1, 0.8, 0.805], [1, 0.7, 0.6]);
  assert.deepEqual(liveMarks(flat, run.spec), { bestEpoch: 2, overfittingOnset: null }, '0.805 < 1.01 × 0.8');
  const trainRising = epochs([1, 0.8, 0.9], [1, 0.7, 0.75]);
  assert.deepEqual(liveMarks(trainRising, run.spec), { bestEpoch: 2, overfittingOnset: null }, 'training loss rose too: not overfitting');
  assert.deepEqual(liveMarks([], run.spec), { bestEpoch: 0, overfittingOnset: null });
});

test('early stopping\'s minDelta decides what counts as better; without validation rows the objective is watched', () => {
  const [run] = fixtureRuns();
  const spec = { ...run.spec, training: { ...run.spec.training, earlyStopping: { patience: 5, minDelta: 0.25, restoreBest: false } } };
  assert.equal(liveMarks(epochs([1, 0.8, 0.78, 0.7], [1, 0.9, 0.8, 0.7]), spec).bestEpoch, 4, 'only 0.7 is more than 0.25 below 1');
  assert.equal(liveMarks(epochs([null, null, null], [1, 0.6, 0.9]), run.spec).bestEpoch, 2);
});

test('with every epoch of a recorded run, the live marks are the ones its trainer saved', () => {
  for (const run of fixtureRuns()) {
    assert.deepEqual(liveMarks(run.epochs, run.spec), { bestEpoch: run.summary.bestEpoch, overfittingOnset: run.summary.overfittingOnset }, run.id);
  }
});
