/**
 * safetensors, every dtype listed, F64/F32/F16/BF16 analysed: an 8-byte little-endian header
 * length, a UTF-8 JSON header { name: { dtype, shape, data_offsets }, __metadata__ }, then the
 * data. Only the header is read here; each tensor is read by its byte range when asked.
 */
import { openFileSource, type ByteSource } from './byteSource';
import { CheckpointError, printable } from './checkpointError';
import { dtypeSizes } from './dtypes';
import { byteRangeReaders, elementCount, torchLayout, type Checkpoint, type TensorEntry } from './tensorModel';

/** The format's own limit on the header (safetensors refuses larger ones too). */
const maxHeaderBytes = 100_000_000;

export async function openSafetensors(path: string): Promise<Checkpoint> {
  const source = await openFileSource(path);
  try {
    const { tensors, metadata } = await readSafetensors(source, path);
    return { format: 'safetensors', files: [path], tensors, metadata, close: () => source.close() };
  } catch (error) {
    await source.close();
    throw error;
  }
}

export async function readSafetensors(source: ByteSource, file: string): Promise<{ tensors: TensorEntry[]; metadata: Record<string, string> }> {
  if (source.size < 8) throw new CheckpointError(file, null, `${source.size} bytes is too short for a safetensors header`);
  const lengthBytes = await source.read(0, 8);
  const headerLength = new DataView(lengthBytes.buffer, lengthBytes.byteOffset, 8).getBigUint64(0, true);
  if (headerLength > BigInt(Math.min(maxHeaderBytes, source.size - 8))) {
    throw new CheckpointError(file, null, `header length ${headerLength} exceeds the file (${source.size} bytes) or the format's 100 MB limit`);
  }
  const dataStart = 8 + Number(headerLength);
  const header = parseHeader(await source.read(8, Number(headerLength)), file);
  const { __metadata__: rawMetadata, ...entries } = header;
  const dataSize = source.size - dataStart;
  const tensors = Object.entries(entries).map(([name, entry]) => tensorEntry(file, name, entry, dataSize, (offset, length, into) => source.read(dataStart + offset, length, into)));
  checkNoOverlap(file, tensors);
  return { tensors: tensors.map((t) => t.tensor), metadata: metadataOf(file, rawMetadata) };
}

function parseHeader(bytes: Uint8Array, file: string): Record<string, unknown> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CheckpointError(file, null, 'the header is not valid UTF-8 (tensor names must be UTF-8)');
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    throw new CheckpointError(file, null, `the header is not JSON (${(error as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new CheckpointError(file, null, 'the header is not a JSON object');
  return header as Record<string, unknown>;
}

function metadataOf(file: string, raw: unknown): Record<string, string> {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !Object.values(raw).every((v) => typeof v === 'string')) {
    throw new CheckpointError(file, null, '__metadata__ must map strings to strings');
  }
  return raw as Record<string, string>;
}

interface Located {
  tensor: TensorEntry;
  begin: number;
  end: number;
}

function tensorEntry(file: string, name: string, raw: unknown, dataSize: number, read: (offset: number, length: number, into?: Uint8Array) => Promise<Uint8Array>): Located {
  if (typeof raw !== 'object' || raw === null) throw new CheckpointError(file, name, 'its header entry is not an object');
  const { dtype, shape, data_offsets: offsets } = raw as Record<string, unknown>;
  if (typeof dtype !== 'string' || !(dtype in dtypeSizes)) throw new CheckpointError(file, name, `unknown dtype ${printable(String(dtype))}`);
  const count = elementCount(file, name, shape);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
    throw new CheckpointError(file, name, 'data_offsets must be two non-negative integers');
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end || end > dataSize) throw new CheckpointError(file, name, `data_offsets [${begin}, ${end}] lie outside the data (${dataSize} bytes)`);
  if (end - begin !== count * dtypeSizes[dtype]) {
    throw new CheckpointError(file, name, `data_offsets [${begin}, ${end}] hold ${end - begin} bytes, shape [${(shape as number[]).join(', ')}] of ${dtype} needs ${count * dtypeSizes[dtype]}`);
  }
  const dims = shape as number[];
  const matrix = torchLayout(dims);
  const tensor: TensorEntry = { name, dtype, shape: dims, file, matrix, ...byteRangeReaders(file, name, dtype, matrix, end - begin, (offset, length, into) => read(begin + offset, length, into)) };
  return { tensor, begin, end };
}

function checkNoOverlap(file: string, located: Located[]): void {
  const sorted = [...located].sort((a, b) => a.begin - b.begin);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].begin < sorted[i - 1].end) {
      throw new CheckpointError(file, sorted[i].tensor.name, `its bytes [${sorted[i].begin}, ${sorted[i].end}) overlap tensor '${printable(sorted[i - 1].tensor.name)}'`);
    }
  }
}
