/**
 * Keras weights in HDF5, read with h5wasm (the HDF5 library compiled to WebAssembly, reading the
 * file itself, dataset by dataset): Keras 3 `.weights.h5` (layers/<name>/vars/<i>), Keras 2 `.h5`
 * (model_weights/<layer>/<layer>/kernel:0), and `.keras` archives (a zip holding model.weights.h5).
 *
 * Keras stores Dense kernels [in, out] and convolution kernels [k…, in, out]: they are shown as
 * [out, in] and [out, in, k…] and analysed as out × in·k… (singular values do not change under
 * transposition or a reordering of columns, so the stored bytes are used as they are).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type * as H5 from 'h5wasm/node';
import { memorySource, openFileSource, type ByteSource } from './byteSource';
import { CheckpointError } from './checkpointError';
import type { Checkpoint, TensorEntry, TensorLayout } from './tensorModel';
import { denseReaders, elementCount } from './tensorModel';
import { readZipDirectory, readZipEntry } from './zip';

/** The largest HDF5 dataset read (it is decoded whole). */
const maxDatasetBytes = 2 ** 31 - 1;

/** A `.keras` archive's weights are inflated into a temporary file; past this size, refuse. */
const maxKerasWeightsBytes = 2 ** 31 - 1;

export async function openKerasH5(path: string): Promise<Checkpoint> {
  const source = await openFileSource(path);
  try {
    if (!(await hasHdf5Signature(source))) throw new CheckpointError(path, null, 'not a readable HDF5 file (no HDF5 signature)');
  } finally {
    await source.close();
  }
  return openH5(path, path, async () => undefined);
}

/** HDF5's superblock signature sits at byte 0, 512, 1024, 2048…; checked first so junk never reaches the library. */
async function hasHdf5Signature(source: ByteSource): Promise<boolean> {
  const signature = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
  for (let at = 0; at + 8 <= source.size && at <= 1 << 20; at = at === 0 ? 512 : at * 2) {
    const bytes = await source.read(at, 8);
    if (signature.every((b, i) => bytes[i] === b)) return true;
  }
  return false;
}

export async function openKerasArchive(path: string): Promise<Checkpoint> {
  const source = await openFileSource(path);
  let weights: Uint8Array;
  try {
    const entries = await readZipDirectory(source, path);
    const entry = entries.find((e) => e.name === 'model.weights.h5');
    if (entry === undefined) throw new CheckpointError(path, null, 'a .keras archive without model.weights.h5');
    weights = await readZipEntry(source, entry, path, maxKerasWeightsBytes);
  } finally {
    await source.close();
  }
  const dir = await mkdtemp(join(tmpdir(), 'reglens-keras-'));
  const temporary = join(dir, 'model.weights.h5');
  await writeFile(temporary, weights);
  if (!(await hasHdf5Signature(memorySource(weights)))) {
    await rm(dir, { recursive: true, force: true });
    throw new CheckpointError(path, null, 'model.weights.h5 is not an HDF5 file');
  }
  return openH5(temporary, path, () => rm(dir, { recursive: true, force: true }));
}

async function openH5(hdf5Path: string, file: string, cleanUp: () => Promise<void>): Promise<Checkpoint> {
  // Loaded on first use: compiling HDF5 costs about half a second, which every layer thread of another format would pay.
  const h5 = await import('h5wasm/node');
  await h5.ready;
  let h5file: H5.File;
  try {
    h5file = new h5.File(resolve(hdf5Path), 'r');
    if (h5file.file_id < 0n) throw new Error('HDF5 could not open it');
  } catch (error) {
    await cleanUp();
    throw new CheckpointError(file, null, `not a readable HDF5 file (${(error as Error).message ?? String(error)})`);
  }
  try {
    const datasets = weightDatasets(h5, h5file);
    const tensors = datasets.map(([name, dataset]) => kerasTensor(file, name, dataset));
    return {
      format: 'keras',
      files: [file],
      tensors,
      metadata: {},
      close: async () => {
        h5file.close();
        await cleanUp();
      },
    };
  } catch (error) {
    h5file.close();
    await cleanUp();
    throw error instanceof CheckpointError ? error : new CheckpointError(file, null, `HDF5 structure that cannot be read (damaged or not Keras weights): ${(error as Error).message ?? String(error)}`);
  }
}

