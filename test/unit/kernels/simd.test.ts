import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createKernels, createWasmKernels, kernelPath, relaxedSimdSupported, wasmAvailable, type WasmBuild } from '../../../src/core/kernels';
import { createRng } from '../../../src/core/rng';
import { typescriptKernels, type Kernels } from '../../../src/core/matrix';
import { enableRelaxedSimd } from '../../../src/io/wasmFeatures';

const builds: WasmBuild[] = ['webassembly-relaxed-simd', 'webassembly-simd'];
const relaxed = enableRelaxedSimd();

/**
 * C = A·B in float64 with, per entry, Σ|a||b|: a float32 sum of k products is within
 * k·2⁻²⁴·Σ|a||b| of the exact value whatever its order or fusing, so both backends must be too.
 */
function reference(m: number, n: number, k: number, at: (i: number, p: number) => number, bt: (p: number, j: number) => number) {
  const value = new Float64Array(m * n), scale = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      for (let p = 0; p < k; p++) {
        value[i * n + j] += at(i, p) * bt(p, j);
        scale[i * n + j] += Math.abs(at(i, p) * bt(p, j));
      }
    }
  }
  return { value, scale, k };
}

function filled(kernels: Kernels, length: number, seed: number): Float32Array {
  const rng = createRng(seed, 'kernels-test');
  const array = kernels.allocate(length);
  for (let i = 0; i < length; i++) array[i] = rng.normal();
  return array;
}

function assertClose(actual: Float32Array, expected: ReturnType<typeof reference>, what: string, offset: ArrayLike<number> = []): void {
  const { value, scale, k } = expected;
  for (let i = 0; i < value.length; i++) {
    const exact = value[i] + (offset[i] ?? 0);
    const bound = (k + 2) * 2 ** -24 * (scale[i] + Math.abs(offset[i] ?? 0)) + 1e-30;
    assert.ok(Math.abs(actual[i] - exact) <= bound, `${what}[${i}]: ${actual[i]} vs ${exact} (bound ${bound})`);
  }
}

/** Checks every GEMM kernel of `kernels` on one shape against the float64 reference. */
function checkShape(kernels: Kernels, m: number, n: number, k: number, seed: number): void {
  const what = `${kernels.name} m=${m} n=${n} k=${k}`;
  const a = filled(kernels, m * k, seed), w = filled(kernels, n * k, seed + 1), bias = filled(kernels, n, seed + 2);
  const c = kernels.allocate(m * n);
  kernels.affine(m, n, k, a, w, bias, c);
  assertClose(c, reference(m, n, k, (i, p) => a[i * k + p], (p, j) => w[j * k + p]), `${what} affine`, Array.from({ length: m * n }, (_, i) => bias[i % n]));

  const b = filled(kernels, k * n, seed + 3);
  kernels.matmul(m, n, k, a, b, c);
  assertClose(c, reference(m, n, k, (i, p) => a[i * k + p], (p, j) => b[p * n + j]), `${what} matmul`);

  const at = filled(kernels, k * m, seed + 4);
  const before = Float64Array.from(c.subarray(0, m * n));
  const product = reference(m, n, k, (i, p) => at[p * m + i], (p, j) => b[p * n + j]);
  kernels.matmulTransposedA(m, n, k, at, b, c, true);
  assertClose(c, product, `${what} matmulTransposedA accumulated`, before);
  kernels.matmulTransposedA(m, n, k, at, b, c, false);
  assertClose(c, product, `${what} matmulTransposedA`);
}

// The layer shapes of the bench's tasks, then shapes that exercise every leftover row, column and k.
const fixedShapes = [
  [128, 256, 784],
  [128, 10, 128],
  [10, 128, 128],
  [32, 128, 64],
  [7, 10, 13],
  [5, 9, 3],
  [1, 1, 1],
  [13, 17, 30],
];

function randomShapes(count: number): number[][] {
  const rng = createRng(11, 'kernel-shapes');
  return Array.from({ length: count }, () => [1 + rng.int(20), 1 + rng.int(40), 1 + rng.int(70)]);
}

test('both WebAssembly builds run in this Node once relaxed SIMD is enabled, and the fastest is chosen', () => {
  assert.equal(relaxed, true);
  assert.equal(relaxedSimdSupported(), true);
  for (const build of builds) assert.equal(wasmAvailable(build), true, build);
  assert.equal(kernelPath(), 'webassembly-relaxed-simd');
  assert.equal(createKernels([16]).name, 'webassembly-relaxed-simd');
});

test('the relaxed build fuses: a·b + c with one rounding where the plain build rounds twice', () => {
  // −(1 + 2⁻¹¹) + (1 + 2⁻¹²)² = 2⁻²⁴ exactly; rounding the square to float32 first loses it.
  const x = 1 + 2 ** -12;
  const results = builds.map((build) => {
    const kernels = createWasmKernels(build, [8, 16, 32])!;
    const a = kernels.allocate(8), b = kernels.allocate(16), c = kernels.allocate(32);
    for (let i = 0; i < 4; i++) a.set([-(1 + 2 ** -11), x], 2 * i);
    b.fill(1, 0, 8).fill(x, 8, 16);
    kernels.matmul(4, 8, 2, a, b, c);
    return Array.from(new Set(c));
  });
  assert.deepEqual(results, [[2 ** -24], [0]]);
});

for (const kernels of [typescriptKernels, ...builds.map((build) => createWasmKernels(build, Array(8).fill(784 * 256))!)]) {
  test(`${kernels.name} kernels match a float64 reference within float32 rounding, on bench and random shapes`, () => {
    [...fixedShapes, ...randomShapes(40)].forEach(([m, n, k], s) => {
      kernels.reset?.();
      checkShape(kernels, m, n, k, 10 * s);
    });
  });
}

test('arrays from outside the kernels memory still give correct products', () => {
  for (const build of builds) {
    const kernels = createWasmKernels(build, [64])!;
    const a = Float32Array.from([1, 2, 3, 4]), b = Float32Array.from([5, 6, 7, 8]), c = new Float32Array(4);
    kernels.matmul(2, 2, 2, a, b, c);
    assert.deepEqual(Array.from(c), [19, 22, 43, 50]);
  }
});

test('allocating past the reserved memory fails with a clear message', () => {
  const kernels = createWasmKernels('webassembly-simd', [10, 6])!;
  kernels.allocate(10);
  kernels.allocate(6);
  assert.throws(() => kernels.allocate(1), /memory is full/);
});

test('simdBinary.ts matches its AssemblyScript source', () => {
  execFileSync(process.execPath, ['build-kernels.mjs', '--check'], { stdio: 'pipe' });
});
