/**
 * Just enough of the zip format for checkpoints (torch.save, .keras): the central directory,
 * zip64 included, and each entry's data by byte range. Stored entries are read in place;
 * deflated ones are inflated with a bound on the output, so a zip bomb stops at the bound.
 */
import { inflateRawSync } from 'node:zlib';
import type { ByteSource } from './byteSource';
import { CheckpointError, printable } from './checkpointError';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const endRecordSize = 22;
const maxComment = 65535;
/** A central directory this large would list millions of files: not a checkpoint. */
const maxDirectoryBytes = 256 * 1024 * 1024;

/** Lists the entries; throws CheckpointError for anything that is not a well-formed zip. */
export async function readZipDirectory(source: ByteSource, file: string): Promise<ZipEntry[]> {
  const fail = (reason: string) => new CheckpointError(file, null, reason);
  const tailLength = Math.min(source.size, endRecordSize + maxComment);
  const tail = await source.read(source.size - tailLength, tailLength);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let end = -1;
  for (let i = tailLength - endRecordSize; i >= 0; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw fail('not a zip archive, or a truncated one (no end-of-central-directory record)');
  let count = view.getUint16(end + 10, true);
  let directorySize = view.getUint32(end + 12, true);
  let directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    ({ count, directorySize, directoryOffset } = await readZip64End(source, source.size - tailLength + end, fail));
  }
  if (directorySize > maxDirectoryBytes || directoryOffset + directorySize > source.size) {
    throw fail(`the central directory (${directorySize} bytes at ${directoryOffset}) lies outside the file (${source.size} bytes): truncated?`);
  }
  const directory = await source.read(directoryOffset, directorySize);
  return parseDirectory(directory, count, source.size, fail);
}

async function readZip64End(source: ByteSource, endOffset: number, fail: (reason: string) => Error) {
  if (endOffset < 20) throw fail('zip64 locator missing');
  const locator = await source.read(endOffset - 20, 20);
  const lv = new DataView(locator.buffer, locator.byteOffset, 20);
  if (lv.getUint32(0, true) !== 0x07064b50) throw fail('zip64 locator missing');
  const at = safe(lv.getBigUint64(8, true), fail);
  if (at + 56 > source.size) throw fail('the zip64 end record lies outside the file');
  const record = await source.read(at, 56);
  const rv = new DataView(record.buffer, record.byteOffset, 56);
  if (rv.getUint32(0, true) !== 0x06064b50) throw fail('bad zip64 end record');
  return { count: safe(rv.getBigUint64(32, true), fail), directorySize: safe(rv.getBigUint64(40, true), fail), directoryOffset: safe(rv.getBigUint64(48, true), fail) };
}

function safe(value: bigint, fail: (reason: string) => Error): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw fail(`zip field ${value} is too large`);
  return Number(value);
}

function parseDirectory(bytes: Uint8Array, count: number, fileSize: number, fail: (reason: string) => Error): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names = new TextDecoder('utf-8', { fatal: true });
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw fail(`central directory entry ${i} is damaged`);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength + extraLength + commentLength > bytes.length) throw fail(`central directory entry ${i} is damaged`);
    let name: string;
    try {
      name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    } catch {
      throw fail(`entry ${i} has a name that is not UTF-8`);
    }
    const entry: ZipEntry = {
      name,
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    };
    applyZip64Extra(entry, new DataView(bytes.buffer, bytes.byteOffset + at + 46 + nameLength, extraLength), fail);
    if (entry.localHeaderOffset + 30 + entry.compressedSize > fileSize) throw fail(`entry '${printable(name)}' lies outside the file: truncated?`);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Zip64 keeps the sizes and offset that overflow 32 bits in extra field 0x0001, in this order. */
function applyZip64Extra(entry: ZipEntry, extra: DataView, fail: (reason: string) => Error): void {
  for (let at = 0; at + 4 <= extra.byteLength; ) {
    const id = extra.getUint16(at, true);
    const length = extra.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const next = (): number => {
        if (field + 8 > at + 4 + length || field + 8 > extra.byteLength) throw fail(`entry '${printable(entry.name)}' has a short zip64 field`);
        const value = safe(extra.getBigUint64(field, true), fail);
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
    }
    at += 4 + length;
  }
}

/** Where a stored entry's bytes start in the archive (after its local header). */
export async function entryDataOffset(source: ByteSource, entry: ZipEntry, file: string): Promise<number> {
  const header = await source.read(entry.localHeaderOffset, 30);
  const view = new DataView(header.buffer, header.byteOffset, 30);
  if (view.getUint32(0, true) !== 0x04034b50) throw new CheckpointError(file, null, `entry '${printable(entry.name)}' has no local header`);
  const start = entry.localHeaderOffset + 30 + view.getUint16(26, true) + view.getUint16(28, true);
  if (start + entry.compressedSize > source.size) throw new CheckpointError(file, null, `entry '${printable(entry.name)}' lies outside the file: truncated?`);
  return start;
}

/** The whole entry, inflated if need be, refusing more than `limit` bytes whatever the header claims. */
export async function readZipEntry(source: ByteSource, entry: ZipEntry, file: string, limit: number): Promise<Uint8Array> {
  const fail = (reason: string) => new CheckpointError(file, null, `entry '${printable(entry.name)}': ${reason}`);
  if (entry.size > limit) throw fail(`${entry.size} bytes is more than the ${limit} allowed`);
  const start = await entryDataOffset(source, entry, file);
  const raw = await source.read(start, entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw fail('a stored entry whose sizes differ');
    return raw;
  }
  if (entry.method !== 8) throw fail(`compression method ${entry.method} is not supported (only stored and deflate)`);
  try {
    const out = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size) });
    if (out.length !== entry.size) throw fail(`inflates to ${out.length} bytes, the directory says ${entry.size}`);
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  } catch (error) {
    if (error instanceof CheckpointError) throw error;
    throw fail(`does not inflate within its declared size (${(error as Error).message})`);
  }
}
