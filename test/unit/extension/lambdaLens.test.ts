import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setLambda } from '../../../src/config/edit';
import { completeSpec } from '../../../src/core';
import { appliedLambda, lambdaOffers, minimalEdit, tunesSamePenalty } from '../../../src/extension/features/config/lambdaLens';

const config = `// my experiments
{
  "experiments": [
    {
      "name": "a",
      "regularization": { "penalty": "l2", "lambda": 0.01 } // chosen by hand
    },
    {
      "name": "b",
      "regularization": {
        "penalty": "l1",
        /* λ for L1 */ "lambda": 0.5
      }
    }
  ]
}
`;

function applied(before: string, edit: NonNullable<ReturnType<typeof minimalEdit>>): string {
  return before.slice(0, edit.offset) + edit.text + before.slice(edit.offset + edit.length);
}

test('the edit that applies λ replaces only the number, comments and layout untouched', () => {
  const after = setLambda(config, 'b', 0.00316);
  const edit = minimalEdit(config, after);
  assert.ok(edit);
  assert.equal(applied(config, edit), after);
  assert.equal(config.slice(edit.offset, edit.offset + edit.length), '5');
  assert.equal(edit.text, '00316');
  assert.ok(after.includes('/* λ for L1 */ "lambda": 0.00316'));
  assert.ok(after.includes('"lambda": 0.01 } // chosen by hand'));
  assert.equal(minimalEdit(config, config), null);
});

test('minimal edits reproduce any change, at the ends too', () => {
  for (const [before, after] of [
    ['abc', 'xbc'],
    ['abc', 'abx'],
    ['aaa', 'aaaa'],
    ['abab', 'ab'],
    ['', 'new'],
    ['old', ''],
  ]) {
    const edit = minimalEdit(before, after)!;
    assert.equal(applied(before, edit), after, `${before} → ${after}`);
    assert.ok(edit.length <= before.length && edit.text.length <= after.length);
  }
});

test('λ is applied with three significant digits', () => {
  assert.equal(appliedLambda(0.0031622776601683794), 0.00316);
  assert.equal(appliedLambda(10), 10);
  assert.equal(appliedLambda(1.7782794100389228e-5), 0.0000178);
  assert.equal(appliedLambda(0), 0);
});

test('the lens offers λ_1se then λ_min, and marks the one the config already has', () => {
  const result = { lambda1se: { lambda: 0.031622776601683794, mean: 0.3, se: 0.02 }, lambdaMin: { lambda: 0.001, mean: 0.29, se: 0.02 } };
  assert.deepEqual(lambdaOffers(0.01, result), [
    { title: 'Apply λ_1se = 0.0316', lambda: 0.0316, current: false },
    { title: 'Apply λ_min = 0.001', lambda: 0.001, current: false },
  ]);
  assert.deepEqual(
    lambdaOffers(0.0316, result).map((o) => o.title),
    ['λ_1se = 0.0316 (current)', 'Apply λ_min = 0.001'],
  );
  assert.deepEqual(lambdaOffers(0.01, { lambda1se: null, lambdaMin: null }), []);
});

test('a tuning answers only for the same penalty, scale and elastic-net mix', () => {
  const l2 = completeSpec({ regularization: { penalty: 'l2', lambda: 0.1 } }).regularization;
  assert.ok(tunesSamePenalty(l2, { ...l2, lambda: 3 }));
  assert.ok(!tunesSamePenalty(l2, { ...l2, penalty: 'l1' }));
  assert.ok(!tunesSamePenalty(l2, { ...l2, scale: 'sum' }));
  const net = { ...l2, penalty: 'elasticNet' as const, l1Ratio: 0.5 };
  assert.ok(tunesSamePenalty(net, { ...net, lambda: 1 }));
  assert.ok(!tunesSamePenalty(net, { ...net, l1Ratio: 0.2 }));
  // The mix means nothing without elastic net.
  assert.ok(tunesSamePenalty({ ...l2, l1Ratio: 0.9 }, l2));
});
