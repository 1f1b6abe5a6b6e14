/** The eigenvalue solvers against known spectra, and the power-law fit against the fixture script's reference fit. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng, denseMatrix, diagnoseMatrix, fitPowerLaw, lanczosTopEigenvalues, matrixSpectrum, symmetricEigenvalues } from '../../../src/core';
import { close, expected } from './fixtures';

const matrices = expected['mlp.pt'].concat(expected['cnn.pth'], expected['embedding.bin']).filter((t) => t.eigenvalues !== undefined);

test('the eigenvalues of a symmetric matrix match the ones of a known decomposition', () => {
  const rng = createRng(3, 'test');
  const n = 40;
  // A = Q diag(λ) Qᵀ with Q a product of Householder reflections, so λ are known exactly.
  const lambdas = Array.from({ length: n }, (_, i) => (i - 10) * 0.37 + rng.next());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) a[i * n + i] = lambdas[i];
  for (let r = 0; r < 3; r++) {
    const v = Array.from({ length: n }, () => rng.normal());
    const norm2 = v.reduce((s, x) => s + x * x, 0);
    const h = (x: Float64Array) => {
      // x ← (I − 2vvᵀ/‖v‖²) x (I − 2vvᵀ/‖v‖²), by rows then columns.
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += x[i * n + j] * v[j];
        for (let j = 0; j < n; j++) x[i * n + j] -= (2 * s * v[j]) / norm2;
      }
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += x[i * n + j] * v[i];
        for (let i = 0; i < n; i++) x[i * n + j] -= (2 * s * v[i]) / norm2;
      }
    };
    h(a);
  }
  const got = symmetricEigenvalues(a, n);
  const want = [...lambdas].sort((x, y) => y - x);
  want.forEach((w, i) => close(got[i], w, 0, 1e-10, `λ${i}`));
});

test('the power-law fit agrees with the reference fit to 0.01 in α on every fixture spectrum', () => {
  let fitted = 0;
  for (const t of matrices) {
    const fit = fitPowerLaw(t.eigenvalues!);
    if (t.alpha === null) {
      assert.equal(fit, null);
      continue;
    }
    close(fit?.alpha, t.alpha!, 0, 0.01, `${t.file} ${t.name} α`);
    close(fit?.xmin, t.alphaXmin!, 1e-9, 0, `${t.file} ${t.name} x_min`);
    fitted++;
  }
  assert.ok(fitted >= 6);
});

test('a pure power law is recovered: α of a Pareto sample is near its exponent', () => {
  const rng = createRng(5, 'pareto');
  // Density ∝ x^(−α) for x ≥ 1 is sampled by u^(−1/(α−1)).
  const sample = Array.from({ length: 4000 }, () => (1 - rng.next()) ** (-1 / (3 - 1)));
  const fit = fitPowerLaw(sample)!;
  close(fit.alpha, 3, 0, 0.15, 'α of a Pareto(α = 3) sample');
  assert.ok(fitPowerLaw([0, 1e-6, 2]) === null, 'one eigenvalue above the threshold has no fit');
});

test('Lanczos finds the top eigenvalues of a large matrix that the exact path gives', () => {
  const rng = createRng(9, 'lanczos-test');
  const rows = 300, cols = 200;
  const w = Float32Array.from({ length: rows * cols }, () => rng.normal() * 0.05);
  // A few spikes, as in trained layers.
  for (let i = 0; i < 5; i++) for (let j = 0; j < cols; j++) w[i * cols + j] += (5 - i) * 0.3 * Math.sin(j * (i + 1));
  const matrix = denseMatrix(w, rows, cols);
  const exact = matrixSpectrum(matrix).eigenvalues;
  const ritz = lanczosTopEigenvalues(matrix, { maxSteps: 80 });
  // Every value kept as converged is accurate to 0.1%, the spikes to many digits.
  assert.ok(ritz.length >= 10 && ritz.length < 80, `${ritz.length} converged`);
  ritz.forEach((r, i) => close(r, exact[i], i < 5 ? 1e-8 : 1e-3, 0, `λ${i}`));
  const iterative = matrixSpectrum(matrix, { exactLimit: 100, exactValues: 1 << 26, lanczosSteps: 80 });
  assert.equal(iterative.method, 'lanczos');
  assert.ok(iterative.eigenvalues.length > 0 && iterative.eigenvalues.length <= ritz.length);
  iterative.eigenvalues.forEach((r, i) => close(r, exact[i], 1e-3, 0, `early-stopped λ${i}`));
});

test('on a heavy-tailed matrix, the Lanczos path fits α to exactly the top eigenvalues the exact path has', () => {
  const rng = createRng(11, 'heavy');
  const rows = 900, cols = 600;
  // Entries with a power-law tail (as in trained layers) give a power-law ESD.
  const w = Float32Array.from({ length: rows * cols }, () => rng.normal() * (1 - rng.next()) ** (-1 / 2.5) * 0.01);
  const matrix = denseMatrix(w, rows, cols);
  const exact = diagnoseMatrix(matrix, 1e-3, { exactLimit: 1000, exactValues: 1 << 26, lanczosSteps: 0 });
  const iterative = diagnoseMatrix(matrix, 1e-3, { exactLimit: 100, exactValues: 1 << 26, lanczosSteps: 400 });
  assert.equal(exact.spectrum.method, 'exact');
  assert.equal(iterative.spectrum.method, 'lanczos');
  const k = iterative.spectrum.eigenvalues.length;
  assert.ok(k >= 75 && k < cols, `${k} eigenvalues computed`);
  const truncated = fitPowerLaw(exact.spectrum.eigenvalues.slice(0, k))!;
  close(iterative.powerLaw!.alpha, truncated.alpha, 0, 0.01, 'α of the top eigenvalues');
  close(iterative.spectralNorm, exact.spectralNorm, 1e-9, 0, '‖W‖₂');
});
