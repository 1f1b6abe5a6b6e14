/**
 * TFRecord framing, read incrementally: each record is a uint64 length, the masked CRC-32C of those
 * 8 bytes, the data, and the masked CRC-32C of the data (all little-endian). A reader keeps the
 * offset of the first record it has not read, so a file still being written is read on from there.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { crc32c, maskCrc, maskedCrc32c } from './crc32c';

const headerBytes = 12;
const footerBytes = 4;
const window = 1 << 20;
/** Larger records (graphs, images) are checked but not decoded: scalars never need that much. */
export const maxDecodedRecord = 16 << 20;

export interface FramingProblem {
  offset: number;
  message: string;
  /** The file ends inside this record: it may still be being written, so a later read retries. */
  partial: boolean;
}

export class TfRecordReader {
  /** Byte offset of the first record not yet delivered. */
  offset = 0;

  constructor(readonly path: string) {}

  /**
   * Delivers every complete record after the offset, in order, with its byte offset (`data` is
   * null for a record too large to decode, and valid only during the call). Stops at the end of the file, at a partial record
   * (the offset stays at its start) or at a corrupt one, which it returns.
   */
  async readAvailable(onRecord: (data: Uint8Array | null, offset: number) => void): Promise<FramingProblem | null> {
    const file = await WindowedFile.open(this.path);
    try {
      while (this.offset < file.size) {
        const problem = await this.readRecord(file, onRecord);
        if (problem) return problem;
      }
      return null;
    } finally {
      await file.close();
    }
  }

  private async readRecord(file: WindowedFile, onRecord: (data: Uint8Array | null, offset: number) => void): Promise<FramingProblem | null> {
    const at = this.offset;
    const left = file.size - at;
    if (left < headerBytes) return { offset: at, message: `the file ends inside a record's header (${left} of 12 bytes)`, partial: true };
    const header = await file.bytes(at, headerBytes);
    const view = new DataView(header.buffer, header.byteOffset, headerBytes);
    if (maskedCrc32c(header.subarray(0, 8)) !== view.getUint32(8, true)) {
      return { offset: at, message: "the record's length fails its CRC-32C check (a corrupt file)", partial: false };
    }
    // Two 32-bit halves: a length of 4 GiB or more is never a whole record in a file of this size.
    const high = view.getUint32(4, true);
    const size = view.getUint32(0, true);
    if (high > 0 || headerBytes + size + footerBytes > left) {
      const length = high * 2 ** 32 + size;
      return { offset: at, message: `the file ends inside a record of ${length} bytes (${left} bytes left): truncated, or still being written`, partial: true };
    }
    const dataAt = at + headerBytes;
    // The data is handed on as a view into the file's window: onRecord decodes it before the next read.
    const record = size <= maxDecodedRecord ? await file.bytes(dataAt, size + footerBytes) : null;
    const footer = record ?? (await file.bytes(dataAt + size, footerBytes));
    const stored = new DataView(footer.buffer, footer.byteOffset + footer.length - footerBytes, footerBytes).getUint32(0, true);
    const data = record && record.subarray(0, size);
    const crc = data ? maskedCrc32c(data) : maskCrc(await file.crcOf(dataAt, size));
    if (crc !== stored) return { offset: at, message: "the record's data fails its CRC-32C check (a corrupt file)", partial: false };
    this.offset = dataAt + size + footerBytes;
    onRecord(data, at);
    return null;
  }
}

/** Reads a file through a 1 MiB window so that small records cost no system call each. */
class WindowedFile {
  private start = 0;
  private buffer = new Uint8Array(0);

  private constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  static async open(path: string): Promise<WindowedFile> {
    const handle = await open(path, 'r');
    try {
      return new WindowedFile(handle, (await handle.stat()).size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Bytes [at, at + length), a view valid until the next call. */
  async bytes(at: number, length: number): Promise<Uint8Array> {
    if (at < this.start || at + length > this.start + this.buffer.length) {
      const size = Math.min(Math.max(length, window), this.size - at);
      const buffer = new Uint8Array(size);
      const { bytesRead } = await this.handle.read(buffer, 0, size, at);
      this.start = at;
      this.buffer = buffer.subarray(0, bytesRead);
      if (bytesRead < length) throw new Error(`${length} bytes expected at byte ${at}, the file had ${bytesRead}`);
    }
    return this.buffer.subarray(at - this.start, at - this.start + length);
  }

  /** CRC-32C of a long range, a window at a time. */
  async crcOf(at: number, length: number): Promise<number> {
    let crc = 0;
    for (let done = 0; done < length; done += window) {
      crc = crc32c(await this.bytes(at + done, Math.min(window, length - done)), crc);
    }
    return crc;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
