/**
 * A layer thread (dist/inspectLayerWorker.js): opens the checkpoint of its job itself (header and
 * index only), then diagnoses each tensor it is handed, read by range, one at a time, until told to close.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CheckpointError, openCheckpoint, type Checkpoint } from '../io/checkpoints';
import { defaultInspectOptions, inspectTensor } from '../io/checkpoints/inspectTensors';
import type { FromLayerThread, LayerThreadJob, ToLayerThread } from '../protocol/layerThread';

const job = workerData as LayerThreadJob;
const options = { ...defaultInspectOptions, spectra: job.spectra };

function post(message: FromLayerThread): void {
  parentPort?.postMessage(message);
}

function failed(index: number | null, tensor: string | null, error: unknown): FromLayerThread {
  if (error instanceof CheckpointError) return { type: 'failed', index, file: error.file, tensor: error.tensor, reason: error.reason };
  return { type: 'failed', index, file: job.path, tensor, reason: error instanceof Error ? error.message : String(error) };
}

function serve(checkpoint: Checkpoint): void {
  parentPort?.on('message', (request: ToLayerThread) => {
    if (request.type === 'close') {
      void checkpoint.close().finally(() => process.exit(0));
      return;
    }
    const tensor = checkpoint.tensors[request.index];
    inspectTensor(tensor, options).then(
      (layer) => post({ type: 'layer', index: request.index, layer }),
      (error: unknown) => post(failed(request.index, tensor.name, error)),
    );
  });
  post({ type: 'opened', tensors: checkpoint.tensors.length });
}

openCheckpoint(job.path).then(serve, (error: unknown) => post(failed(null, null, error)));
