import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Throttle } from '../../../src/webview/throttle';
import { appendEpochs } from '../../../src/webview/runModel';
import { withAlpha } from '../../../src/webview/theme';
import { fixtureRuns } from './fixture';

/** A clock whose timers run only when told to advance. */
function fakeClock() {
  let now = 0;
  let timers: { at: number; run: () => void }[] = [];
  return {
    now: () => now,
    setTimeout: (run: () => void, ms: number) => void timers.push({ at: now + ms, run }),
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.run();
      }
      now = end;
    },
  };
}

test('a flood of requests flushes at most ten times a second, and the last one always lands', () => {
  const clock = fakeClock();
  const flushes: number[] = [];
  const throttle = new Throttle(() => flushes.push(clock.now()), 100, clock);
  for (let ms = 0; ms < 1000; ms++) {
    throttle.request();
    clock.advance(1);
  }
  assert.ok(flushes.length >= 9, `${flushes.length} flushes`);
  assert.ok(flushes.every((t, i) => i === 0 || t - flushes[i - 1] >= 100), `flushed at ${flushes.join(', ')}`);
  const before = flushes.length;
  throttle.request();
  clock.advance(100);
  assert.equal(flushes.length, before + 1);
});

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
