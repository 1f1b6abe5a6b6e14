/** Reads each tensor of a checkpoint by range and diagnoses it: one tensor in memory at a time. */
import {
  accumulateStoredWeightStats, accumulateWeightStats, defaultDiagnostics, defaultSpectrumOptions, diagnoseMatrix, emptyWeightStats, matrixLayer,
  spectrumBytes, unanalysedLayer, vectorLayer, type LayerReport, type SpectrumOptions, type TensorDescription, type WeightStats,
} from '../../core';
import { dtypeSizes } from './dtypes';
import { analysable, chunkBytes, type TensorEntry } from './tensorModel';

export interface InspectOptions {
  /** |w| ≤ epsilon counts toward sparsity. */
  epsilon: number;
  spectrum: SpectrumOptions;
  /** False: norms and sparsity only, every tensor streamed (a first look at a large model in seconds). */
  spectra: boolean;
}

export const defaultInspectOptions: InspectOptions = { epsilon: defaultDiagnostics.sparsityEpsilon, spectrum: defaultSpectrumOptions, spectra: true };

export function describeTensor(tensor: TensorEntry): TensorDescription {
  const m = tensor.matrix;
  const parameters = tensor.shape.reduce((a, b) => a * b, 1);
  // Reported as out × in·k… whichever way the bytes are stored (Keras stores [in, out]).
  const rows = m?.displayShape[0] ?? 0;
  return {
    name: tensor.name,
    file: tensor.file,
    shape: m?.displayShape ?? tensor.shape,
    dtype: tensor.dtype,
    parameters,
    matrix: m === null ? null : { rows, cols: rows > 0 ? parameters / rows : 0, note: m.note },
  };
}

/** Every diagnostic of one tensor; throws CheckpointError when its bytes cannot be read. */
export async function inspectTensor(tensor: TensorEntry, options = defaultInspectOptions): Promise<LayerReport> {
  const description = describeTensor(tensor);
  if (!analysable(tensor)) return unanalysedLayer(description, options.epsilon);
  if (tensor.matrix === null || !options.spectra) return vectorLayer(description, await tensorStats(tensor, options.epsilon), options.epsilon);
  return matrixLayer(description, diagnoseMatrix(await tensor.readMatrix(), options.epsilon, options.spectrum), options.epsilon);
}

/**
 * About how many bytes inspectTensor holds at once for this tensor: a matrix's stored bytes (read
 * whole) and its spectrum's working memory, or one streamed chunk. Layers analysed side by side
 * share a budget with it.
 */
export function inspectBytes(tensor: TensorEntry, options = defaultInspectOptions): number {
  if (!analysable(tensor)) return 0;
  const count = tensor.shape.reduce((a, b) => a * b, 1);
  // F64 values are copied once when decoded; readers without stored chunks decode a tensor whole.
  const stored = count * dtypeSizes[tensor.dtype] * (tensor.dtype === 'F64' ? 2 : 1);
  if (tensor.matrix === null || !options.spectra) return tensor.storedChunks ? Math.min(stored, chunkBytes) : Math.max(stored, 4 * count);
  return stored + spectrumBytes(tensor.matrix.rows, tensor.matrix.cols, options.spectrum);
}

/** Norms and sparsity of any float tensor, streamed: memory stays one chunk whatever its size. */
export async function tensorStats(tensor: TensorEntry, epsilon: number): Promise<WeightStats> {
  const stats = emptyWeightStats();
  const { dtype } = tensor;
  if (tensor.storedChunks && (dtype === 'F32' || dtype === 'BF16' || dtype === 'F16')) {
    // Decoded in WebAssembly SIMD straight from the file's bytes: no float array per chunk.
    for await (const bytes of tensor.storedChunks()) accumulateStoredWeightStats(stats, dtype, bytes, epsilon);
  } else {
    for await (const chunk of tensor.chunks()) accumulateWeightStats(stats, chunk, epsilon);
  }
  return stats;
}
