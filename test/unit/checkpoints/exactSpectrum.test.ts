/** The WebAssembly exact spectrum against numpy's eigenvalues (make_spectra.py) and the plain TypeScript path. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { denseMatrix, diagnoseMatrix, matrixSpectrum, spectrumBytes, symmetricEigenvalues } from '../../../src/core';
import { wasmExactEigenvalues } from '../../../src/core/spectra/exactSpectrum';
import { smallGram } from '../../../src/core/spectra/gram';
import { repoRoot } from '../paths';
import { close } from './fixtures';

const dir = join(repoRoot, 'test', 'fixtures', 'spectra');
const expected: Record<string, { shape: [number, number]; eigenvalues: number[]; svdvals: number[]; powerLaw: { alpha: number; xmin: number } }> =
  JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));

function fixtureMatrix(name: string): Float32Array {
  const bytes = readFileSync(join(dir, `${name}.f32`));
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

for (const [name, want] of Object.entries(expected)) {
  test(`the exact spectrum of the ${name} ${want.shape.join(' × ')} matrix is numpy's, and α the reference fit's`, () => {
    const [rows, cols] = want.shape;
    const matrix = denseMatrix(fixtureMatrix(name), rows, cols);
    const got = wasmExactEigenvalues(matrix);
    assert.ok(got !== null, 'the SIMD kernels run under Node');
    assert.equal(got.length, Math.min(rows, cols));
    const top = want.eigenvalues[0];
    want.eigenvalues.forEach((w, i) => close(got[i], w, 0, 1e-12 * top * rows, `λ${i}`));
    const d = diagnoseMatrix(matrix, 1e-3);
    assert.equal(d.spectrum.method, 'exact');
    close(d.spectralNorm, want.svdvals[0], 1e-12, 0, '‖W‖₂');
    close(d.powerLaw?.alpha, want.powerLaw.alpha, 0, 0.01, 'α');
    close(d.powerLaw?.xmin, want.powerLaw.xmin, 1e-9, 0, 'x_min');
  });
}

test('the WebAssembly path gives the plain path\'s eigenvalues for any shape, tall or wide, padded or not', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 23 }), fc.integer({ min: 1, max: 23 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.boolean(), (rows, cols, seed, zeroColumn) => {
      let s = seed;
      const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) - 0.5;
      const w = Float32Array.from({ length: rows * cols }, next);
      if (zeroColumn) for (let r = 0; r < rows; r++) w[r * cols] = 0;
      const matrix = denseMatrix(w, rows, cols);
      const got = wasmExactEigenvalues(matrix)!;
      const { gram, n } = smallGram(matrix);
      const want = symmetricEigenvalues(gram, n);
      assert.equal(got.length, want.length);
      want.forEach((x, i) => close(got[i], x, 0, 1e-12 * Math.max(1, want[0]), `${rows} × ${cols} λ${i}`));
    }),
    { numRuns: 200, seed: 12 },
  );
});

test('a tall matrix past the copied-values limit streams through the exact path (numpy\'s eigenvalues); a wide one goes to Lanczos', () => {
  const options = { exactLimit: 2048, exactValues: 1000, lanczosSteps: 40 };
  for (const [name, want] of Object.entries(expected)) {
    const [rows, cols] = want.shape;
    const spectrum = matrixSpectrum(denseMatrix(fixtureMatrix(name), rows, cols), options);
    assert.equal(spectrum.method, cols <= rows ? 'exact' : 'lanczos', name);
    if (spectrum.method === 'exact') want.eigenvalues.forEach((w, i) => close(spectrum.eigenvalues[i], w, 0, 1e-12 * want.eigenvalues[0] * rows, `${name} λ${i}`));
  }
  // Streaming, a tall matrix's working memory does not grow with its height.
  assert.equal(spectrumBytes(128_256, 2048), spectrumBytes(8192, 2048));
  assert.ok(spectrumBytes(2048, 8192) > 4 * 8192 * 2048, 'a wide one is copied whole');
  assert.ok(spectrumBytes(8192, 2048) < 4 * 8192 * 2048, 'its transpose, tall, is not');
});
