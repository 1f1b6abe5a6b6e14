/** The Gram matrix of a weight matrix on its smaller side, whose eigenvalues are the squared singular values. */

/** For W (rows × cols, row-major): WᵀW if cols ≤ rows, else WWᵀ; n × n in float64, lower triangle filled. */
export function smallGram(w: ArrayLike<number>, rows: number, cols: number): { gram: Float64Array; n: number } {
  if (cols <= rows) {
    const n = cols;
    const gram = new Float64Array(n * n);
    for (let r = 0; r < rows; r++) {
      const base = r * cols;
      for (let i = 0; i < n; i++) {
        const wi = w[base + i];
        if (wi === 0) continue;
        const out = i * n;
        for (let j = 0; j <= i; j++) gram[out + j] += wi * w[base + j];
      }
    }
    return { gram, n };
  }
  const n = rows;
  const gram = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < cols; k++) s += w[i * cols + k] * w[j * cols + k];
      gram[i * n + j] = s;
    }
  }
  return { gram, n };
}
