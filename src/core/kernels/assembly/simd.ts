// @ts-nocheck: AssemblyScript, not TypeScript. build-kernels.mjs compiles it to WebAssembly twice, with
// SIMD and with relaxed SIMD (fused multiply-add), and embeds both in simdBinary.ts; tsc does not know
// its types (f32, usize, v128).
//
// The kernels of ../matrix.ts's Kernels interface on byte offsets into the module's memory.
// Every sum is taken in a fixed order, so results are the same on every run of a given machine.

import { widenHigh, widenLow } from './widen';

export { gramPanel, tridiagonalLast, tridiagonalStep } from './spectra';

/** Where buffers may start: the first byte after the module's own static data. */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * a·b + c. The relaxed-SIMD build emits f32x4.relaxed_madd, which a CPU with FMA runs as one fused
 * instruction (one rounding); the plain SIMD build multiplies, rounds, then adds.
 */
@inline
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** [Σ lanes of v0, Σ v1, Σ v2, Σ v3]: four dot products finished at once. */
function sum4(v0: v128, v1: v128, v2: v128, v3: v128): v128 {
  const s01 = f32x4.add(f32x4.shuffle(v0, v1, 0, 4, 1, 5), f32x4.shuffle(v0, v1, 2, 6, 3, 7));
  const s23 = f32x4.add(f32x4.shuffle(v2, v3, 0, 4, 1, 5), f32x4.shuffle(v2, v3, 2, 6, 3, 7));
  return f32x4.add(f32x4.shuffle(s01, s23, 0, 1, 4, 5), f32x4.shuffle(s01, s23, 2, 3, 6, 7));
}

/** Stores lanes 0..rows−1 of sums + bias down column j of C (rows `ldc` floats apart), from row i: rows past m are padding. */
function storeColumn(c: usize, ldc: i32, i: i32, j: i32, sums: v128, bias: f32, rows: i32): void {
  const v = f32x4.add(sums, f32x4.splat(bias));
  const row = <usize>ldc << 2;
  const at = c + ((<usize>(i * ldc + j)) << 2);
  store<f32>(at, f32x4.extract_lane(v, 0));
  if (rows > 1) store<f32>(at + row, f32x4.extract_lane(v, 1));
  if (rows > 2) store<f32>(at + 2 * row, f32x4.extract_lane(v, 2));
  if (rows > 3) store<f32>(at + 3 * row, f32x4.extract_lane(v, 3));
}

/**
 * C[m×n] = A[m×k]·B[n×k]ᵀ + bias[n]: dot products of rows, four rows of A by two of B at a time.
 * A last block of fewer than four rows (or a last odd column) is padded by repeating the last row
 * (column): computed with the others, never stored, so small batches keep the vector path. C's
 * rows are `ldc` floats apart (n for a whole C; more for a block of its columns, workSharing.ts).
 */
