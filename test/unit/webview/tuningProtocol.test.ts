import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFromWebview, parseToWebview } from '../../../src/protocol/webview';
import { fixtureTunings } from './fixture';

function rejects(parsed: { ok: boolean; error?: string }, fragment: string): void {
  assert.equal(parsed.ok, false);
  assert.ok(parsed.error?.includes(fragment), `"${parsed.error}" should mention "${fragment}"`);
}

test('saved tunings pass as tuning messages, also with a diverged λ stored as null', () => {
  for (const record of fixtureTunings()) assert.equal(parseToWebview({ type: 'tuning', record }).ok, true, record.experiment);
  const [lasso] = fixtureTunings();
  // JSON.stringify writes NaN as null: a tuning whose λ diverged comes back from the store like this.
  (lasso.result.curve[0].valLoss as unknown as Record<string, unknown>).mean = null;
  (lasso.result.curve[0] as unknown as Record<string, unknown>).frobenius = null;
  assert.equal(parseToWebview({ type: 'tuning', record: lasso }).ok, true);
});

test('a malformed tuning is refused with the place that is wrong', () => {
  const [lasso, halving] = fixtureTunings();
  (lasso.result.curve[3].valLoss as unknown as Record<string, unknown>).se = 'big';
  rejects(parseToWebview({ type: 'tuning', record: lasso }), 'message.record.result.curve[3].valLoss.se: expected a number, got "big"');
  (halving.result as unknown as Record<string, unknown>).strategy = 'random';
  rejects(parseToWebview({ type: 'tuning', record: halving }), 'message.record.result.strategy');
  const [short] = fixtureTunings();
  short.result.path?.points[4].weight.splice(0, 2);
  rejects(parseToWebview({ type: 'tuning', record: short }), 'message.record.result.path.points[4].weight: expected 12 weights (3 outputs × 4 features), got 10');
  rejects(parseToWebview({ type: 'tuning' }), 'message.record: expected an object');
});

test('applyLambda needs an experiment, a finite λ ≥ 0 and the rule that chose it', () => {
  for (const message of [
    { type: 'applyLambda', experiment: 'iris-lasso', lambda: 1.49, rule: '1se' },
    { type: 'applyLambda', experiment: 'iris-lasso', lambda: 0, rule: 'min' },
  ]) {
    assert.deepEqual(parseFromWebview(message), { ok: true, message });
  }
  rejects(parseFromWebview({ type: 'applyLambda', experiment: 'x', lambda: -1, rule: 'min' }), 'message.lambda: expected a finite number ≥ 0, got -1');
  rejects(parseFromWebview({ type: 'applyLambda', experiment: 'x', lambda: Infinity, rule: 'min' }), 'message.lambda');
  rejects(parseFromWebview({ type: 'applyLambda', experiment: 'x', lambda: '1', rule: 'min' }), 'message.lambda');
  rejects(parseFromWebview({ type: 'applyLambda', experiment: 'x', lambda: 1, rule: 'max' }), 'message.rule');
  rejects(parseFromWebview({ type: 'applyLambda', experiment: '', lambda: 1, rule: 'min' }), 'message.experiment');
});
