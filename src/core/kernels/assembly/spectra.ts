// @ts-nocheck: AssemblyScript, not TypeScript (see simd.ts, which re-exports these).
//
// The exact spectrum of a weight matrix: its Gram matrix WᵀW and the Householder reduction of that
// to tridiagonal form, in float64, for ../../spectra/exactSpectrum.ts. Matrices are row-major; a
// symmetric n × n matrix keeps its upper triangle (row i holds columns j ≥ i), so that the column
// below a diagonal entry, which each reduction step reads, is the contiguous row to its right.

import { widenHigh, widenLow } from './widen';

/** a·b + c in float64: fused in the relaxed-SIMD build. */
@inline
function madd64(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, c);
  return f64x2.add(f64x2.mul(a, b), c);
}

/**
 * g += Pᵀ·P for a panel P[rows × n] of float32, n a multiple of 4; g is n × n float64 of which the
 * 4 × 4 tiles on and above the diagonal are updated (the upper triangle and a little below it).
 * The panel is first widened into `wide` (rows × n float64), so that each step of a tile is two
 * loads, four broadcasts from memory and eight multiply-adds; each tile sums the panel's rows in
 * registers, in row order, and is added to g once.
 */
export function gramPanel(p: usize, rows: i32, n: i32, g: usize, wide: usize): void {
  const count = rows * n;
  for (let i = 0; i < count; i += 4) {
    const x = v128.load(p + (<usize>i << 2));
    v128.store(wide + (<usize>i << 3), widenLow(x));
    v128.store(wide + (<usize>i << 3), widenHigh(x), 16);
  }
  const stride = <usize>n << 3;
  for (let i = 0; i < n; i += 4) {
    for (let j = i; j < n; j += 4) {
      let a0l = f64x2.splat(0), a0h = f64x2.splat(0), a1l = f64x2.splat(0), a1h = f64x2.splat(0);
      let a2l = f64x2.splat(0), a2h = f64x2.splat(0), a3l = f64x2.splat(0), a3h = f64x2.splat(0);
      let at = wide;
      const ci = <usize>i << 3, cj = <usize>j << 3;
      for (let r = 0; r < rows; r++) {
        const xl = v128.load(at + cj), xh = v128.load(at + cj, 16);
        const s0 = v128.load64_splat(at + ci), s1 = v128.load64_splat(at + ci, 8);
        const s2 = v128.load64_splat(at + ci, 16), s3 = v128.load64_splat(at + ci, 24);
        a0l = madd64(s0, xl, a0l);
        a0h = madd64(s0, xh, a0h);
        a1l = madd64(s1, xl, a1l);
        a1h = madd64(s1, xh, a1h);
        a2l = madd64(s2, xl, a2l);
        a2h = madd64(s2, xh, a2h);
        a3l = madd64(s3, xl, a3l);
        a3h = madd64(s3, xh, a3h);
        at += stride;
      }
      let out = g + <usize>i * stride + cj;
      v128.store(out, f64x2.add(v128.load(out), a0l));
      v128.store(out, f64x2.add(v128.load(out, 16), a0h), 16);
      out += stride;
      v128.store(out, f64x2.add(v128.load(out), a1l));
      v128.store(out, f64x2.add(v128.load(out, 16), a1h), 16);
      out += stride;
      v128.store(out, f64x2.add(v128.load(out), a2l));
      v128.store(out, f64x2.add(v128.load(out, 16), a2h), 16);
      out += stride;
      v128.store(out, f64x2.add(v128.load(out), a3l));
      v128.store(out, f64x2.add(v128.load(out, 16), a3h), 16);
    }
  }
}

/**
 * Row i of the trailing matrix, from column i on: applies the pending rank-2 update
 * A −= v·wᵀ + w·vᵀ (vp, wp), then, when `next` is set, adds the row's part of p = A·v to p (the
 * symmetric product reads each stored entry once: a dot product for p[i], an axpy for p[j > i]).
 */