export function affine(m: i32, n: i32, k: i32, a: usize, b: usize, bias: usize, c: usize, ldc: i32): void {
  const k4 = k & ~3;
  const rowA = <usize>k << 2;
  for (let i = 0; i < m; i += 4) {
    const rows = min(4, m - i);
    const a0 = a + <usize>i * rowA;
    const a1 = rows > 1 ? a0 + rowA : a0, a2 = rows > 2 ? a1 + rowA : a1, a3 = rows > 3 ? a2 + rowA : a2;
    for (let j = 0; j < n; j += 2) {
      const b0 = b + <usize>j * rowA, b1 = j + 1 < n ? b0 + rowA : b0;
      let c00 = f32x4.splat(0), c10 = f32x4.splat(0), c20 = f32x4.splat(0), c30 = f32x4.splat(0);
      let c01 = f32x4.splat(0), c11 = f32x4.splat(0), c21 = f32x4.splat(0), c31 = f32x4.splat(0);
      for (let p: usize = 0; p < <usize>k4 << 2; p += 16) {
        const x0 = v128.load(b0 + p), x1 = v128.load(b1 + p);
        let v = v128.load(a0 + p);
        c00 = madd(v, x0, c00);
        c01 = madd(v, x1, c01);
        v = v128.load(a1 + p);
        c10 = madd(v, x0, c10);
        c11 = madd(v, x1, c11);
        v = v128.load(a2 + p);
        c20 = madd(v, x0, c20);
        c21 = madd(v, x1, c21);
        v = v128.load(a3 + p);
        c30 = madd(v, x0, c30);
        c31 = madd(v, x1, c31);
      }
      let s0 = sum4(c00, c10, c20, c30), s1 = sum4(c01, c11, c21, c31);
      for (let p = k4; p < k; p++) {
        const at = <usize>p << 2;
        const column = f32x4.replace_lane(f32x4.replace_lane(f32x4.replace_lane(v128.load32_splat(a0 + at), 1, load<f32>(a1 + at)), 2, load<f32>(a2 + at)), 3, load<f32>(a3 + at));
        s0 = madd(column, v128.load32_splat(b0 + at), s0);
        s1 = madd(column, v128.load32_splat(b1 + at), s1);
      }
      storeColumn(c, ldc, i, j, s0, load<f32>(bias + (<usize>j << 2)), rows);
      if (j + 1 < n) storeColumn(c, ldc, i, j + 1, s1, load<f32>(bias + (<usize>(j + 1) << 2)), rows);
    }
  }
}

/**
 * C[m×n] (+)= A·B[k×n], with A[i][p] at a + 4·(i·rowStride + p·columnStride): row-major A for
 * matmul, transposed A for matmulTransposedA. Four rows of C by eight columns live in registers
 * while p runs, each step a broadcast of A times a row of B. A last block of fewer than four rows
 * repeats its last row, computed and never stored (an output layer's 10 rows run as 4 + 4 + 2
 * vector rows, not 8 vector rows and 2 scalar ones); columns past the last multiple of 8 run one at a
 * time (layer widths are multiples of 8 in practice). Column panels outside, row blocks inside: a
 * panel of B (k rows × 8 columns) stays in L1 while every row block of A passes it, so A is read
 * n/8 times where the other order read B m/4 times: half the traffic (synth's 784→256 weight
 * gradient went from 39 to 44 GFLOP/s). Every entry's sum runs in the same order either way.
 */
export function product(m: i32, n: i32, k: i32, a: usize, rowStride: i32, columnStride: i32, b: usize, c: usize, accumulate: bool): void {
  const rowB = <usize>n << 2;
  const stepA = <usize>columnStride << 2;
  const nextRow = <usize>rowStride << 2;
  const n8 = n & ~7;
  for (let j = 0; j < n8; j += 8) {
    const at = <usize>j << 2;
    for (let i = 0; i < m; i += 4) {
      const rows = min(4, m - i);
      const a0 = a + <usize>i * nextRow;
      const d1 = rows > 1 ? nextRow : 0, d2 = rows > 2 ? d1 + nextRow : d1, d3 = rows > 3 ? d2 + nextRow : d2;
      const c0 = c + <usize>(i * n) * 4;
      const c1 = rows > 1 ? c0 + rowB : c0, c2 = rows > 2 ? c1 + rowB : c1, c3 = rows > 3 ? c2 + rowB : c2;
      let r00 = f32x4.splat(0), r01 = f32x4.splat(0), r10 = f32x4.splat(0), r11 = f32x4.splat(0);
      let r20 = f32x4.splat(0), r21 = f32x4.splat(0), r30 = f32x4.splat(0), r31 = f32x4.splat(0);
      if (accumulate) {
        r00 = v128.load(c0 + at); r01 = v128.load(c0 + at, 16);
        r10 = v128.load(c1 + at); r11 = v128.load(c1 + at, 16);
        r20 = v128.load(c2 + at); r21 = v128.load(c2 + at, 16);
        r30 = v128.load(c3 + at); r31 = v128.load(c3 + at, 16);
      }
      let ap = a0;
      let bp = b + at;
      for (let p = 0; p < k; p++) {
        const x0 = v128.load(bp), x1 = v128.load(bp, 16);
        let s = v128.load32_splat(ap);
        r00 = madd(s, x0, r00);
        r01 = madd(s, x1, r01);
        s = v128.load32_splat(ap + d1);
        r10 = madd(s, x0, r10);
        r11 = madd(s, x1, r11);
        s = v128.load32_splat(ap + d2);
        r20 = madd(s, x0, r20);
        r21 = madd(s, x1, r21);
        s = v128.load32_splat(ap + d3);
        r30 = madd(s, x0, r30);
        r31 = madd(s, x1, r31);
        ap += stepA;
        bp += rowB;
      }
      // Padding rows alias the last real row and hold its very values.
      v128.store(c3 + at, r30); v128.store(c3 + at, r31, 16);
      v128.store(c2 + at, r20); v128.store(c2 + at, r21, 16);
      v128.store(c1 + at, r10); v128.store(c1 + at, r11, 16);
      v128.store(c0 + at, r00); v128.store(c0 + at, r01, 16);
    }
  }
  for (let i = 0; i < m; i++) {
    for (let j = n8; j < n; j++) columnEntry(i, j, n, k, a, nextRow, stepA, b, c, accumulate);
  }
}

