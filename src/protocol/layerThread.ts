/**
 * The contract between a checkpoint's coordinator (io/checkpoints/parallelInspect.ts) and its layer
 * threads (dist/inspectLayerWorker.js): each thread opens the checkpoint itself, says so, then
 * diagnoses the tensors it is handed one at a time, by their index in the file.
 */
import { layerReport } from './inspect';
import { integer, nonNegative, nullable, object, string, tagged, type Check } from './check';
import type { LayerReport } from '../core';

/** A layer thread's workerData. */
export interface LayerThreadJob {
  path: string;
  /** False: norms and sparsity only. */
  spectra: boolean;
}

/** Diagnose the tensor at this index; or close the checkpoint and end the thread. */
export type ToLayerThread = { type: 'inspect'; index: number } | { type: 'close' };

export type FromLayerThread =
  | { type: 'opened'; tensors: number }
  | { type: 'layer'; index: number; layer: LayerReport }
  /** index null: the checkpoint could not be opened. The parts of a CheckpointError, so the host tells it as the one-thread path does. */
  | { type: 'failed'; index: number | null; file: string; tensor: string | null; reason: string };

export const fromLayerThread: Check<FromLayerThread> = tagged<FromLayerThread>({
  opened: object({ tensors: nonNegative }),
  layer: object({ index: integer, layer: layerReport }),
  failed: object({ index: nullable(integer), file: string, tensor: nullable(string), reason: string }),
});
