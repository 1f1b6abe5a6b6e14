/**
 * One checkpoint's layers over several threads. Each thread opens the checkpoint itself (header and
 * index only) and reads its tensors by range; this coordinator hands them out largest first, so the
 * big ones do not end the run alone, keeps what the layers in progress hold within a memory budget,
 * and returns the reports in the file's order whatever order they finish in.
 */
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { LayerReport } from '../../core';
import { fromLayerThread, type LayerThreadJob, type ToLayerThread } from '../../protocol/layerThread';
import { CheckpointError } from './checkpointError';
import { defaultInspectOptions, inspectBytes } from './inspectTensors';
import type { Checkpoint } from './tensorModel';

export interface ParallelInspectOptions {
  /** Starts a layer thread (dist/inspectLayerWorker.js) on the job. */
  spawn: (job: LayerThreadJob) => Worker;
  /** Default: one per core. */
  threads?: number;
  /** Default: every diagnostic; false, norms and sparsity only. */
  spectra?: boolean;
  /** What the layers in progress may hold at once (by inspectBytes); a layer above it runs alone. */
  budgetBytes?: number;
  /** Each layer as it is done, with its index in the file and how many are done. */
  onLayer?: (index: number, layer: LayerReport, done: number, total: number) => void;
}

export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/**
 * With the threads' own memory (about 30 MB each and a 32 MB chunk buffer) and the process's, this
 * keeps a 1.2-billion-parameter model's analysis under 1 GB on two threads (README, Performance).
 */
export const defaultBudgetBytes = 640 * 2 ** 20;

interface Slot {
  worker: Worker;
  opened: boolean;
  busy: { index: number; bytes: number } | null;
}

/** The layers at `indices` (ascending) of `checkpoint`, opened from `path`; throws CheckpointError naming the file and tensor. */
export async function inspectInParallel(path: string, checkpoint: Checkpoint, indices: readonly number[], options: ParallelInspectOptions): Promise<LayerReport[]> {
  if (indices.length === 0) return [];
  const spectra = options.spectra ?? true;
  const budget = options.budgetBytes ?? defaultBudgetBytes;
  const tensors = checkpoint.tensors;
  const bytes = new Map(indices.map((i) => [i, inspectBytes(tensors[i], { ...defaultInspectOptions, spectra })]));
  const size = (i: number) => tensors[i].shape.reduce((a, b) => a * b, 1);
  const waiting = [...indices].sort((a, b) => size(b) - size(a) || a - b);
  const position = new Map(indices.map((index, at) => [index, at]));
  const results: LayerReport[] = new Array(indices.length);
  const threads = Math.min(Math.max(1, options.threads ?? defaultThreads()), indices.length);
  const slots: Slot[] = [];
  let held = 0;
  let done = 0;
  let settled = false;

  return new Promise<LayerReport[]>((resolve, reject) => {
    const finish = async (error: CheckpointError | null) => {
      if (settled) return;
      settled = true;
      if (error === null) {
        // Asked to close, not terminated, so a Keras archive's temporary copy is removed; a failure ends the threads at once.
        const exits = slots.map(({ worker }) => once(worker, 'exit'));
        for (const { worker } of slots) worker.postMessage({ type: 'close' } satisfies ToLayerThread);
        await Promise.all(exits);
        resolve(results);
      } else {
        await Promise.all(slots.map(({ worker }) => worker.terminate()));
        reject(error);
      }
    };

    const next = (): number | undefined => {
      const at = waiting.findIndex((i) => held === 0 || bytes.get(i)! <= budget - held);
      return at < 0 ? undefined : waiting.splice(at, 1)[0];
    };

    const handOut = () => {
      for (const slot of slots) {
        if (!slot.opened || slot.busy !== null) continue;
        const index = next();
        if (index === undefined) break;
        slot.busy = { index, bytes: bytes.get(index)! };
        held += slot.busy.bytes;
        slot.worker.postMessage({ type: 'inspect', index } satisfies ToLayerThread);
      }
      if (done === indices.length) void finish(null);
    };

    const lost = (slot: Slot, why: string) => new CheckpointError(path, slot.busy === null ? null : tensors[slot.busy.index].name, why);

    for (let t = 0; t < threads && !settled; t++) {
      let worker: Worker;
      try {
        worker = options.spawn({ path, spectra });
      } catch (error) {
        return void finish(new CheckpointError(path, null, `no layer thread could be started: ${(error as Error).message}`));
      }
      const slot: Slot = { worker, opened: false, busy: null };
      slots.push(slot);
      slot.worker.on('message', (raw: unknown) => {
        if (settled) return;
        const checked = fromLayerThread(raw, 'message');
        if (!checked.ok) return void finish(lost(slot, `a layer thread sent a malformed message (${checked.error})`));
        const message = checked.value;
        if (message.type === 'failed') return void finish(new CheckpointError(message.file, message.tensor, message.reason));
        if (message.type === 'opened') {
          if (message.tensors !== tensors.length) return void finish(lost(slot, `changed while being read (${message.tensors} tensors, was ${tensors.length})`));
          slot.opened = true;
        } else {
          if (slot.busy?.index !== message.index) return void finish(lost(slot, `a layer thread answered for tensor ${message.index}, not the one it was given`));
          held -= slot.busy.bytes;
          slot.busy = null;
          results[position.get(message.index)!] = message.layer;
          done++;
          options.onLayer?.(message.index, message.layer, done, indices.length);
        }
        handOut();
      });
      // An uncaught error or running out of memory: the thread is gone, and so is its layer.
      slot.worker.on('error', (error) => void finish(lost(slot, `the layer thread stopped: ${error.message}`)));
      slot.worker.on('exit', (code) => void finish(lost(slot, `the layer thread exited (code ${code}) before the analysis was done`)));
    }
  });
}