/** One entry of product's C, for the rows and columns left over from its register blocks. */
function columnEntry(i: i32, j: i32, n: i32, k: i32, a: usize, nextRow: usize, stepA: usize, b: usize, c: usize, accumulate: bool): void {
  const at = c + (<usize>(i * n + j) << 2);
  let s: f32 = accumulate ? load<f32>(at) : 0;
  let ap = a + <usize>i * nextRow;
  let bp = b + (<usize>j << 2);
  const rowB = <usize>n << 2;
  for (let p = 0; p < k; p++) {
    s += load<f32>(ap) * load<f32>(bp);
    ap += stepA;
    bp += rowB;
  }
  store<f32>(at, s);
}

/** a = z > 0 ? z : 0 (NaN gives 0, as the TypeScript relu does). */
export function relu(z: usize, a: usize, length: i32): void {
  const zero = f32x4.splat(0);
  const end = <usize>length << 2;
  let p: usize = 0;
  for (; p + 16 <= end; p += 16) v128.store(a + p, f32x4.pmax(zero, v128.load(z + p)));
  for (; p < end; p += 4) {
    const v = load<f32>(z + p);
    store<f32>(a + p, v > 0 ? v : 0);
  }
}

/** grad = z <= 0 ? 0 : grad: relu's derivative applied to the gradient flowing back. */
export function reluBackward(z: usize, grad: usize, length: i32): void {
  const zero = f32x4.splat(0);
  const end = <usize>length << 2;
  let p: usize = 0;
  for (; p + 16 <= end; p += 16) v128.store(grad + p, v128.andnot(v128.load(grad + p), f32x4.le(v128.load(z + p), zero)));
  for (; p < end; p += 4) if (load<f32>(z + p) <= 0) store<f32>(grad + p, 0);
}

/** out[cols] (+)= Σ over rows of m[rows×cols]: a layer's bias gradient. */
export function sumRows(rows: i32, cols: i32, m: usize, out: usize, accumulate: bool): void {
  const width = <usize>cols << 2;
  let j: usize = 0;
  for (; j + 16 <= width; j += 16) {
    let s = accumulate ? v128.load(out + j) : f32x4.splat(0);
    for (let i = 0; i < rows; i++) s = f32x4.add(s, v128.load(m + <usize>i * width + j));
    v128.store(out + j, s);
  }
  for (; j < width; j += 4) {
    let s: f32 = accumulate ? load<f32>(out + j) : 0;
    for (let i = 0; i < rows; i++) s += load<f32>(m + <usize>i * width + j);
    store<f32>(out + j, s);
  }
}

/**
 * Plain SGD on one parameter array, fused: g += l2Twice·w (the L2 gradient), then w -= lr·g.
 * Returns Σg² (for the gradient norm), summed in four lanes then across them.
 */