/** Every dataset under the model's weights: Keras 3's `layers/`, Keras 2's `model_weights/` or the root; no optimizer state. */
function weightDatasets(h5: typeof H5, file: H5.File): [string, H5.Dataset][] {
  const keys = file.keys();
  const roots = keys.includes('layers') ? ['layers'] : keys.includes('model_weights') ? ['model_weights'] : keys.filter((k) => !/^optimizer/.test(k));
  const out: [string, H5.Dataset][] = [];
  const walk = (group: H5.Group, path: string, depth: number) => {
    if (depth > 32) return;
    for (const key of group.keys()) {
      const child = group.get(key);
      if (child instanceof h5.Group) walk(child, `${path}${key}/`, depth + 1);
      else if (child instanceof h5.Dataset) out.push([`${path}${key}`, child]);
    }
  };
  for (const root of roots) {
    const child = file.get(root);
    if (child instanceof h5.Group) walk(child, `${root}/`, 1);
    else if (child instanceof h5.Dataset) out.push([root, child]);
  }
  return out;
}

function kerasTensor(file: string, name: string, dataset: H5.Dataset): TensorEntry {
  const metadata = dataset.metadata;
  const shape = (dataset.shape ?? []).map(Number);
  const count = elementCount(file, name, shape);
  const dtype = hdf5Dtype(metadata);
  const matrix = kerasLayout(name, shape);
  const read = async () => {
    if (dtype !== 'F32' && dtype !== 'F64') throw new CheckpointError(file, name, `dtype ${dtype} is listed, not analysed`);
    // h5wasm decodes a dataset whole into its WebAssembly memory, which cannot pass 4 GB.
    if (count * metadata.size > maxDatasetBytes) throw new CheckpointError(file, name, `${count * metadata.size} bytes is more than the ${maxDatasetBytes} an HDF5 dataset may take`);
    const value = dataset.value;
    if (!(value instanceof Float32Array) && !(value instanceof Float64Array)) throw new CheckpointError(file, name, 'HDF5 did not return floating-point values');
    return value;
  };
  return { name, dtype, shape, file, matrix, ...denseReaders(file, name, matrix, read) };
}

function hdf5Dtype(metadata: H5.Dataset['metadata']): string {
  const endian = metadata.littleEndian ? '' : ' (big-endian)';
  if (metadata.type === 1 && endian === '') return metadata.size === 8 ? 'F64' : metadata.size === 4 ? 'F32' : metadata.size === 2 ? 'F16' : `float${metadata.size * 8}`;
  if (metadata.type === 0) return `${metadata.signed ? 'I' : 'U'}${metadata.size * 8}${endian}`;
  return `hdf5 class ${metadata.type}${endian}`;
}

/** Keras kernels end with [in, out]; embeddings ([vocab, dim]) are already rows × features. */
function kerasLayout(name: string, shape: number[]): TensorLayout | null {
  if (shape.length < 2) return null;
  if (/embedding/i.test(name)) return { rows: shape[0], cols: shape.slice(1).reduce((a, b) => a * b, 1), displayShape: shape, note: null };
  const out = shape[shape.length - 1];
  const inputs = shape[shape.length - 2];
  const kernel = shape.slice(0, -2);
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const displayShape = [out, inputs, ...kernel];
  const note = kernel.length === 0
    ? `Keras kernel [${shape.join(', ')}] is [in, out]: shown as [out, in]`
    : `Keras kernel [${shape.join(', ')}] is [${kernel.map((_, i) => `k${i + 1}`).join(', ')}, in, out]: analysed as ${out} × ${rows} (out × in·${kernel.join('·')})`;
  return { rows, cols: out, displayShape, note };
}
