import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lambdaAxis } from '../../../src/webview/lambdaAxis';

test('positive λ sit at themselves between whole decades', () => {
  const axis = lambdaAxis([30, 1.49, 0.2, 0.01]);
  assert.equal(axis.zeroAt, null);
  assert.equal(axis.breakAt, null);
  assert.deepEqual(axis.ticks, [0.01, 0.1, 1, 10, 100]);
  assert.ok(axis.min < 0.01 && axis.min > 0.001 && axis.max > 100 && axis.max < 1000);
  for (const l of [30, 1.49, 0.2, 0.01]) assert.equal(axis.toX(l), l);
  assert.equal(axis.tickLabel(0.01), '0.01');
});

test('λ = 0 gets a place left of the smallest λ, past the break, labelled 0', () => {
  const axis = lambdaAxis([1000, 0.1, 0]);
  assert.ok(axis.zeroAt !== null && axis.breakAt !== null);
  assert.ok(axis.min < axis.zeroAt && axis.zeroAt < axis.breakAt && axis.breakAt < 0.1, 'min < λ=0 < break < the log scale');
  assert.equal(axis.toX(0), axis.zeroAt);
  assert.equal(axis.tickLabel(axis.zeroAt), '0');
  assert.deepEqual(axis.ticks, [axis.zeroAt, 0.1, 1, 10, 100, 1000]);
});

test('a grid of only λ = 0, or within one decade, still has a usable axis', () => {
  const zero = lambdaAxis([0]);
  assert.ok(zero.zeroAt !== null && zero.zeroAt > 0 && zero.min < zero.zeroAt && zero.max > 1);
  assert.deepEqual(lambdaAxis([2, 3]).ticks, [1, 10]);
});