export function sgdStep(w: usize, g: usize, length: i32, learningRate: f32, l2Twice: f32): f32 {
  const rate = f32x4.splat(learningRate), twice = f32x4.splat(l2Twice);
  const end = <usize>length << 2;
  let squares = f32x4.splat(0);
  let p: usize = 0;
  for (; p + 16 <= end; p += 16) {
    const wv = v128.load(w + p);
    const gv = f32x4.add(v128.load(g + p), f32x4.mul(twice, wv));
    v128.store(g + p, gv);
    squares = madd(gv, gv, squares);
    v128.store(w + p, f32x4.sub(wv, f32x4.mul(rate, gv)));
  }
  let total = f32x4.extract_lane(squares, 0) + f32x4.extract_lane(squares, 1) + (f32x4.extract_lane(squares, 2) + f32x4.extract_lane(squares, 3));
  for (; p < end; p += 4) {
    const wv = load<f32>(w + p);
    const gv = load<f32>(g + p) + l2Twice * wv;
    store<f32>(g + p, gv);
    total += gv * gv;
    store<f32>(w + p, wv - learningRate * gv);
  }
  return total;
}

/**
 * A weight gradient and plain SGD on its rows in one call: G[m×n] = product's C (not accumulated),
 * then sgdStep on each row of W[m×n] with its row of G, norms[i] = that row's Σg². Each row is summed
 * on its own, so any cut of the rows (two threads, workSharing.ts) gives the same partials; a thread
 * updates the rows of W it has just written the gradient of, while they are in its cache.
 */
export function productStep(m: i32, n: i32, k: i32, a: usize, rowStride: i32, columnStride: i32, b: usize, c: usize, w: usize, learningRate: f32, l2Twice: f32, norms: usize): void {
  product(m, n, k, a, rowStride, columnStride, b, c, false);
  const row = <usize>n << 2;
  for (let i = 0; i < m; i++) store<f32>(norms + (<usize>i << 2), sgdStep(w + <usize>i * row, c + <usize>i * row, n, learningRate, l2Twice));
}

/**
 * max[j] = the largest entry of column j of m[rows×cols], NaN skipped; min[j] = the smallest, NaN
 * winning: whether a relu unit passed a signal on some row (max > 0) and on every row (min > 0).
 */
export function columnExtremes(rows: i32, cols: i32, m: usize, max: usize, min: usize): void {
  const width = <usize>cols << 2;
  let j: usize = 0;
  for (; j + 16 <= width; j += 16) {
    let high = f32x4.splat(-Infinity), low = f32x4.splat(Infinity);
    for (let i = 0; i < rows; i++) {
      const v = v128.load(m + <usize>i * width + j);
      high = f32x4.pmax(high, v); // high < v ? v : high: a NaN v leaves high
      low = f32x4.min(low, v); // NaN if either is
    }
    v128.store(max + j, high);
    v128.store(min + j, low);
  }
  for (; j < width; j += 4) {
    let high: f32 = -Infinity, low: f32 = Infinity;
    for (let i = 0; i < rows; i++) {
      const v = load<f32>(m + <usize>i * width + j);
      if (v > high) high = v;
      if (low == low && !(v >= low)) low = v;
    }
    store<f32>(max + j, high);
    store<f32>(min + j, low);
  }
}

/** u = W·v for W[m×n] (float32), v (n) and u (m) float64. */
function timesVector(w: usize, m: i32, n: i32, v: usize, u: usize): void {
  const n4 = n & ~3;
  const rowW = <usize>n << 2;
  for (let i = 0; i < m; i++) {
    const row = w + <usize>i * rowW;
    let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
    for (let j = 0; j < n4; j += 4) {
      const x = v128.load(row + (<usize>j << 2));
      const at = v + (<usize>j << 3);
      s0 = f64x2.add(s0, f64x2.mul(widenLow(x), v128.load(at)));
      s1 = f64x2.add(s1, f64x2.mul(widenHigh(x), v128.load(at, 16)));
    }
    const s = f64x2.add(s0, s1);
    let total = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
    for (let j = n4; j < n; j++) total += <f64>load<f32>(row + (<usize>j << 2)) * load<f64>(v + (<usize>j << 3));
    store<f64>(u + (<usize>i << 3), total);
  }
}

