/** One model of a checkpoint's tensors whatever the format: named, shaped, read lazily by range. */
import { denseMatrix, type WeightMatrix } from '../../core';
import { CheckpointError } from './checkpointError';
import { decodeFloats, isFloatDtype, storedMatrix, type FloatDtype } from './dtypes';

export type CheckpointFormat = 'safetensors' | 'torch' | 'keras';

/** How a tensor is analysed: as a rows × cols matrix, or as a vector of values. */
export interface TensorLayout {
  rows: number;
  cols: number;
  /** Shape as the user thinks of it: [out, in] for a linear layer whatever the storage. */
  displayShape: number[];
  /** Says how the shape became a matrix when that is not obvious (convolutions, Keras kernels). */
  note: string | null;
}

export interface TensorEntry {
  name: string;
  /** safetensors spelling: F64, F32, F16, BF16, I64, … */
  dtype: string;
  shape: number[];
  file: string;
  /** Null for 0- and 1-D tensors (biases, norm scales, counters). */
  matrix: TensorLayout | null;
  /** The values, read from the file when asked; throws CheckpointError. Only for float dtypes. */
  read(): Promise<Float32Array | Float64Array>;
  /** The values as the `matrix` layout's rows × cols, kept in their stored precision where that saves memory. */
  readMatrix(): Promise<WeightMatrix>;
  /** The values in row-major order, a bounded chunk at a time: for norms at disk speed in bounded memory. */
  chunks(): AsyncIterable<Float32Array | Float64Array>;
  /** The stored little-endian bytes, whole elements, a bounded chunk at a time: where the file holds them as one range. Each chunk is valid until the next is asked for (one buffer is reused). */
  storedChunks?(): AsyncIterable<Uint8Array>;
}

/** Bytes per read when streaming a tensor. */
export const chunkBytes = 32 * 1024 * 1024;

export interface Checkpoint {
  format: CheckpointFormat;
  files: string[];
  tensors: TensorEntry[];
  metadata: Record<string, string>;
  close(): Promise<void>;
}

export function analysable(tensor: TensorEntry): tensor is TensorEntry & { dtype: FloatDtype } {
  return isFloatDtype(tensor.dtype);
}

/** Counts elements, refusing shapes that are not lists of safe non-negative integers or whose product overflows. */
export function elementCount(file: string, name: string, shape: unknown): number {
  if (!Array.isArray(shape) || shape.length > 16) throw new CheckpointError(file, name, `shape ${String(JSON.stringify(shape)).slice(0, 80)} is not a list of at most 16 sizes`);
  let count = 1;
  for (const size of shape) {
    if (!Number.isSafeInteger(size) || size < 0) throw new CheckpointError(file, name, `shape [${shape.join(', ').slice(0, 80)}] has a size that is not a non-negative integer`);
    count *= size;
    if (!Number.isSafeInteger(count)) throw new CheckpointError(file, name, `shape [${shape.join(', ')}] has more elements than can be addressed`);
  }
  return count;
}

/**
 * PyTorch layout: [out, in] is the matrix; [out, in, k…] (convolutions) is analysed as
 * out × (in·k…). Singular values do not depend on the order of the flattened columns.
 */
export function torchLayout(shape: number[]): TensorLayout | null {
  if (shape.length < 2) return null;
  const rows = shape[0];
  const cols = shape.slice(1).reduce((a, b) => a * b, 1);
  const note = shape.length > 2 ? `[${shape.join(', ')}] analysed as ${rows} × ${cols} (out × in·${shape.slice(2).join('·')})` : null;
  return { rows, cols, displayShape: [...shape], note };
}

/** read and readMatrix for a tensor whose row-major bytes are one range of a file. */
/**
 * The chunk buffer storedChunks reads into, kept from one tensor to the next (one per thread, 32 MB):
 * on a virtual machine, the page faults of a fresh buffer per tensor cost more than reading it.
 */
let spareChunk: Uint8Array | null = null;

export function byteRangeReaders(
  file: string,
  name: string,
  dtype: string,
  layout: TensorLayout | null,
  byteLength: number,
  readBytes: (offset: number, length: number, into?: Uint8Array) => Promise<Uint8Array>,
): Pick<TensorEntry, 'read' | 'readMatrix' | 'chunks' | 'storedChunks'> {
  const floatDtype = (): FloatDtype => {
    if (!isFloatDtype(dtype)) throw new CheckpointError(file, name, `dtype ${dtype} is listed, not analysed`);
    return dtype;
  };
  return {
    read: async () => decodeFloats(floatDtype(), await readBytes(0, byteLength)),
    async readMatrix() {
      const type = floatDtype();
      if (layout === null) throw new CheckpointError(file, name, 'is not a matrix');
      return storedMatrix(type, await readBytes(0, byteLength), layout.rows, layout.cols);
    },
    async *chunks() {
      const type = floatDtype();
      for (let at = 0; at < byteLength; at += chunkBytes) yield decodeFloats(type, await readBytes(at, Math.min(chunkBytes, byteLength - at)));
    },
    async *storedChunks() {
      floatDtype();
      const buffer = spareChunk ?? new Uint8Array(chunkBytes);
      spareChunk = null;
      try {
        for (let at = 0; at < byteLength; at += chunkBytes) yield await readBytes(at, Math.min(chunkBytes, byteLength - at), buffer);
      } finally {
        spareChunk = buffer;
      }
    },
  };
}

/** readMatrix and chunks for readers that only produce all the decoded values at once. */
export function denseReaders(
  file: string,
  name: string,
  layout: TensorLayout | null,
  read: () => Promise<Float32Array | Float64Array>,
): Pick<TensorEntry, 'read' | 'readMatrix' | 'chunks'> {
  return {
    read,
    async readMatrix() {
      if (layout === null) throw new CheckpointError(file, name, 'is not a matrix');
      return denseMatrix(await read(), layout.rows, layout.cols);
    },
    async *chunks() {
      yield await read();
    },
  };
}
