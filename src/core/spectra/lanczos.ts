/**
 * The largest eigenvalues of WᵀW by the Lanczos method with full reorthogonalization, using only
 * products with W (one pass over W per step), for matrices too large for a dense decomposition.
 */
import { createRng } from '../rng';
import { tridiagonalEigenvalues } from './symmetricEigenvalues';

/**
 * `steps` Lanczos steps on WᵀW (W rows × cols, row-major) from a seeded random start; returns the
 * leading Ritz values that have converged, descending. The largest converge first; a Ritz value
 * counts as converged when it moved less than 1e-4 (relative) over the last tenth of the steps
 * (by interlacing, Ritz values only grow toward the eigenvalues they approximate).
 */
export function lanczosTopEigenvalues(w: ArrayLike<number>, rows: number, cols: number, steps: number): Float64Array {
  const k = Math.min(steps, cols, rows);
  const basis: Float64Array[] = [];
  const alpha = new Float64Array(k);
  const beta = new Float64Array(k);
  const rng = createRng(0, 'lanczos');
  let v = Float64Array.from({ length: cols }, () => rng.normal());
  scale(v, 1 / norm(v));
  const y = new Float64Array(cols);
  let taken = 0;
  for (let step = 0; step < k; step++) {
    basis.push(v);
    gramTimes(w, rows, cols, v, y);
    alpha[step] = dot(y, v);
    // Full reorthogonalization (twice is enough) keeps the Ritz values free of ghost copies.
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) axpy(-dot(y, q), q, y);
    }
    taken = step + 1;
    const b = norm(y);
    if (step + 1 === k || b <= 1e-12 * Math.abs(alpha[step]) || b === 0) break;
    beta[step + 1] = b;
    v = Float64Array.from(y);
    scale(v, 1 / b);
  }
  const now = ritzValues(alpha, beta, taken);
  if (taken === Math.min(cols, rows) || taken < k) return now;
  const before = ritzValues(alpha, beta, taken - Math.max(1, Math.floor(taken / 10)));
  let converged = 0;
  while (converged < before.length && now[converged] - before[converged] <= 1e-4 * now[converged]) converged++;
  return now.slice(0, converged);
}

/** Eigenvalues of the leading `size` × `size` block of the Lanczos tridiagonal matrix, descending. */
function ritzValues(alpha: Float64Array, beta: Float64Array, size: number): Float64Array {
  const d = alpha.slice(0, size);
  const e = beta.slice(0, size);
  tridiagonalEigenvalues(d, e);
  return d.map((x) => Math.max(x, 0)).sort().reverse();
}

/** y ← Wᵀ(W v), one pass over W's rows. */
function gramTimes(w: ArrayLike<number>, rows: number, cols: number, v: Float64Array, y: Float64Array): void {
  y.fill(0);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    let s = 0;
    for (let j = 0; j < cols; j++) s += w[base + j] * v[j];
    if (s === 0) continue;
    for (let j = 0; j < cols; j++) y[j] += s * w[base + j];
  }
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