/** v = Wᵀ·u for W[m×n] (float32), u (m) and v (n) float64: rows of W added in order, scaled. */
function transposedTimesVector(w: usize, m: i32, n: i32, u: usize, v: usize): void {
  const n4 = n & ~3;
  const rowW = <usize>n << 2;
  memory.fill(v, 0, <usize>n << 3);
  for (let i = 0; i < m; i++) {
    const row = w + <usize>i * rowW;
    const ui = load<f64>(u + (<usize>i << 3));
    const s = f64x2.splat(ui);
    for (let j = 0; j < n4; j += 4) {
      const x = v128.load(row + (<usize>j << 2));
      const at = v + (<usize>j << 3);
      v128.store(at, f64x2.add(v128.load(at), f64x2.mul(widenLow(x), s)));
      v128.store(at, f64x2.add(v128.load(at, 16), f64x2.mul(widenHigh(x), s)), 16);
    }
    for (let j = n4; j < n; j++) {
      const at = v + (<usize>j << 3);
      store<f64>(at, load<f64>(at) + <f64>load<f32>(row + (<usize>j << 2)) * ui);
    }
  }
}

/**
 * y = WᵀW·v for W[m×n] (float32) when `wide` is false, else y = WWᵀ·v: the Gram operator on the
 * smaller side, in float64; u (m when narrow, n when wide) is scratch.
 */
export function gramTimes(w: usize, m: i32, n: i32, v: usize, y: usize, u: usize, wide: bool): void {
  if (wide) {
    transposedTimesVector(w, m, n, v, u);
    timesVector(w, m, n, u, y);
  } else {
    timesVector(w, m, n, v, u);
    transposedTimesVector(w, m, n, u, y);
  }
}

/**
 * σ_max(W) for W[m×n] (float32) by power iteration on WᵀW in float64: u = W·v, v = Wᵀ·u, v /= ‖v‖,
 * σ = √‖v‖ before the division, at most `iterations` times, stopping once σ moves by ≤ tolerance
 * relative. v (n float64) holds the start and is left normalized; u (m float64) is scratch. Returns 0
 * (v left as it was after Wᵀ·u, all zeros) when WᵀW·v = 0.
 */
export function spectralNorm(w: usize, m: i32, n: i32, v: usize, u: usize, iterations: i32, tolerance: f64): f64 {
  const n4 = n & ~3;
  let sigma: f64 = 0;
  for (let iteration = 0; iteration < iterations; iteration++) {
    timesVector(w, m, n, v, u);
    transposedTimesVector(w, m, n, u, v);
    let squares = f64x2.splat(0);
    for (let j = 0; j < n4; j += 2) {
      const x = v128.load(v + (<usize>j << 3));
      squares = f64x2.add(squares, f64x2.mul(x, x));
    }
    let norm = f64x2.extract_lane(squares, 0) + f64x2.extract_lane(squares, 1);
    for (let j = n4; j < n; j++) {
      const x = load<f64>(v + (<usize>j << 3));
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm == 0) return 0;
    const divisor = f64x2.splat(norm);
    for (let j = 0; j < n4; j += 2) v128.store(v + (<usize>j << 3), f64x2.div(v128.load(v + (<usize>j << 3)), divisor));
    for (let j = n4; j < n; j++) store<f64>(v + (<usize>j << 3), load<f64>(v + (<usize>j << 3)) / norm);
    const previous = sigma;
    sigma = Math.sqrt(norm);
    if (Math.abs(sigma - previous) <= tolerance * sigma) break;
  }
  return sigma;
}

