/**
 * Every eigenvalue of WᵀW (or WWᵀ, the smaller side) in WebAssembly SIMD: the Gram matrix in
 * float64 from a float32 copy of W, its Householder reduction to tridiagonal form (one pass over the
 * trailing triangle per step), then the implicit QL iteration on the tridiagonal matrix. The plain
 * TypeScript path (gram.ts, symmetricEigenvalues.ts) remains for float64 weights and runtimes
 * without WebAssembly SIMD.
 */
import { createWasmKernels, kernelPath } from '../kernels';
import { tridiagonalEigenvalues } from './symmetricEigenvalues';
import type { WeightMatrix } from './weightMatrix';

/** Rows per Gram panel: a panel of about 256 KB (in float64) stays in the core's cache while its tiles are summed. */
function panelRows(width: number): number {
  return Math.max(8, Math.floor((1 << 15) / width));
}

/**
 * The eigenvalues of WᵀW (cols ≤ rows) or WWᵀ, descending, or null where the SIMD kernels do not
 * run. A tall W streams through one panel of rows at a time, so its height costs time, not memory
 * (an embedding of 128,256 rows is exact); a wide W is copied once, transposed, as float32 (its
 * stored values are float32, bfloat16 or half, all exact in float32).
 */
export function wasmExactEigenvalues(w: WeightMatrix): Float64Array | null {
  const path = kernelPath();
  if (path === 'typescript') return null;
  const wide = w.cols > w.rows;
  const [n, length] = wide ? [w.rows, w.cols] : [w.cols, w.rows];
  const width = Math.ceil(n / 4) * 4;
  const panel = panelRows(width);
  const copied = wide ? length : panel;
  const kernels = createWasmKernels(path, [copied * width, 2 * width * width, 2 * width, 2 * width, 10 * width, 2 * panel * width]);
  if (!kernels?.gramPanel || !kernels.tridiagonalize) return null;
  const copy = kernels.allocate(copied * width);
  const doubles = (count: number) => {
    const floats = kernels.allocate(2 * count);
    return new Float64Array(floats.buffer, floats.byteOffset, count);
  };
  const [gram, d, e, scratch, widened] = [doubles(width * width), doubles(width), doubles(width), doubles(5 * width), doubles(panel * width)];
  const row = new Float32Array(w.cols);
  const sumPanel = (from: Float32Array, rows: number) => kernels.gramPanel!(from.subarray(0, rows * width), rows, width, gram, widened);
  if (wide) {
    for (let r = 0; r < w.rows; r++) {
      const values = w.row(r, row);
      for (let c = 0; c < w.cols; c++) copy[c * width + r] = values[c];
    }
    for (let start = 0; start < length; start += panel) sumPanel(copy.subarray(start * width), Math.min(panel, length - start));
  } else {
    for (let start = 0; start < length; start += panel) {
      const rows = Math.min(panel, length - start);
      for (let r = 0; r < rows; r++) copy.set(w.row(start + r, row), r * width);
      sumPanel(copy, rows);
    }
  }
  kernels.tridiagonalize(gram, width, d, e, scratch);
  const diagonal = Float64Array.from(d);
  const offDiagonal = new Float64Array(width);
  offDiagonal.set(e.subarray(0, width - 1), 1);
  tridiagonalEigenvalues(diagonal, offDiagonal);
  // Padding columns add exact zeros, which sort below every eigenvalue that is not negative rounding.
  return diagonal.sort().reverse().slice(0, n);
}
