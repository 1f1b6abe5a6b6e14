// Issue 16 items 9 and 11: a run's line reads as one sentence, a batch is told once, Stop confirms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { batchMessage, outcomeLine, stopMessage } from '../../../src/extension/features/train/messages';
import type { RunRecord } from '../../../src/protocol/records';
import { fixtureRuns } from '../webview/fixture';

function withSummary(run: RunRecord, stopReason: RunRecord['summary']['stopReason'], message: string): RunRecord {
  return { ...run, summary: { ...run.summary, stopReason, message } };
}

test('a finished run is one sentence: the trainer’s message without its period, then the numbers, with the penalty naming the run', () => {
  const [run] = fixtureRuns();
  const line = outcomeLine('digits-l2', { kind: 'done', record: withSummary(run!, 'completed', 'Completed 40 epochs.') });
  assert.ok(!line.includes('.:') && !line.includes('.;'), line);
  assert.match(line, /^digits-l2 \(.+\): Completed 40 epochs; val loss \S+, train loss \S+ \(run .+\)$/);
  const failed = outcomeLine('x', { kind: 'error', message: 'The loss diverged.  ', record: null });
  assert.equal(failed, 'x: failed: The loss diverged');
});

test('runs of one experiment with different penalties get different lines', () => {
  const runs = fixtureRuns();
  const lines = runs.map((record) => outcomeLine('digits', { kind: 'done', record }));
  assert.equal(new Set(lines.map((l) => l.split(':')[0])).size, new Set(runs.map((r) => JSON.stringify(r.spec.regularization))).size);
});

test('Train All tells its batch once: trained, failed, stopped and skipped experiments by name', () => {
  const [run] = fixtureRuns();
  const text = batchMessage(
    [
      { name: 'a', outcome: { kind: 'done', record: withSummary(run!, 'completed', 'Completed.') } },
      { name: 'b', outcome: { kind: 'done', record: withSummary(run!, 'diverged', 'Diverged.') } },
      { name: 'c', outcome: { kind: 'done', record: withSummary(run!, 'cancelled', 'Stopped.') } },
      { name: 'd', outcome: { kind: 'error', message: 'no data', record: null } },
    ],
    [{ name: 'e', reason: 'reglens.json:3:5: bad' }],
  );
  assert.equal(text, 'RegLens: trained 1 of 5 experiments; failed: b, d; stopped: c; not trained (config problem): e. Each run\'s result is in the RegLens output.');
});

test('Stop confirms how many jobs it stopped, or that nothing was training', () => {
  assert.equal(stopMessage(0), 'RegLens: nothing is training.');
  assert.match(stopMessage(1), /stopping the job; the epochs done so far are kept/);
  assert.match(stopMessage(3), /stopping 3 jobs/);
});