/** |x| of four stored values at p, by format: 0 float32, 1 bfloat16, 2 IEEE half; non-finite lanes as they decode. */
@inline
function storedMagnitudes(format: i32, p: usize): v128 {
  if (format == 0) return v128.and(v128.load(p), i32x4.splat(0x7fffffff));
  const bits = v128.and(v128.load16x4_u(p), i32x4.splat(0x7fff));
  if (format == 1) return i32x4.shl(bits, 16);
  // A half's exponent and fraction shifted into a float's, scaled by 2^(127−15): exact for normal and
  // subnormal halves alike. Infinities and NaNs (exponent 31) are caught by storedFinite.
  return f32x4.mul(i32x4.shl(bits, 13), f32x4.splat(5.192296858534828e33));
}

/** All-ones lanes where the four stored values at p are finite. */
@inline
function storedFinite(format: i32, p: usize, magnitudes: v128): v128 {
  if (format == 2) return i32x4.lt_s(v128.and(v128.load16x4_u(p), i32x4.splat(0x7fff)), i32x4.splat(0x7c00));
  return f32x4.lt(magnitudes, f32x4.splat(Infinity));
}

@inline
function laneSum(v: v128): i32 {
  return i32x4.extract_lane(v, 0) + i32x4.extract_lane(v, 1) + i32x4.extract_lane(v, 2) + i32x4.extract_lane(v, 3);
}

/**
 * Norms and sparsity of `count` stored values at p (format as storedMagnitudes), finite values only:
 * out[0..5] = Σw², Σ|w|, max|w|, exact zeros, |w| ≤ ε, non-finite. Sums in float64 lanes; counts in
 * int32 lanes (callers pass at most 2³¹ values). A last partial group of eight is read padded with
 * zeros the caller put there, and its padding taken back out of the zero and ε counts.
 */
export function storedStats(format: i32, p: usize, count: i32, epsilon: f32, out: usize): void {
  const width: usize = format == 0 ? 4 : 2;
  // Two groups of four per step, each into its own accumulators: the float64 adds do not wait on each other.
  let sq0 = f64x2.splat(0), sq1 = f64x2.splat(0), sq2 = f64x2.splat(0), sq3 = f64x2.splat(0);
  let ab0 = f64x2.splat(0), ab1 = f64x2.splat(0), ab2 = f64x2.splat(0), ab3 = f64x2.splat(0);
  let high = f32x4.splat(0);
  let zeros = i32x4.splat(0), small = i32x4.splat(0), finiteCount = i32x4.splat(0);
  const eps = f32x4.splat(epsilon), zero = f32x4.splat(0);
  for (let i = 0; i < count; i += 8) {
    const at = p + <usize>i * width;
    const rawA = storedMagnitudes(format, at), rawB = storedMagnitudes(format, at + 4 * width);
    const finiteA = storedFinite(format, at, rawA), finiteB = storedFinite(format, at + 4 * width, rawB);
    const a = v128.and(rawA, finiteA), b = v128.and(rawB, finiteB);
    high = f32x4.max(high, f32x4.max(a, b));
    zeros = i32x4.sub(zeros, i32x4.add(v128.and(f32x4.eq(a, zero), finiteA), v128.and(f32x4.eq(b, zero), finiteB)));
    small = i32x4.sub(small, i32x4.add(v128.and(f32x4.le(a, eps), finiteA), v128.and(f32x4.le(b, eps), finiteB)));
    finiteCount = i32x4.sub(finiteCount, i32x4.add(finiteA, finiteB));
    const a0 = f64x2.promote_low_f32x4(a), a1 = f64x2.promote_low_f32x4(i32x4.shuffle(a, a, 2, 3, 2, 3));
    const b0 = f64x2.promote_low_f32x4(b), b1 = f64x2.promote_low_f32x4(i32x4.shuffle(b, b, 2, 3, 2, 3));
    sq0 = f64x2.add(sq0, f64x2.mul(a0, a0));
    sq1 = f64x2.add(sq1, f64x2.mul(a1, a1));
    sq2 = f64x2.add(sq2, f64x2.mul(b0, b0));
    sq3 = f64x2.add(sq3, f64x2.mul(b1, b1));
    ab0 = f64x2.add(ab0, a0);
    ab1 = f64x2.add(ab1, a1);
    ab2 = f64x2.add(ab2, b0);
    ab3 = f64x2.add(ab3, b1);
  }
  const padding = (8 - (count & 7)) & 7;
  const sq = f64x2.add(f64x2.add(sq0, sq1), f64x2.add(sq2, sq3)), ab = f64x2.add(f64x2.add(ab0, ab1), f64x2.add(ab2, ab3));
  const finiteTotal = laneSum(finiteCount) - padding;
  store<f64>(out, f64x2.extract_lane(sq, 0) + f64x2.extract_lane(sq, 1));
  store<f64>(out, f64x2.extract_lane(ab, 0) + f64x2.extract_lane(ab, 1), 8);
  store<f64>(out, <f64>max(max(f32x4.extract_lane(high, 0), f32x4.extract_lane(high, 1)), max(f32x4.extract_lane(high, 2), f32x4.extract_lane(high, 3))), 16);
  store<f64>(out, <f64>(laneSum(zeros) - padding), 24);
  store<f64>(out, <f64>(laneSum(small) - (epsilon >= 0 ? padding : 0)), 32);
  store<f64>(out, <f64>(count - finiteTotal), 40);
}

