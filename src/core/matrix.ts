/**
 * The matrix kernels behind forward and backward passes. All matrices are row-major Float32Arrays;
 * only the first rows × cols entries are read or written, so buffers sized for the largest batch
 * serve smaller ones without allocation. A faster backend (WebAssembly SIMD) implements the same
 * interface and hands out its own buffers through `allocate`.
 */
export interface Kernels {
  readonly name: string;
  /** A zeroed buffer the kernels can work on. */
  allocate(length: number): Float32Array;
  /** Takes back every buffer handed out, zeroed, so a new run can use the same memory. */
  reset?(): void;
  /** C[m×n] = A[m×k]·B[n×k]ᵀ + bias[n] (bias broadcast over rows): a dense layer's forward pass. */
  affine(m: number, n: number, k: number, a: Float32Array, b: Float32Array, bias: Float32Array, c: Float32Array): void;
  /** C[m×n] = A[m×k]·B[k×n]: the gradient flowing back to a layer's input. */
  matmul(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array): void;
  /** C[m×n] (+)= A[k×m]ᵀ·B[k×n]: the weight gradient, accumulated when asked. */
  matmulTransposedA(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array, accumulate: boolean): void;
  /** out[cols] (+)= the sum of the rows of m[rows×cols]: a layer's bias gradient. */
  sumRows(rows: number, cols: number, m: Float32Array, out: Float32Array, accumulate: boolean): void;
  // Fused element-wise steps a backend may offer; without them callers run the plain loops.
  /** a = z > 0 ? z : 0, the relu row of activations.ts. */
  relu?(z: Float32Array, a: Float32Array, length: number): void;
  /** grad = z <= 0 ? 0 : grad. */
  reluBackward?(z: Float32Array, grad: Float32Array, length: number): void;
  /**
   * max[j] = the largest entry of column j of m[rows×cols] (NaN skipped), min[j] = the smallest (NaN
   * wins): which relu units fired on some row and on every row, for the layer diagnostics.
   */
  columnExtremes?(rows: number, cols: number, m: Float32Array, max: Float32Array, min: Float32Array): void;
  /** Plain SGD with the L2 gradient folded in: g += l2Twice·w; w -= learningRate·g. Returns Σg². */
  sgdStep?(w: Float32Array, g: Float32Array, learningRate: number, l2Twice: number): number;
  /**
   * The weight gradient and sgdStep fused, row by row: G[m×n] = A[k×m]ᵀ·B[k×n] (as matmulTransposedA,
   * not accumulated), then for each row i of W[m×n] sgdStep(W[i], G[i]), rowSquares[i] = its Σg².
   * Every row's sum on its own: the same partials however the rows are shared between threads.
   */
  gradientStep?(m: number, n: number, k: number, a: Float32Array, b: Float32Array, g: Float32Array, w: Float32Array, learningRate: number, l2Twice: number, rowSquares: Float32Array): void;
  /**
   * σ_max(W) for W[rows×cols] by power iteration on WᵀW in float64, warm-started from v (cols, left
   * normalized), u (rows) scratch; stops after `iterations` or once σ moves by ≤ tolerance relative.
   * Returns 0 when WᵀW·v = 0.
   */
  spectralNorm?(w: Float32Array, rows: number, cols: number, v: Float64Array, u: Float64Array, iterations: number, tolerance: number): number;
  /**
   * y = WᵀW·v for W[rows×cols] (or WWᵀ·v when `wide`) in float64, u scratch (rows, or cols when
   * wide): the Gram operator of the Lanczos spectra. Every array from allocate (float64 ones as views).
   */
  gramTimes?(w: Float32Array, rows: number, cols: number, v: Float64Array, y: Float64Array, u: Float64Array, wide: boolean): void;
  /**
   * Σ over rows of a cross-entropy on logits z[rows×k] and labels y, as losses.ts computes it (float64);
   * grad = scale·∂(Σ loss)/∂z when given.
   */
  crossEntropy?(loss: CrossEntropy, z: Float32Array, y: Float32Array, rows: number, k: number, scale: number, grad: Float32Array | null): number;
  /** Rows whose predicted class (z > 0 for one logit, else the first largest) is their label. */
  correctRows?(z: Float32Array, y: Float32Array, rows: number, k: number): number;
  /**
   * g += Pᵀ·P for a panel P[rows × n] (float32, n a multiple of 4) into g (n × n float64, from
   * allocate as a view): the 4 × 4 tiles on and above the diagonal; scratch holds rows·n float64.
   * The exact spectra's Gram matrix.
   */
  gramPanel?(panel: Float32Array, rows: number, n: number, g: Float64Array, scratch: Float64Array): void;
  /**
   * Householder reduction of the symmetric a (n × n float64, upper triangle read, overwritten) to
   * tridiagonal form: diagonal d (n), off-diagonal e (n − 1); scratch holds 5·n float64.
   */
  tridiagonalize?(a: Float64Array, n: number, d: Float64Array, e: Float64Array, scratch: Float64Array): void;
  /**
   * Norms and sparsity of `count` stored values (bytes in `stored`, padded with zeros to a multiple of
   * 32 bytes), non-finite values counted and left out: out = [Σw², Σ|w|, max|w|, zeros, |w| ≤ ε, non-finite].
   */
  storedStats?(format: StoredFloat, stored: Float32Array, count: number, epsilon: number, out: Float64Array): void;
}

