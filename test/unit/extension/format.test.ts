import { test } from 'node:test';
import assert from 'node:assert/strict';
import { num, overallSparsity, percent } from '../../../src/extension/format';
import type { LayerDiagnostics } from '../../../src/core';

function layer(inputs: number, outputs: number, sparsity: number): LayerDiagnostics {
  return { layer: 0, inputs, outputs, sparsity, frobenius: 1, l1: 1, maxAbs: 1, exactZeros: 0, deadUnits: 0, linearFraction: null, spectralNorm: 1, stableRank: 1 };
}

test('overall sparsity weighs each layer by its number of weights', () => {
  // 64·32 = 2048 weights half zero, 32·10 = 320 weights all zero: (1024 + 320) / 2368.
  assert.equal(overallSparsity([layer(64, 32, 0.5), layer(32, 10, 1)]), 1344 / 2368);
  assert.equal(overallSparsity([]), 0);
});

test('numbers keep three significant digits and show missing values as a dash', () => {
  assert.equal(num(0.123456), '0.123');
  assert.equal(num(0.5), '0.5');
  assert.equal(num(12345.6), '12300');
  assert.equal(num(1234567.8), '1.23e6');
  assert.equal(num(0.0001234), '1.23e-4');
  assert.equal(num(null), '–');
  assert.equal(num(Number.NaN), 'NaN', 'a diverged loss says so');
  assert.equal(percent(0.123), '12%');
  assert.equal(percent(0.004), '0.4%');
});
