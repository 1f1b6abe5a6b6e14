import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createSimdKernels, simdAvailable } from '../../../src/core/kernels';
import { createRng } from '../../../src/core/rng';
import type { Kernels } from '../../../src/core/matrix';

/** A[i][p] as a plain double-precision reference, independent of either backend's loop order. */
function reference(m: number, n: number, k: number, at: (i: number, p: number) => number, bt: (p: number, j: number) => number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) c[i * n + j] += at(i, p) * bt(p, j);
  return c;
}

function filled(kernels: Kernels, length: number, seed: number): Float32Array {
  const rng = createRng(seed, 'kernels-test');
  const array = kernels.allocate(length);
  for (let i = 0; i < length; i++) array[i] = rng.normal();
  return array;
}

function assertClose(actual: Float32Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length >= expected.length, true);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= 1e-4 * (1 + Math.abs(expected[i])), `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

// Shapes that exercise the register blocks and every leftover row, column and k.
const shapes = [
  [32, 128, 64],
  [7, 10, 13],
  [5, 9, 3],
  [1, 1, 1],
  [13, 17, 30],
];

test('WebAssembly SIMD is available in this Node', () => {
  assert.equal(simdAvailable(), true);
});

for (const [m, n, k] of shapes) {
  test(`SIMD kernels match a float64 reference for m=${m} n=${n} k=${k}`, () => {
    const kernels = createSimdKernels(Array(8).fill(Math.max(m, n, k) ** 2))!;
    const a = filled(kernels, m * k, 1), w = filled(kernels, n * k, 2), bias = filled(kernels, n, 3);
    const c = kernels.allocate(m * n);
    kernels.affine(m, n, k, a, w, bias, c);
    assertClose(c, reference(m, n, k, (i, p) => a[i * k + p], (p, j) => w[j * k + p]).map((v, idx) => v + bias[idx % n]), 'affine');

    const b = filled(kernels, k * n, 4);
    kernels.matmul(m, n, k, a, b, c);
    assertClose(c, reference(m, n, k, (i, p) => a[i * k + p], (p, j) => b[p * n + j]), 'matmul');

    const at = filled(kernels, k * m, 5);
    const before = Float64Array.from(c.subarray(0, m * n));
    kernels.matmulTransposedA(m, n, k, at, b, c, true);
    const product = reference(m, n, k, (i, p) => at[p * m + i], (p, j) => b[p * n + j]);
    assertClose(c, product.map((v, idx) => v + before[idx]), 'matmulTransposedA accumulated');
    kernels.matmulTransposedA(m, n, k, at, b, c, false);
    assertClose(c, product, 'matmulTransposedA');
  });
}

test('arrays from outside the kernels memory still give correct products', () => {
  const kernels = createSimdKernels([64])!;
  const a = Float32Array.from([1, 2, 3, 4]), b = Float32Array.from([5, 6, 7, 8]), c = new Float32Array(4);
  kernels.matmul(2, 2, 2, a, b, c);
  assert.deepEqual(Array.from(c), [19, 22, 43, 50]);
});

test('allocating past the reserved memory fails with a clear message', () => {
  const kernels = createSimdKernels([10, 6])!;
  kernels.allocate(10);
  kernels.allocate(6);
  assert.throws(() => kernels.allocate(1), /memory is full/);
});

test('simdBinary.ts matches its AssemblyScript source', () => {
  execFileSync(process.execPath, ['build-kernels.mjs', '--check'], { stdio: 'pipe' });
});
