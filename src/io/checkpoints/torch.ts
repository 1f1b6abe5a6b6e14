/**
 * torch.save files (PyTorch ≥ 1.6): a zip holding `<archive>/data.pkl`, the pickled object, and
 * `<archive>/data/<key>`, one stored (uncompressed) entry per storage. The pickle is read with an
 * allow-list (see torchPickle.ts); tensors are then read by byte range from their storage entries.
 */
import { openFileSource, type ByteSource } from './byteSource';
import { CheckpointError, printable } from './checkpointError';
import { dtypeSizes } from './dtypes';
import { PickleError, readPickle } from './pickle';
import { findStateDict, torchHooks, type TensorRef } from './torchPickle';
import { byteRangeReaders, denseReaders, torchLayout, type Checkpoint, type TensorEntry } from './tensorModel';
import { entryDataOffset, readZipDirectory, readZipEntry, type ZipEntry } from './zip';

/** A state dict's pickle holds names and shapes only; real ones are kilobytes to a few megabytes. */
const maxPickleBytes = 256 * 1024 * 1024;

export async function openTorch(path: string): Promise<Checkpoint> {
  const source = await openFileSource(path);
  try {
    const tensors = await readTorch(source, path);
    return { format: 'torch', files: [path], tensors, metadata: {}, close: () => source.close() };
  } catch (error) {
    await source.close();
    throw error;
  }
}

export async function readTorch(source: ByteSource, file: string): Promise<TensorEntry[]> {
  const head = await source.read(0, Math.min(2, source.size));
  if (head[0] === 0x80) {
    throw new CheckpointError(file, null, 'the legacy torch.save format (PyTorch < 1.6 or _use_new_zipfile_serialization=False) is not supported: load it and save it again with a current PyTorch');
  }
  const entries = await readZipDirectory(source, file);
  const pickleEntry = entries.find((e) => /^[^/]+\/data\.pkl$/.test(e.name));
  if (pickleEntry === undefined) throw new CheckpointError(file, null, 'a zip without <archive>/data.pkl: not a torch.save file');
  const archive = pickleEntry.name.slice(0, -'data.pkl'.length);
  const byteorder = entries.find((e) => e.name === `${archive}byteorder`);
  if (byteorder !== undefined && new TextDecoder().decode(await readZipEntry(source, byteorder, file, 16)) !== 'little') {
    throw new CheckpointError(file, null, 'big-endian tensors are not supported');
  }
  let root;
  try {
    root = readPickle(await readZipEntry(source, pickleEntry, file, maxPickleBytes), torchHooks);
  } catch (error) {
    if (error instanceof PickleError) throw new CheckpointError(file, null, `${pickleEntry.name}: ${error.message}`);
    throw error;
  }
  const stateDict = findStateDict(root, (reason) => new CheckpointError(file, null, reason));
  const byName = new Map(entries.map((e) => [e.name, e]));
  return [...stateDict].map(([name, tensor]) => tensorEntry(source, file, name, tensor, byName.get(`${archive}data/${tensor.storage.key}`)));
}

function tensorEntry(source: ByteSource, file: string, name: string, t: TensorRef, storage: ZipEntry | undefined): TensorEntry {
  const fail = (reason: string) => new CheckpointError(file, name, reason);
  if (storage === undefined) throw fail(`its storage '${printable(t.storage.key)}' is not in the archive`);
  if (storage.method !== 0) throw fail(`its storage is compressed (torch.save stores tensors uncompressed)`);
  const item = dtypeSizes[t.storage.dtype];
  if (storage.size < t.storage.numel * item) throw fail(`its storage holds ${storage.size} bytes, fewer than ${t.storage.numel} × ${item}`);
  const count = t.size.reduce((a, b) => a * b, 1);
  const span = count === 0 ? 0 : t.size.reduce((s, n, i) => s + (n - 1) * t.stride[i], 0) + 1;
  if (t.offset + span > t.storage.numel) throw fail(`offset ${t.offset}, size [${t.size}] and stride [${t.stride}] reach beyond its storage of ${t.storage.numel} elements`);
  const matrix = torchLayout(t.size);
  const readBytes = async (offset: number, length: number, into?: Uint8Array) => source.read((await entryDataOffset(source, storage, file)) + t.offset * item + offset, length, into);
  const readers = byteRangeReaders(file, name, t.storage.dtype, matrix, span * item, readBytes);
  if (isContiguous(t.size, t.stride)) return { name, dtype: t.storage.dtype, shape: t.size, file, matrix, ...readers };
  const read = async () => gather(await readers.read(), t.size, t.stride);
  return { name, dtype: t.storage.dtype, shape: t.size, file, matrix, ...denseReaders(file, name, matrix, read) };
}

function isContiguous(size: number[], stride: number[]): boolean {
  let expected = 1;
  for (let i = size.length - 1; i >= 0; i--) {
    if (size[i] !== 1 && stride[i] !== expected) return false;
    expected *= size[i];
  }
  return true;
}

/** A strided view (e.g. a transposed weight) copied into row-major order. */
function gather(values: Float32Array | Float64Array, size: number[], stride: number[]): Float32Array | Float64Array {
  const count = size.reduce((a, b) => a * b, 1);
  const out = values instanceof Float64Array ? new Float64Array(count) : new Float32Array(count);
  const index = new Array<number>(size.length).fill(0);
  let offset = 0;
  for (let i = 0; i < count; i++) {
    out[i] = values[offset];
    for (let d = size.length - 1; d >= 0; d--) {
      index[d]++;
      offset += stride[d];
      if (index[d] < size[d]) break;
      offset -= stride[d] * size[d];
      index[d] = 0;
    }
  }
  return out;
}
