/** The Gram matrix of a weight matrix on its smaller side, whose eigenvalues are the squared singular values. */
import type { WeightMatrix } from './weightMatrix';

/** WᵀW if cols ≤ rows, else WWᵀ; n × n in float64, lower triangle filled. */
export function smallGram(w: WeightMatrix): { gram: Float64Array; n: number } {
  const { rows, cols } = w;
  const scratch = new Float32Array(cols);
  if (cols <= rows) {
    const n = cols;
    const gram = new Float64Array(n * n);
    for (let r = 0; r < rows; r++) {
      const row = w.row(r, scratch);
      for (let i = 0; i < n; i++) {
        const wi = row[i];
        if (wi === 0) continue;
        const out = i * n;
        for (let j = 0; j <= i; j++) gram[out + j] += wi * row[j];
      }
    }
    return { gram, n };
  }
  const n = rows;
  const copy = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) copy.set(w.row(r, scratch), r * cols);
  const gram = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < cols; k++) s += copy[i * cols + k] * copy[j * cols + k];
      gram[i * n + j] = s;
    }
  }
  return { gram, n };
}