/** The losses the kernels compute (losses.ts has their formulas and the plain loops). */
export type CrossEntropy = 'softmaxCrossEntropy' | 'binaryCrossEntropy';

/** Little-endian float formats a checkpoint stores: float32, bfloat16, IEEE half. */
export type StoredFloat = 'F32' | 'BF16' | 'F16';

/** Plain TypeScript kernels, unrolled by four where the loop order allows. */
export const typescriptKernels: Kernels = {
  name: 'typescript',
  allocate: (length) => new Float32Array(length),

  affine(m, n, k, a, b, bias, c) {
    for (let i = 0; i < m; i++) {
      const aRow = i * k;
      const cRow = i * n;
      let j = 0;
      for (; j + 3 < n; j += 4) {
        const b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let p = 0; p < k; p++) {
          const x = a[aRow + p];
          s0 += x * b[b0 + p];
          s1 += x * b[b1 + p];
          s2 += x * b[b2 + p];
          s3 += x * b[b3 + p];
        }
        c[cRow + j] = s0 + bias[j];
        c[cRow + j + 1] = s1 + bias[j + 1];
        c[cRow + j + 2] = s2 + bias[j + 2];
        c[cRow + j + 3] = s3 + bias[j + 3];
      }
      for (; j < n; j++) {
        const bRow = j * k;
        let s = 0;
        for (let p = 0; p < k; p++) s += a[aRow + p] * b[bRow + p];
        c[cRow + j] = s + bias[j];
      }
    }
  },

  matmul(m, n, k, a, b, c) {
    for (let i = 0; i < m; i++) {
      const cRow = i * n;
      c.fill(0, cRow, cRow + n);
      for (let p = 0; p < k; p++) {
        const x = a[i * k + p];
        if (x === 0) continue;
        const bRow = p * n;
        for (let j = 0; j < n; j++) c[cRow + j] += x * b[bRow + j];
      }
    }
  },

  sumRows(rows, cols, m, out, accumulate) {
    if (!accumulate) out.fill(0, 0, cols);
    for (let i = 0; i < rows; i++) {
      const row = i * cols;
      for (let j = 0; j < cols; j++) out[j] += m[row + j];
    }
  },

  matmulTransposedA(m, n, k, a, b, c, accumulate) {
    if (!accumulate) c.fill(0, 0, m * n);
    for (let p = 0; p < k; p++) {
      const aRow = p * m;
      const bRow = p * n;
      for (let i = 0; i < m; i++) {
        const x = a[aRow + i];
        if (x === 0) continue;
        const cRow = i * n;
        for (let j = 0; j < n; j++) c[cRow + j] += x * b[bRow + j];
      }
    }
  },

  spectralNorm(w, m, n, v, u, iterations, tolerance) {
    let sigma = 0;
    for (let iteration = 0; iteration < iterations; iteration++) {
      for (let i = 0; i < m; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += w[i * n + j] * v[j];
        u[i] = s;
      }
      v.fill(0);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) v[j] += w[i * n + j] * u[i];
      let norm = 0;
      for (let j = 0; j < n; j++) norm += v[j] * v[j];
      norm = Math.sqrt(norm);
      if (norm === 0) return 0;
      for (let j = 0; j < n; j++) v[j] /= norm;
      const previous = sigma;
      sigma = Math.sqrt(norm);
      if (Math.abs(sigma - previous) <= tolerance * sigma) break;
    }
    return sigma;
  },
};
