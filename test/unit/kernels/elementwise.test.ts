import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWasmKernels } from '../../../src/core/kernels';
import { activationFunction } from '../../../src/core/activations';
import { typescriptKernels } from '../../../src/core/matrix';
import { createRng } from '../../../src/core/rng';
import { enableRelaxedSimd } from '../../../src/io/wasmFeatures';

enableRelaxedSimd();

const length = 23; // not a multiple of four: the scalar tails run too

function normals(count: number, seed: number): number[] {
  const rng = createRng(seed, 'elementwise-test');
  return Array.from({ length: count }, () => rng.normal());
}

test('SIMD relu and its backward pass equal the activation table row, NaN and zeros included', () => {
  const kernels = createWasmKernels('webassembly-simd', [length, length, length])!;
  const values = [...normals(length - 3, 1), 0, -0, NaN];
  const z = kernels.allocate(length), a = kernels.allocate(length), grad = kernels.allocate(length);
  z.set(values);
  kernels.relu!(z, a, length);
  const expected = new Float32Array(length);
  const relu = activationFunction('relu', 0);
  relu.forward(Float32Array.from(values), expected, length);
  assert.deepEqual(Array.from(a), Array.from(expected));

  const upstream = normals(length, 2);
  grad.set(upstream);
  kernels.reluBackward!(z, grad, length);
  const expectedGrad = Float32Array.from(upstream);
  relu.backward(Float32Array.from(values), expected, expectedGrad, length);
  assert.deepEqual(Array.from(grad), Array.from(expectedGrad));
});

test('SIMD row sums equal the TypeScript ones, written and accumulated', () => {
  const rows = 5, cols = 11;
  const kernels = createWasmKernels('webassembly-simd', [rows * cols, cols])!;
  const m = kernels.allocate(rows * cols), out = kernels.allocate(cols);
  m.set(normals(rows * cols, 3));
  const expected = new Float32Array(cols);
  for (const accumulate of [false, true]) {
    kernels.sumRows(rows, cols, m, out, accumulate);
    typescriptKernels.sumRows(rows, cols, Float32Array.from(m), expected, accumulate);
    out.forEach((v, j) => assert.ok(Math.abs(v - expected[j]) < 1e-5, `column ${j}: ${v} vs ${expected[j]}`));
  }
});

test('the fused SGD step adds the L2 gradient, returns Σg² and moves w by −lr·g', () => {
  const kernels = createWasmKernels('webassembly-simd', [length, length])!;
  const w = kernels.allocate(length), g = kernels.allocate(length);
  const w0 = normals(length, 4), g0 = normals(length, 5);
  w.set(w0);
  g.set(g0);
  const lr = 0.1, l2Twice = 0.02;
  const squares = kernels.sgdStep!(w, g, lr, l2Twice);
  let expectedSquares = 0;
  w0.forEach((wi, i) => {
    const gi = g0[i] + l2Twice * wi;
    expectedSquares += gi * gi;
    assert.ok(Math.abs(g[i] - gi) < 1e-6, `g[${i}]`);
    assert.ok(Math.abs(w[i] - (wi - lr * gi)) < 1e-6, `w[${i}]`);
  });
  assert.ok(Math.abs(squares - expectedSquares) < 1e-4 * expectedSquares);
});

const bitsOf = (array: Float32Array) => Array.from(new Uint32Array(array.buffer, array.byteOffset, array.length));

for (const build of ['webassembly-relaxed-simd', 'webassembly-simd'] as const) {
  test(`the ${build} gradient step equals the weight gradient, then the SGD step row by row, bit for bit`, () => {
    // 7 columns: each row of W starts off the 16-byte grid and ends in a scalar tail.
    for (const [m, n, k] of [[9, 7, 5], [16, 24, 12], [3, 1, 4]]) {
      const lengths = [k * m, k * n, m * n, m * n, m];
      const fused = createWasmKernels(build, lengths)!, apart = createWasmKernels(build, lengths)!;
      const [a, b, g, w, rowSquares] = lengths.map((len) => fused.allocate(len));
      const [a2, b2, g2, w2] = lengths.map((len) => apart.allocate(len));
      [a, b, g, w].forEach((array, i) => array.set(normals(array.length, 10 + i)));
      [a2, b2, g2, w2].forEach((array, i) => array.set(normals(array.length, 10 + i)));
      const lr = 0.05, l2Twice = 0.002;
      fused.gradientStep!(m, n, k, a, b, g, w, lr, l2Twice, rowSquares);
      apart.matmulTransposedA(m, n, k, a2, b2, g2, false);
      const expectedSquares = Array.from({ length: m }, (_, i) =>
        apart.sgdStep!(w2.subarray(i * n, (i + 1) * n), g2.subarray(i * n, (i + 1) * n), lr, l2Twice));
      const shape = `${m}×${n}, k=${k}`;
      assert.deepEqual(bitsOf(g), bitsOf(g2), `${shape}: G`);
      assert.deepEqual(bitsOf(w), bitsOf(w2), `${shape}: W`);
      assert.deepEqual(Array.from(rowSquares), expectedSquares.map(Math.fround), `${shape}: each row's Σg²`);
      assert.ok(rowSquares.every((v) => v > 0), `${shape}: every row's Σg² was written`);
    }
  });
}

test('SIMD column extremes skip NaN in the max and let it win the min, as the relu activity rule reads them', () => {
  const rows = 6, cols = 11; // not a multiple of four: the scalar columns run too
  const kernels = createWasmKernels('webassembly-simd', [rows * cols, cols, cols])!;
  const m = kernels.allocate(rows * cols), max = kernels.allocate(cols), min = kernels.allocate(cols);
  m.set(normals(rows * cols, 6));
  for (const column of [2, 9]) m[3 * cols + column] = NaN;
  kernels.columnExtremes!(rows, cols, m, max, min);
  for (let j = 0; j < cols; j++) {
    const column = Array.from({ length: rows }, (_, i) => m[i * cols + j]);
    const numbers = column.filter((v) => !Number.isNaN(v));
    assert.equal(max[j], Math.max(...numbers), `max of column ${j}`);
    assert.equal(min[j], numbers.length < rows ? NaN : Math.min(...numbers), `min of column ${j}`);
  }
});
