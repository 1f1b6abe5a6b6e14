import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import type { EpochReport } from '../../../src/core/report';
import { EpochBatcher } from '../../../src/extension/views/epochBatcher';
import { fixtureRuns } from './fixture';

test('live epochs go out in batches, per run, in order, at most every interval', () => {
  mock.timers.enable(['setTimeout']);
  try {
    let now = 0;
    const sent: [string, number[]][] = [];
    const batcher = new EpochBatcher((runId, epochs: EpochReport[]) => sent.push([runId, epochs.map((e) => e.epoch)]), 100, () => now);
    const [run] = fixtureRuns();
    for (const report of run.epochs.slice(0, 6)) batcher.push('a', report);
    batcher.push('b', run.epochs[0]);
    mock.timers.tick(0);
    assert.deepEqual(sent, [['a', [1, 2, 3, 4, 5, 6]], ['b', [1]]]);
    for (const report of run.epochs.slice(6, 9)) {
      now += 10;
      batcher.push('a', report);
      mock.timers.tick(10);
    }
    assert.equal(sent.length, 2, 'waits out the interval');
    now = 100;
    mock.timers.tick(80);
    assert.deepEqual(sent.at(-1), ['a', [7, 8, 9]]);
    batcher.push('a', run.epochs[9]);
    batcher.flush();
    assert.deepEqual(sent.at(-1), ['a', [10]], 'flush sends at once (before runFinished)');
    batcher.dispose();
  } finally {
    mock.timers.reset();
  }
});
