import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accumulateStoredWeightStats, accumulateWeightStats, emptyWeightStats, type StoredFloat } from '../../../src/core';
import { createRng } from '../../../src/core/rng';
import { decodeFloats } from '../../../src/io/checkpoints/dtypes';

/** Random stored values with every special case: ±0, subnormals, ±∞, NaN, values at ε. */
function storedBytes(format: StoredFloat, count: number, seed: number): Uint8Array {
  const rng = createRng(seed, 'stored-stats');
  const width = format === 'F32' ? 4 : 2;
  const bytes = new Uint8Array(count * width);
  const view = new DataView(bytes.buffer);
  const float = new Float32Array(1), bits = new Uint32Array(float.buffer);
  const specials = format === 'F16' ? [0x0000, 0x8000, 0x0001, 0x83ff, 0x7c00, 0xfc00, 0x7e00, 0x1400] : null;
  for (let i = 0; i < count; i++) {
    const special = rng.next() < 0.05;
    float[0] = special ? [0, -0, 1e-40, Infinity, -Infinity, NaN, 1e-3][rng.int(7)] : 0.02 * rng.normal();
    if (format === 'F32') view.setUint32(i * 4, bits[0], true);
    else if (format === 'BF16') view.setUint16(i * 2, bits[0] >>> 16, true);
    else view.setUint16(i * 2, special ? specials![rng.int(specials!.length)] : rng.int(0x10000) & 0xbbff, true);
  }
  return bytes;
}

for (const format of ['F32', 'BF16', 'F16'] as const) {
  test(`${format} stats straight from stored bytes equal the stats of the decoded values`, () => {
    // 1 MB slices: sizes across a slice boundary, a partial last group of four, tiny tensors.
    for (const count of [1, 3, 6, 1_000_003 / (format === 'F32' ? 4 : 2) | 0, 700_001]) {
      const bytes = storedBytes(format, count, count);
      const stored = emptyWeightStats(), decoded = emptyWeightStats();
      accumulateStoredWeightStats(stored, format, bytes, 1e-3);
      accumulateWeightStats(decoded, decodeFloats(format, bytes), 1e-3);
      const label = `${format}, ${count} values`;
      for (const key of ['count', 'maxAbs', 'exactZeros', 'belowEpsilon', 'nonFinite'] as const) assert.equal(stored[key], decoded[key], `${label}: ${key}`);
      for (const key of ['sumSquares', 'sumAbs'] as const) assert.ok(Math.abs(stored[key] - decoded[key]) <= 1e-12 * decoded[key], `${label}: ${key} ${stored[key]} vs ${decoded[key]}`);
      assert.ok(decoded.nonFinite > 0 || count < 10, `${label}: the sample has non-finite values`);
    }
  });
}

test('stats of stored bytes from an odd offset (a slice of a larger read)', () => {
  const bytes = storedBytes('BF16', 1001, 5);
  const shifted = new Uint8Array(bytes.length + 1);
  shifted.set(bytes, 1);
  const [a, b] = [emptyWeightStats(), emptyWeightStats()];
  accumulateStoredWeightStats(a, 'BF16', shifted.subarray(1), 1e-3);
  accumulateStoredWeightStats(b, 'BF16', bytes, 1e-3);
  assert.deepEqual(a, b);
});
