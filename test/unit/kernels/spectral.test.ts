import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWasmKernels, type WasmBuild } from '../../../src/core/kernels';
import { typescriptKernels } from '../../../src/core/matrix';
import { createRng } from '../../../src/core/rng';
import { enableRelaxedSimd } from '../../../src/io/wasmFeatures';

enableRelaxedSimd();
const builds: WasmBuild[] = ['webassembly-relaxed-simd', 'webassembly-simd'];

/** Float64 views of float32 buffers the kernels handed out, as SpectralTracker makes them. */
const doubles = (floats: Float32Array) => new Float64Array(floats.buffer, floats.byteOffset, floats.length / 2);

for (const build of builds) {
  test(`${build} power iteration equals the TypeScript loop, tails and early stops included`, () => {
    const rng = createRng(11, 'spectral-kernel');
    for (const [rows, cols, iterations] of [[10, 64, 12], [7, 13, 3], [128, 64, 12], [1, 5, 12], [33, 2, 1]]) {
      const kernels = createWasmKernels(build, [rows * cols, 2 * cols, 2 * rows])!;
      const w = kernels.allocate(rows * cols), v = doubles(kernels.allocate(2 * cols)), u = doubles(kernels.allocate(2 * rows));
      w.forEach((_, i) => (w[i] = rng.normal()));
      v.forEach((_, j) => (v[j] = rng.normal()));
      const [v0, u0] = [Float64Array.from(v), new Float64Array(rows)];
      const sigma = kernels.spectralNorm!(w, rows, cols, v, u, iterations, 1e-7);
      const expected = typescriptKernels.spectralNorm!(Float32Array.from(w), rows, cols, v0, u0, iterations, 1e-7);
      const label = `${rows}×${cols}, ${iterations} iterations`;
      assert.ok(Math.abs(sigma - expected) <= 1e-12 * expected, `${label}: σ ${sigma} vs ${expected}`);
      v.forEach((x, j) => assert.ok(Math.abs(x - v0[j]) <= 1e-12, `${label}: v[${j}]`));
    }
  });

  test(`${build} power iteration returns 0 on a zero matrix`, () => {
    const kernels = createWasmKernels(build, [12, 8, 6])!;
    const w = kernels.allocate(12), v = doubles(kernels.allocate(8)), u = doubles(kernels.allocate(6));
    v.fill(1);
    assert.equal(kernels.spectralNorm!(w, 3, 4, v, u, 12, 1e-7), 0);
  });
}

test('σ of a known matrix: diag(3, 1, 0.5) rotated, by the TypeScript loop', () => {
  const c = Math.SQRT1_2;
  const w = Float32Array.from([3 * c, -3 * c, 0, c, c, 0, 0, 0, 0.5]);
  const v = Float64Array.from([1, 0.3, 0.2]);
  const sigma = typescriptKernels.spectralNorm!(w, 3, 3, v, new Float64Array(3), 100, 1e-12);
  assert.ok(Math.abs(sigma - 3) < 1e-6, `${sigma}`);
});

for (const build of builds) {
  test(`${build} Gram operator: WᵀW·v for a tall matrix, WWᵀ·v for a wide one, equal to float64 loops`, () => {
    const rng = createRng(12, 'gram-kernel');
    for (const [rows, cols] of [[9, 6], [6, 9], [33, 33], [5, 130]]) {
      const wide = cols > rows;
      const [size, other] = wide ? [rows, cols] : [cols, rows];
      const kernels = createWasmKernels(build, [rows * cols, 2 * size, 2 * size, 2 * other])!;
      const w = kernels.allocate(rows * cols), v = doubles(kernels.allocate(2 * size)), y = doubles(kernels.allocate(2 * size)), u = doubles(kernels.allocate(2 * other));
      w.forEach((_, i) => (w[i] = rng.normal()));
      v.forEach((_, i) => (v[i] = rng.normal()));
      kernels.gramTimes!(w, rows, cols, v, y, u, wide);
      const at = (r: number, c: number) => w[r * cols + c];
      for (let i = 0; i < size; i++) {
        let expected = 0;
        for (let j = 0; j < size; j++) {
          let gram = 0;
          for (let k = 0; k < other; k++) gram += wide ? at(i, k) * at(j, k) : at(k, i) * at(k, j);
          expected += gram * v[j];
        }
        assert.ok(Math.abs(y[i] - expected) <= 1e-12 * (1 + Math.abs(expected)) * other, `${rows}×${cols}: y[${i}] ${y[i]} vs ${expected}`);
      }
    }
  });
}