@inline
function updateRow(a: usize, n: i32, i: i32, vp: usize, wp: usize, v: usize, p: usize, next: bool): void {
  const row = a + ((<usize>i * <usize>n) << 3);
  const oi = <usize>i << 3;
  const vpi = load<f64>(vp + oi), wpi = load<f64>(wp + oi);
  const diagonal = load<f64>(row + oi) - 2 * vpi * wpi;
  store<f64>(row + oi, diagonal);
  const svp = f64x2.splat(vpi), swp = f64x2.splat(wpi);
  if (!next) {
    let j = i + 1;
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3;
      const x = f64x2.sub(v128.load(row + o), f64x2.add(f64x2.mul(svp, v128.load(wp + o)), f64x2.mul(swp, v128.load(vp + o))));
      v128.store(row + o, x);
    }
    for (; j < n; j++) {
      const o = <usize>j << 3;
      store<f64>(row + o, load<f64>(row + o) - vpi * load<f64>(wp + o) - wpi * load<f64>(vp + o));
    }
    return;
  }
  const vi = load<f64>(v + oi);
  const svi = f64x2.splat(vi);
  let dot = f64x2.splat(0);
  let j = i + 1;
  for (; j + 2 <= n; j += 2) {
    const o = <usize>j << 3;
    const x = f64x2.sub(v128.load(row + o), f64x2.add(f64x2.mul(svp, v128.load(wp + o)), f64x2.mul(swp, v128.load(vp + o))));
    v128.store(row + o, x);
    dot = madd64(x, v128.load(v + o), dot);
    v128.store(p + o, madd64(x, svi, v128.load(p + o)));
  }
  let tail = 0.0;
  for (; j < n; j++) {
    const o = <usize>j << 3;
    const x = load<f64>(row + o) - vpi * load<f64>(wp + o) - wpi * load<f64>(vp + o);
    store<f64>(row + o, x);
    tail += x * load<f64>(v + o);
    store<f64>(p + o, load<f64>(p + o) + x * vi);
  }
  store<f64>(p + oi, load<f64>(p + oi) + diagonal * vi + f64x2.extract_lane(dot, 0) + f64x2.extract_lane(dot, 1) + tail);
}

/**
 * Step k of the Householder reduction of the symmetric n × n matrix a (upper triangle, overwritten)
 * to the tridiagonal matrix with diagonal d (n) and off-diagonal e (n − 1), as LAPACK's dsytd2
 * does, with the previous step's rank-2 update (vp, wp) fused into this step's product A·v: one pass
 * over the trailing triangle. Writes this step's update into (v, w) for the next; p is scratch.
 * The caller runs k = 0 … n − 2 with (vp, wp) zero at first and swapped with (v, w) after each
 * step, then tridiagonalLast: one call per step, so that the engine's optimizing compiler, which
 * replaces a function between calls, takes over after the first few.
 */
export function tridiagonalStep(a: usize, n: i32, k: i32, d: usize, e: usize, vp: usize, wp: usize, v: usize, w: usize, p: usize): void {
  const bytes = <usize>n << 3;
  updateRow(a, n, k, vp, wp, v, p, false);
  const row = a + ((<usize>k * <usize>n) << 3);
  store<f64>(d + (<usize>k << 3), load<f64>(row + (<usize>k << 3)));
  const alpha = load<f64>(row + (<usize>(k + 1) << 3));
  let rest = 0.0;
  for (let j = k + 2; j < n; j++) {
    const x = load<f64>(row + (<usize>j << 3));
    rest += x * x;
  }
  memory.fill(v, 0, bytes);
  memory.fill(p, 0, bytes);
  let tau = 0.0;
  if (rest == 0) {
    store<f64>(e + (<usize>k << 3), alpha);
  } else {
    const norm = Math.sqrt(alpha * alpha + rest);
    const beta = alpha >= 0 ? -norm : norm;
    tau = (beta - alpha) / beta;
    const scale = 1 / (alpha - beta);
    store<f64>(v + (<usize>(k + 1) << 3), 1);
    for (let j = k + 2; j < n; j++) store<f64>(v + (<usize>j << 3), load<f64>(row + (<usize>j << 3)) * scale);
    store<f64>(e + (<usize>k << 3), beta);
  }
  for (let i = k + 1; i < n; i++) updateRow(a, n, i, vp, wp, v, p, tau != 0);
  // w = τ·A·v − (τ²/2)(vᵀA·v)·v, so that the reflection is A − v·wᵀ − w·vᵀ.
  let pv = 0.0;
  for (let j = k + 1; j < n; j++) pv += load<f64>(p + (<usize>j << 3)) * load<f64>(v + (<usize>j << 3));
  const c = -0.5 * tau * tau * pv;
  for (let j = 0; j < n; j++) {
    const o = <usize>j << 3;
    store<f64>(w + o, tau * load<f64>(p + o) + c * load<f64>(v + o));
  }
}

/** The last diagonal entry, once the last step's update (vp, wp) is applied to it. */
export function tridiagonalLast(a: usize, n: i32, d: usize, vp: usize, wp: usize, v: usize, p: usize): void {
  updateRow(a, n, n - 1, vp, wp, v, p, false);
  const last = <usize>(n - 1);
  store<f64>(d + (last << 3), load<f64>(a + ((last * <usize>n + last) << 3)));
}
