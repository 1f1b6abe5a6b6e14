/**
 * The largest eigenvalues of WᵀW by the Lanczos method with full reorthogonalization, using only
 * products with W (one pass over its rows per step), for matrices too large for a dense decomposition.
 */
import { createWasmKernels, kernelPath } from '../kernels';
import { createRng } from '../rng';
import { tridiagonalEigenvalues } from './symmetricEigenvalues';
import type { WeightMatrix } from './weightMatrix';

export interface LanczosOptions {
  maxSteps: number;
  /** Checked every `check` steps on the converged values: true stops early. */
  enough?: (converged: Float64Array) => boolean;
  check?: number;
}

/**
 * Lanczos on WᵀW (or WWᵀ, whichever is smaller) from a seeded random start; returns the leading
 * Ritz values that have converged, descending. The largest converge first; a Ritz value counts as
 * converged when it moved less than 1e-4 (relative) over the last tenth of the steps (by
 * interlacing, Ritz values only grow toward the eigenvalues they approximate).
 */
export function lanczosTopEigenvalues(w: WeightMatrix, options: LanczosOptions): Float64Array {
  const n = Math.min(w.rows, w.cols);
  const k = Math.min(options.maxSteps, n);
  const apply = gramOperator(w);
  const size = w.cols <= w.rows ? w.cols : w.rows;
  const basis: Float64Array[] = [];
  const alpha = new Float64Array(k);
  const beta = new Float64Array(k);
  const rng = createRng(0, 'lanczos');
  let v = Float64Array.from({ length: size }, () => rng.normal());
  scale(v, 1 / norm(v));
  const y = new Float64Array(size);
  const check = options.check ?? 32;
  for (let step = 0; step < k; step++) {
    basis.push(v);
    apply(v, y);
    alpha[step] = dot(y, v);
    // Full reorthogonalization, twice, keeps the Ritz values free of ghost copies.
    for (let pass = 0; pass < 2; pass++) for (const q of basis) axpy(-dot(y, q), q, y);
    const taken = step + 1;
    const b = norm(y);
    const exhausted = taken === k || b <= 1e-12 * Math.abs(alpha[step]);
    if (exhausted || (options.enough !== undefined && taken % check === 0 && options.enough(converged(alpha, beta, taken, n)))) {
      return converged(alpha, beta, taken, n);
    }
    beta[step + 1] = b;
    v = Float64Array.from(y);
    scale(v, 1 / b);
  }
  return new Float64Array(0);
}

/** The converged leading Ritz values after `taken` steps (all of them once the Krylov space is the whole space). */
function converged(alpha: Float64Array, beta: Float64Array, taken: number, n: number): Float64Array {
  const now = ritzValues(alpha, beta, taken);
  if (taken >= n) return now;
  const before = ritzValues(alpha, beta, taken - Math.max(1, Math.floor(taken / 10)));
  let count = 0;
  while (count < before.length && now[count] - before[count] <= 1e-4 * now[count]) count++;
  return now.slice(0, count);
}

/**
 * y ← WᵀW v (W with cols ≤ rows) or WWᵀ v: in WebAssembly SIMD over a float32 copy of W where it
 * runs and the copy is at most `kernelFloats` (float64 checkpoints keep their precision in the plain
 * loop), else one pass over W's rows either way.
 */
function gramOperator(w: WeightMatrix): (v: Float64Array, y: Float64Array) => void {
  const scratch = new Float32Array(w.cols);
  const simd = w.rows * w.cols <= kernelFloats && !(w.row(0, scratch) instanceof Float64Array) ? kernelGram(w) : null;
  if (simd) return simd;
  if (w.cols <= w.rows) {
    return (v, y) => {
      y.fill(0);
      for (let r = 0; r < w.rows; r++) {
        const row = w.row(r, scratch);
        let s = 0;
        for (let j = 0; j < row.length; j++) s += row[j] * v[j];
        if (s === 0) continue;
        for (let j = 0; j < row.length; j++) y[j] += s * row[j];
      }
    };
  }
  const u = new Float64Array(w.cols);
  return (v, y) => {
    u.fill(0);
    for (let r = 0; r < w.rows; r++) {
      const row = w.row(r, scratch);
      const s = v[r];
      for (let j = 0; j < row.length; j++) u[j] += s * row[j];
    }
    for (let r = 0; r < w.rows; r++) {
      const row = w.row(r, scratch);
      let s = 0;
      for (let j = 0; j < row.length; j++) s += row[j] * u[j];
      y[r] = s;
    }
  };
}

/** The largest matrix (in floats) the Lanczos operator copies into WebAssembly memory: 256 MB. */
export const kernelFloats = 64 * 1024 * 1024;

function kernelGram(w: WeightMatrix): ((v: Float64Array, y: Float64Array) => void) | null {
  const path = kernelPath();
  const { rows, cols } = w;
  const wide = cols > rows;
  const [size, other] = wide ? [rows, cols] : [cols, rows];
  const kernels = path === 'typescript' ? null : createWasmKernels(path, [rows * cols, 2 * size, 2 * size, 2 * other]);
  if (!kernels?.gramTimes) return null;
  const matrix = kernels.allocate(rows * cols);
  const doubles = (length: number) => {
    const floats = kernels.allocate(2 * length);
    return new Float64Array(floats.buffer, floats.byteOffset, length);
  };
  const [vIn, yOut, u] = [doubles(size), doubles(size), doubles(other)];
  const scratch = new Float32Array(cols);
  for (let r = 0; r < rows; r++) matrix.set(w.row(r, scratch), r * cols);
  return (v, y) => {
    vIn.set(v);
    kernels.gramTimes!(matrix, rows, cols, vIn, yOut, u, wide);
    y.set(yOut);
  };
}

function ritzValues(alpha: Float64Array, beta: Float64Array, size: number): Float64Array {
  const d = alpha.slice(0, size);
  const e = beta.slice(0, size);
  tridiagonalEigenvalues(d, e);
  return d.map((x) => Math.max(x, 0)).sort().reverse();
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += a * x[i];
}

function norm(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}

function scale(a: Float64Array, s: number): void {
  for (let i = 0; i < a.length; i++) a[i] *= s;
}
