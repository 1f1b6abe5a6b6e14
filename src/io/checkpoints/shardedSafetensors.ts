/** Hugging Face sharded safetensors: `model.safetensors.index.json` maps tensor names to shard files beside it. */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CheckpointError, printable } from './checkpointError';
import { openSafetensors } from './safetensors';
import type { Checkpoint } from './tensorModel';

/** Index files are small; a bigger one is not an index. */
const maxIndexBytes = 50_000_000;

export async function openShardedSafetensors(indexPath: string): Promise<Checkpoint> {
  const weightMap = await readWeightMap(indexPath);
  const shardNames = [...new Set(Object.values(weightMap))];
  const shards: Checkpoint[] = [];
  try {
    for (const shard of shardNames) shards.push(await openSafetensors(join(dirname(indexPath), shard)));
  } catch (error) {
    await Promise.all(shards.map((s) => s.close()));
    throw error;
  }
  const tensors = shards.flatMap((s) => s.tensors);
  const found = new Set(tensors.map((t) => t.name));
  const missing = Object.keys(weightMap).find((name) => !found.has(name));
  if (missing !== undefined) {
    await Promise.all(shards.map((s) => s.close()));
    throw new CheckpointError(indexPath, missing, `the index names shard ${printable(weightMap[missing])}, which does not hold it`);
  }
  return {
    format: 'safetensors',
    files: [indexPath, ...shards.map((s) => s.files[0])],
    tensors,
    metadata: Object.assign({}, ...shards.map((s) => s.metadata)),
    close: async () => void (await Promise.all(shards.map((s) => s.close()))),
  };
}

async function readWeightMap(indexPath: string): Promise<Record<string, string>> {
  const bytes = await readFile(indexPath);
  if (bytes.length > maxIndexBytes) throw new CheckpointError(indexPath, null, `${bytes.length} bytes is too large for a shard index`);
  let index: unknown;
  try {
    index = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new CheckpointError(indexPath, null, `not JSON (${(error as Error).message})`);
  }
  const weightMap = (index as { weight_map?: unknown } | null)?.weight_map;
  if (typeof weightMap !== 'object' || weightMap === null || Array.isArray(weightMap)) throw new CheckpointError(indexPath, null, 'no "weight_map" object');
  for (const [name, shard] of Object.entries(weightMap)) {
    // Shards live beside the index: a path elsewhere would read outside the model's folder.
    if (typeof shard !== 'string' || !/^[^/\\]+\.safetensors$/.test(shard) || shard.startsWith('..')) {
      throw new CheckpointError(indexPath, name, `shard ${printable(String(shard))} is not a .safetensors file name in the index's folder`);
    }
  }
  return weightMap as Record<string, string>;
}
