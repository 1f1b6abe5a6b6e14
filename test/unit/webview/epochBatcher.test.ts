import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EpochReport } from '../../../src/core';
import { EpochBatcher } from '../../../src/extension/features/dashboard/epochBatcher';
import { fakeClock } from '../protocol/fakeClock';
import { fixtureRuns } from './fixture';

test('live epochs go out in batches, per run, in order, at most every interval', () => {
  const clock = fakeClock();
  const sent: [string, number[]][] = [];
  const batcher = new EpochBatcher((runId, epochs: EpochReport[]) => sent.push([runId, epochs.map((e) => e.epoch)]), 100, clock);
  const [run] = fixtureRuns();
  for (const report of run.epochs.slice(0, 6)) batcher.push('a', report);
  batcher.push('b', run.epochs[0]);
  clock.advance(0);
  assert.deepEqual(sent, [['a', [1, 2, 3, 4, 5, 6]], ['b', [1]]]);
  for (const report of run.epochs.slice(6, 9)) {
    batcher.push('a', report);
    clock.advance(10);
  }
  assert.equal(sent.length, 2, 'waits out the interval');
  clock.advance(70);
  assert.deepEqual(sent.at(-1), ['a', [7, 8, 9]]);
  batcher.push('a', run.epochs[9]);
  batcher.flush();
  assert.deepEqual(sent.at(-1), ['a', [10]], 'flush sends at once (before runFinished)');
  batcher.dispose();
});
