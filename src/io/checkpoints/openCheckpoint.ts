/** Which reader opens which file: one row per format, so adding a format is adding a row. */
import { basename } from 'node:path';
import { CheckpointError } from './checkpointError';
import { openKerasArchive, openKerasH5 } from './keras';
import { openSafetensors } from './safetensors';
import { openShardedSafetensors } from './shardedSafetensors';
import { openTorch } from './torch';
import type { Checkpoint } from './tensorModel';

interface CheckpointReader {
  /** What the user would call it, for messages. */
  label: string;
  matches(fileName: string): boolean;
  open(path: string): Promise<Checkpoint>;
}

export const checkpointReaders: CheckpointReader[] = [
  { label: 'sharded safetensors index', matches: (name) => name.endsWith('.safetensors.index.json'), open: openShardedSafetensors },
  { label: 'safetensors', matches: (name) => name.endsWith('.safetensors'), open: openSafetensors },
  { label: 'torch.save (.pt, .pth, .bin)', matches: (name) => /\.(pt|pth|bin)$/.test(name), open: openTorch },
  { label: 'Keras (.keras)', matches: (name) => name.endsWith('.keras'), open: openKerasArchive },
  { label: 'Keras HDF5 (.h5, .hdf5)', matches: (name) => /\.(h5|hdf5)$/.test(name), open: openKerasH5 },
];

export function isCheckpointFile(path: string): boolean {
  const name = basename(path).toLowerCase();
  return checkpointReaders.some((reader) => reader.matches(name));
}

/** Opens any supported checkpoint; throws CheckpointError for anything else. */
export async function openCheckpoint(path: string): Promise<Checkpoint> {
  const name = basename(path).toLowerCase();
  const reader = checkpointReaders.find((r) => r.matches(name));
  if (reader === undefined) {
    throw new CheckpointError(path, null, `not a checkpoint RegLens reads (${checkpointReaders.map((r) => r.label).join(', ')})`);
  }
  try {
    return await reader.open(path);
  } catch (error) {
    if (error instanceof CheckpointError) throw error;
    throw new CheckpointError(path, null, (error as Error).message);
  }
}
