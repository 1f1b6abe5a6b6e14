/** Element types by their safetensors names, and exact decoding of the floating-point ones. */
import { denseMatrix, type WeightMatrix } from '../../core';

/** Bytes per element of every safetensors dtype. */
export const dtypeSizes: Readonly<Record<string, number>> = {
  F64: 8, F32: 4, F16: 2, BF16: 2, F8_E4M3: 1, F8_E5M2: 1,
  I64: 8, I32: 4, I16: 2, I8: 1, U64: 8, U32: 4, U16: 2, U8: 1, BOOL: 1,
};

/** The dtypes RegLens analyses; the rest are listed with their shape only. */
export type FloatDtype = 'F64' | 'F32' | 'F16' | 'BF16';

export function isFloatDtype(dtype: string): dtype is FloatDtype {
  return dtype === 'F64' || dtype === 'F32' || dtype === 'F16' || dtype === 'BF16';
}

let halfTable: Float32Array | null = null;

/** Every IEEE half as a float: the decoding is a lookup, exact by construction. */
function halves(): Float32Array {
  if (halfTable !== null) return halfTable;
  halfTable = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    halfTable[h] =
      exponent === 0 ? sign * fraction * 2 ** -24
      : exponent === 31 ? (fraction === 0 ? sign * Infinity : NaN)
      : sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
  }
  return halfTable;
}

/** Little-endian bytes of `dtype` as numbers: F64 stays float64, the others become float32 exactly. */
export function decodeFloats(dtype: FloatDtype, bytes: Uint8Array): Float32Array | Float64Array {
  // Typed arrays need aligned offsets; a copy costs far less than the read that produced the bytes.
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const { buffer, byteOffset, byteLength } = aligned;
  switch (dtype) {
    case 'F64':
      return new Float64Array(buffer.slice(byteOffset, byteOffset + byteLength));
    case 'F32':
      return new Float32Array(buffer, byteOffset, byteLength / 4);
    case 'BF16': {
      const source = new Uint16Array(buffer, byteOffset, byteLength / 2);
      const bits = new Uint32Array(source.length);
      for (let i = 0; i < source.length; i++) bits[i] = source[i] << 16;
      return new Float32Array(bits.buffer);
    }
    case 'F16': {
      const source = new Uint16Array(buffer, byteOffset, byteLength / 2);
      const table = halves();
      const out = new Float32Array(source.length);
      for (let i = 0; i < source.length; i++) out[i] = table[source[i]];
      return out;
    }
  }
}

/**
 * A rows × cols matrix over stored bytes: 16-bit floats stay 16-bit (half the memory of float32)
 * and are decoded a row at a time when read.
 */
export function storedMatrix(dtype: FloatDtype, bytes: Uint8Array, rows: number, cols: number): WeightMatrix {
  if (dtype === 'F32' || dtype === 'F64') return denseMatrix(decodeFloats(dtype, bytes), rows, cols);
  const aligned = bytes.byteOffset % 2 === 0 ? bytes : bytes.slice();
  const halves16 = new Uint16Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 2);
  if (dtype === 'BF16') {
    return {
      rows,
      cols,
      row(i, scratch) {
        const bits = new Uint32Array(scratch.buffer, scratch.byteOffset, cols);
        const base = i * cols;
        for (let j = 0; j < cols; j++) bits[j] = halves16[base + j] << 16;
        return scratch;
      },
    };
  }
  const table = halves();
  return {
    rows,
    cols,
    row(i, scratch) {
      const base = i * cols;
      for (let j = 0; j < cols; j++) scratch[j] = table[halves16[base + j]];
      return scratch;
    },
  };
}
