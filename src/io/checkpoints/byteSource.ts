/** Random access to a file's bytes by range, so a reader never loads a whole checkpoint. */
import { open } from 'node:fs/promises';

export interface ByteSource {
  readonly size: number;
  /**
   * Exactly `length` bytes from `offset`; the caller has checked the range lies inside `size`. With
   * `into` (at least `length` long), a file is read into it and a view of it returned: a chunk loop
   * reuses one buffer instead of faulting in fresh pages for every chunk.
   */
  read(offset: number, length: number, into?: Uint8Array): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function openFileSource(path: string): Promise<ByteSource> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async read(offset, length, into) {
      const bytes = into ? into.subarray(0, length) : new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(bytes, done, length - done, offset + done);
        if (bytesRead === 0) throw new Error(`unexpected end of file at byte ${offset + done}`);
        done += bytesRead;
      }
      return bytes;
    },
    close: () => handle.close(),
  };
}

/** Bytes already in memory (an entry inflated from a zip, a test's file). */
export function memorySource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(offset, offset + length),
    close: async () => undefined,
  };
}

/** A window [start, start + size) of another source. */
export function sliceSource(source: ByteSource, start: number, size: number): ByteSource {
  return { size, read: (offset, length, into) => source.read(start + offset, length, into), close: async () => undefined };
}
