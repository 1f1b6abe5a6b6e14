import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StopSwitch } from '../../../src/extension/jobs/stopSwitch';

test('Stop ends the step running when it comes, and only that one', () => {
  const stop = new StopSwitch();
  const cancelled: string[] = [];
  stop.step(() => cancelled.push('load'));
  stop.step(() => cancelled.push('drive'));
  assert.equal(stop.requested, false);
  stop.stop();
  assert.deepEqual(cancelled, ['drive']);
  assert.equal(stop.requested, true);
});

test('a Stop that came between two steps ends the next step as it begins', () => {
  const stop = new StopSwitch();
  const cancelled: string[] = [];
  stop.step(() => cancelled.push('load'));
  stop.stop();
  stop.step(() => cancelled.push('drive'));
  assert.deepEqual(cancelled, ['load', 'drive']);
});
