import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RateLimiter } from '../../../src/protocol/rateLimit';
import { fakeClock } from './fakeClock';

test('a flood of requests flushes at most ten times a second, and the last one always lands', () => {
  const clock = fakeClock();
  const flushes: number[] = [];
  const limiter = new RateLimiter(() => flushes.push(clock.now()), 100, clock);
  for (let ms = 0; ms < 1000; ms++) {
    limiter.request();
    clock.advance(1);
  }
  assert.ok(flushes.length >= 9, `${flushes.length} flushes`);
  assert.ok(flushes.every((t, i) => i === 0 || t - flushes[i - 1]! >= 100), `flushed at ${flushes.join(', ')}`);
  const before = flushes.length;
  limiter.request();
  clock.advance(100);
  assert.equal(flushes.length, before + 1);
});

// Was "throttle passes the first value at once…", which slept 80 ms on the wall clock and failed under load.
test('the first request goes out without waiting, later ones once per interval with the latest value; cancel drops a pending one', () => {
  const clock = fakeClock();
  const seen: number[] = [];
  let latest = 0;
  const limiter = new RateLimiter(() => seen.push(latest), 50, clock);
  const push = (value: number) => {
    latest = value;
    limiter.request();
  };
  push(1);
  clock.advance(0);
  push(2);
  push(3);
  assert.deepEqual(seen, [1]);
  clock.advance(49);
  assert.deepEqual(seen, [1], 'waits out the interval');
  clock.advance(1);
  assert.deepEqual(seen, [1, 3]);
  push(4);
  limiter.cancel();
  clock.advance(1000);
  assert.deepEqual(seen, [1, 3]);
  assert.equal(clock.pending(), 0);
  push(5);
  limiter.flush();
  assert.deepEqual(seen, [1, 3, 5], 'flush sends a pending request at once');
});
