/** What a path is, for messages that say why it is not a data file. */
import type { Stats } from 'node:fs';

export type FileKind = 'file' | 'folder' | 'FIFO (named pipe)' | 'device' | 'socket';

export function fileKind(stats: Stats): FileKind {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'folder';
  if (stats.isFIFO()) return 'FIFO (named pipe)';
  if (stats.isSocket()) return 'socket';
  return 'device';
}
