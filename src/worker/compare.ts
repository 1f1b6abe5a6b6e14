/** The inspect worker's comparison: the open checkpoint (its layers already diagnosed) against another file. */
import { layerDeltas, summarizeModel, type LayerReport } from '../core';
import { openCheckpoint, type Checkpoint } from '../io/checkpoints';
import { compareCheckpoints } from '../io/checkpoints/compareCheckpoints';
import { inspectTensor } from '../io/checkpoints/inspectTensors';
import type { CheckpointComparisonView } from '../protocol/inspect';

export async function compareWith(base: Checkpoint, baseLayers: readonly LayerReport[], path: string): Promise<CheckpointComparisonView> {
  const other = await openCheckpoint(path);
  try {
    const layers: LayerReport[] = [];
    for (const tensor of other.tensors) layers.push(await inspectTensor(tensor));
    const changes = await compareCheckpoints(base, other);
    const relative = new Map(changes.changes.map((c) => [c.name, c.relativeChange]));
    return {
      title: path,
      model: summarizeModel(layers, 1, 1),
      layers: layerDeltas(baseLayers, layers).map((delta) => ({ ...delta, relativeChange: relative.get(delta.name) ?? null })),
      unmatched: changes.unmatched,
    };
  } finally {
    await other.close();
  }
}
