/**
 * A weight matrix seen row by row, so the values can stay in their stored form (bfloat16 takes
 * half the memory of float32) and be decoded one row at a time while the spectrum is computed.
 */
export interface WeightMatrix {
  rows: number;
  cols: number;
  /** Row i: either a view of stored float values or `scratch` (length cols) filled with them. */
  row(i: number, scratch: Float32Array): Float32Array | Float64Array;
}

/** A matrix over row-major float values already in memory. */
export function denseMatrix(values: Float32Array | Float64Array, rows: number, cols: number): WeightMatrix {
  return { rows, cols, row: (i) => values.subarray(i * cols, (i + 1) * cols) };
}
