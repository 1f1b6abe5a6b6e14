import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatLambda, formatNumber, roundLambda } from '../../../src/protocol/numbers';
import { lambdaOffers } from '../../../src/extension/features/config/lambdaLens';
import { penaltyLabel } from '../../../src/protocol/labels';
import { defaultRegularization } from '../../../src/core/spec';

const finite = fc.double({ min: -1e300, max: 1e300, noNaN: true });
const positive = fc.double({ min: 1e-12, max: 1e12, noNaN: true });

test('floating-point noise is gone: the numbers the issue quotes', () => {
  assert.equal(formatNumber(1.0000000000000002), '1');
  assert.equal(formatNumber(3.16227766016838), '3.162');
  assert.equal(formatNumber(0.1 + 0.2), '0.3');
  assert.equal(formatLambda(3.16227766016838), '3.16');
  assert.equal(formatLambda(0.0031622776601683794), '0.00316');
  assert.equal(formatLambda(1.7782794100389228e-5), '1.78e-5');
  assert.equal(formatNumber(2.5e7 + 0.5), '2.5e7');
  assert.equal(formatNumber(1437), '1437', 'whole numbers print exactly');
  assert.equal(formatNumber(null), '–');
  assert.equal(formatNumber(Number.NaN), 'NaN');
  assert.equal(formatNumber(-Infinity), '-Infinity');
});

test('a formatted number parses back to the value rounded to its digits', () => {
  fc.assert(
    fc.property(finite, fc.integer({ min: 1, max: 17 }), (value, digits) => {
      const text = formatNumber(value, digits);
      const expected = Number.isInteger(value) && Math.abs(value) < 1e6 ? value : Number(value.toPrecision(digits));
      assert.ok(Number(text) === expected, `${value} → ${text}`); // === : -0 shows as 0
      assert.match(text, /^-?\d+(\.\d+)?(e-?\d+)?$/, 'plain digits, no "+", no trailing dot');
      assert.ok(!/\.\d*0(e|$)/.test(text), `no trailing zeros in ${text}`);
    }),
    { numRuns: 5000 },
  );
});

test('formatting is idempotent: a shown number shows the same when read back', () => {
  fc.assert(
    fc.property(finite, (value) => {
      const text = formatNumber(value);
      assert.equal(formatNumber(Number(text)), text);
    }),
    { numRuns: 3000 },
  );
});

test('the λ shown is the λ written: formatLambda parses back to roundLambda exactly', () => {
  fc.assert(
    fc.property(fc.oneof(positive, fc.constant(0)), (lambda) => {
      const written = roundLambda(lambda);
      assert.equal(Number(formatLambda(lambda)), written);
      assert.equal(roundLambda(written), written, 'applying twice changes nothing');
      assert.ok(lambda === 0 || Math.abs(written - lambda) <= 0.005 * lambda, 'three significant digits');
    }),
    { numRuns: 5000 },
  );
});

test('the lens, the legend and the page name a tuned λ the same way', () => {
  fc.assert(
    fc.property(positive, (lambda) => {
      const [offer] = lambdaOffers(-1, { lambda1se: { lambda, mean: 1, se: 0.1 }, lambdaMin: null });
      assert.equal(offer!.title, `Apply λ_1se = ${formatLambda(lambda)}`);
      const [current] = lambdaOffers(offer!.lambda, { lambda1se: { lambda, mean: 1, se: 0.1 }, lambdaMin: null });
      assert.ok(current!.current, 'after Apply the lens calls the written λ current');
      const label = penaltyLabel({ ...defaultRegularization, penalty: 'l2', lambda: offer!.lambda, scale: '2m', weightDecay: 0 });
      assert.equal(label, `L2, λ=${formatLambda(lambda)}, λ/2m`);
    }),
    { numRuns: 500 },
  );
});
