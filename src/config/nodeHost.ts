/** The file system behind validation, for the extension (trusted workspaces) and the CLI. */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { ConfigHost } from './host';

/** Reads at most this much to find a header line. */
const headerBytes = 64 * 1024;

export function createNodeHost(options: { workspaceFolder: string; configDir: string }): ConfigHost {
  return { ...options, exists: isFile, readFirstLine };
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

function readFirstLine(path: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = new Uint8Array(headerBytes);
    const bytes = readSync(fd, buffer, 0, headerBytes, 0);
    const text = new TextDecoder().decode(buffer.subarray(0, bytes));
    const end = text.search(/\r?\n/);
    return end === -1 ? text : text.slice(0, end);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
