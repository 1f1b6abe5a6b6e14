/** The file system behind validation, for the extension (trusted workspaces) and the CLI. */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { CsvError, csvHeader } from '../core';
import { fileKind } from '../io/fileKind';
import type { ConfigHost, PathEntry } from './host';

/** Reads at most this much to find a header row. */
const headerBytes = 64 * 1024;

export function createNodeHost(options: { workspaceFolder: string; configDir: string }): ConfigHost {
  return { ...options, look, readHeader };
}

function look(path: string): PathEntry {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    return stats ? { kind: fileKind(stats), realPath: realpathSync(path) } : { kind: 'missing' };
  } catch (error) {
    return { kind: 'invalid', problem: pathProblem(error as NodeJS.ErrnoException) };
  }
}

function pathProblem(error: NodeJS.ErrnoException): string {
  if (error.code === 'ERR_INVALID_ARG_VALUE' || error.code === 'ERR_INVALID_ARG_TYPE') return 'the path contains a NUL character';
  if (error.code === 'ENAMETOOLONG') return 'the path is too long for the file system';
  if (error.code === 'ELOOP') return 'the path has a loop of symbolic links';
  return error.code ? `the path cannot be used (${error.code})` : error.message;
}

function readHeader(path: string): string[] | { problem: string } {
  let fd: number | undefined;
  try {
    // Non-blocking: a file swapped for a FIFO since the check must not hang the open.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { problem: `it is a ${fileKind(stats)}, not a file` };
    const buffer = new Uint8Array(headerBytes);
    const bytes = readSync(fd, buffer, 0, headerBytes, 0);
    const text = new TextDecoder().decode(buffer.subarray(0, bytes), { stream: bytes === headerBytes });
    return csvHeader(text, bytes < headerBytes) ?? { problem: `its header row is longer than ${headerBytes / 1024} KB` };
  } catch (error) {
    if (error instanceof CsvError) return { problem: error.message };
    return { problem: pathProblem(error as NodeJS.ErrnoException) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