/**
 * Σ over rows of logΣ_c e^{z_c} − z_y (softmax cross-entropy on logits z[rows×k], labels y as float32
 * class indices), in float64 as losses.ts computes it; with `gradient`, grad = scale·(softmax(z) − onehot(y)).
 */
export function softmaxCrossEntropy(z: usize, y: usize, rows: i32, k: i32, scale: f64, grad: usize, gradient: bool): f64 {
  let total: f64 = 0;
  const width = <usize>k << 2;
  for (let i = 0; i < rows; i++) {
    const row = z + <usize>i * width;
    let high: f64 = -Infinity;
    for (let c = 0; c < k; c++) high = max(high, <f64>load<f32>(row + (<usize>c << 2)));
    let sum: f64 = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(<f64>load<f32>(row + (<usize>c << 2)) - high);
    const lse = high + Math.log(sum);
    const label = <i32>load<f32>(y + (<usize>i << 2));
    total += lse - <f64>load<f32>(row + (<usize>label << 2));
    if (!gradient) continue;
    const out = grad + <usize>i * width;
    for (let c = 0; c < k; c++) store<f32>(out + (<usize>c << 2), <f32>(scale * Math.exp(<f64>load<f32>(row + (<usize>c << 2)) - lse)));
    store<f32>(out + (<usize>label << 2), <f32>(<f64>load<f32>(out + (<usize>label << 2)) - scale));
  }
  return total;
}

/** Σ log(1 + e^z) − y·z (binary cross-entropy on logits); with `gradient`, grad = scale·(σ(z) − y). */
export function binaryCrossEntropy(z: usize, y: usize, rows: i32, scale: f64, grad: usize, gradient: bool): f64 {
  let total: f64 = 0;
  for (let i = 0; i < rows; i++) {
    const at = <usize>i << 2;
    const v = <f64>load<f32>(z + at), label = <f64>load<f32>(y + at);
    total += (v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v))) - label * v;
    if (gradient) store<f32>(grad + at, <f32>(scale * (1 / (1 + Math.exp(-v)) - label)));
  }
  return total;
}

/** Rows whose prediction is their label: z > 0 for one logit, else the first largest of k. */
export function correctRows(z: usize, y: usize, rows: i32, k: i32): i32 {
  let hits = 0;
  for (let i = 0; i < rows; i++) {
    const row = z + (<usize>(i * k) << 2);
    let best = 0;
    if (k == 1) best = load<f32>(row) > 0 ? 1 : 0;
    else for (let c = 1; c < k; c++) if (load<f32>(row + (<usize>c << 2)) > load<f32>(row + (<usize>best << 2))) best = c;
    if (<f32>best == load<f32>(y + (<usize>i << 2))) hits++;
  }
  return hits;
}
