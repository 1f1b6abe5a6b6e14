/**
 * One checkpoint's layers over the built layer threads (dist/inspectLayerWorker.js): the same reports
 * as one thread, in the file's order, largest first, within the memory budget; a hostile tensor, a
 * dead thread and a closed editor end every thread. Threads and messages are counted, never timed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LayerReport } from '../../../src/core';
import { CheckpointError, openCheckpoint, type Checkpoint } from '../../../src/io/checkpoints';
import { inspectTensor } from '../../../src/io/checkpoints/inspectTensors';
import { inspectInParallel, type ParallelInspectOptions } from '../../../src/io/checkpoints/parallelInspect';
import type { LayerThreadJob, ToLayerThread } from '../../../src/protocol/layerThread';
import { close, fixture } from './fixtures';
import { safetensorsBytes } from './hostileFiles';

const dist = (name: string) => {
  const path = resolve('dist', name);
  assert.ok(existsSync(path), `${path} does not exist: build first (npm run build)`);
  return path;
};

/** Spawns layer threads (the real ones unless `script` is given) and counts them and the layers in progress. */
function countedThreads(script?: () => Worker) {
  const counts = { spawned: 0, exited: 0, inFlight: 0, mostInFlight: 0 };
  const spawn = (job: LayerThreadJob): Worker => {
    const worker = script === undefined ? new Worker(dist('inspectLayerWorker.js'), { workerData: job }) : script();
    counts.spawned++;
    worker.on('exit', () => counts.exited++);
    worker.on('message', (m: { type: string }) => void (m.type === 'layer' && counts.inFlight--));
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (m: ToLayerThread) => {
      if (m.type === 'inspect') counts.mostInFlight = Math.max(counts.mostInFlight, ++counts.inFlight);
      post(m);
    };
    return worker;
  };
  return { counts, spawn };
}

async function withCheckpoint<T>(path: string, use: (checkpoint: Checkpoint) => Promise<T>): Promise<T> {
  const checkpoint = await openCheckpoint(path);
  try {
    return await use(checkpoint);
  } finally {
    await checkpoint.close();
  }
}

/** The one-thread path in this process: inspectTensor on each tensor in turn. */
async function oneByOne(path: string): Promise<LayerReport[]> {
  return withCheckpoint(path, async (checkpoint) => {
    const layers: LayerReport[] = [];
    for (const tensor of checkpoint.tensors) layers.push(await inspectTensor(tensor));
    return layers;
  });
}

async function parallel(path: string, options: Omit<ParallelInspectOptions, 'spawn'>, spawn: ParallelInspectOptions['spawn']): Promise<LayerReport[]> {
  return withCheckpoint(path, (checkpoint) => inspectInParallel(path, checkpoint, checkpoint.tensors.map((_, i) => i), { ...options, spawn }));
}

const formats = [
  'mlp.f32.safetensors', 'mlp.bf16.safetensors', 'mlp.f16.safetensors', 'sharded/model.safetensors.index.json',
  'mlp.pt', 'cnn.pth', 'embedding.bin', 'mlp.keras', 'mlp.weights.h5', 'mlp_legacy.h5',
];

for (const name of formats) {
  test(`${name}: two threads and one give every field of the one-thread path, in the file's order`, async () => {
    const path = fixture(name);
    const reference = await oneByOne(path);
    for (const threads of [2, 1]) {
      const { counts, spawn } = countedThreads();
      const layers = await parallel(path, { threads }, spawn);
      assert.deepEqual(layers, reference, `${threads} thread(s)`);
      assert.equal(counts.spawned, Math.min(threads, reference.length));
      assert.equal(counts.exited, counts.spawned, 'every thread has ended when the result is back');
      assert.ok(counts.mostInFlight <= threads);
    }
  });
}

test('layers are handed out largest first (ties in the file order) and reported with their index', async () => {
  const path = fixture('cnn.pth');
  const { spawn } = countedThreads();
  const seen: number[] = [];
  const layers = await withCheckpoint(path, async (checkpoint) => {
    const result = await inspectInParallel(path, checkpoint, checkpoint.tensors.map((_, i) => i), { spawn, threads: 1, onLayer: (index, layer, done, total) => {
      assert.equal(layer.name, checkpoint.tensors[index].name);
      assert.deepEqual([done, total], [seen.length + 1, checkpoint.tensors.length]);
      seen.push(index);
    } });
    return result;
  });
  const order = layers.map((l, i) => [l.parameters, i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, i]) => i);
  assert.deepEqual(seen, order);
  assert.notDeepEqual(order, layers.map((_, i) => i), 'the fixture is not already in that order');
});

test('--layers: only the chosen tensors, in the file order', async () => {
  const path = fixture('mlp.pt');
  const reference = await oneByOne(path);
  const { spawn } = countedThreads();
  const chosen = [0, 2, 4];
  const layers = await withCheckpoint(path, (checkpoint) => inspectInParallel(path, checkpoint, chosen, { spawn, threads: 2 }));
  assert.deepEqual(layers, chosen.map((i) => reference[i]));
});

test('norms only: the one-thread norms, no spectrum', async () => {
  const path = fixture('mlp.bf16.safetensors');
  const reference = await oneByOne(path);
  const { spawn } = countedThreads();
  const layers = await parallel(path, { threads: 2, spectra: false }, spawn);
  // Streamed chunks and matrix rows sum in different orders: equal to rounding.
  for (const [i, layer] of layers.entries()) {
    const want = reference[i];
    assert.deepEqual([layer.name, layer.maxAbs, layer.exactZeros, layer.sparsity], [want.name, want.maxAbs, want.exactZeros, want.sparsity]);
    close(layer.frobenius!, want.frobenius!, 1e-12, 0, `${layer.name} ‖W‖_F`);
    close(layer.l1!, want.l1!, 1e-12, 0, `${layer.name} ‖W‖₁`);
  }
  assert.ok(layers.every((l) => l.alpha === null && l.spectralNorm === null));
  assert.ok(reference.some((l) => l.alpha !== null));
});

test('a memory budget below every layer lets one layer run at a time, with the same result', async () => {
  const path = fixture('cnn.pth');
  const { counts, spawn } = countedThreads();
  assert.deepEqual(await parallel(path, { threads: 2, budgetBytes: 1 }, spawn), await oneByOne(path));
  assert.equal(counts.mostInFlight, 1);
});

test('a hostile tensor: the one-thread message naming the file and tensor, and every thread ends', async () => {
  const path = fixture('huge.weights.h5');
  const message = await withCheckpoint(path, async (checkpoint) => {
    const error = await inspectTensor(checkpoint.tensors.find((t) => t.name === 'layers/dense/vars/0')!).then(() => null, (e: Error) => e.message);
    assert.match(error ?? '', /huge\.weights\.h5: tensor 'layers\/dense\/vars\/0': 9600000000 bytes/);
    return error;
  });
  const { counts, spawn } = countedThreads();
  await assert.rejects(parallel(path, { threads: 2 }, spawn), (error: Error) => error instanceof CheckpointError && error.message === message);
  assert.equal(counts.exited, counts.spawned);
});

/** A thread that opens, then on its first layer throws (uncaught) or exits without an answer. */
function brokenThread(tensors: number, onLayer: string): () => Worker {
  const code = `const { parentPort } = require('node:worker_threads');
parentPort.postMessage({ type: 'opened', tensors: ${tensors} });
parentPort.on('message', () => { ${onLayer} });`;
  return () => new Worker(code, { eval: true });
}

for (const [what, onLayer, reason] of [
  ['throws', `throw new Error('boom')`, /the layer thread stopped: boom/],
  ['exits', 'process.exit(7)', /the layer thread exited \(code 7\)/],
] as const) {
  test(`a layer thread that ${what} mid-layer: the file and tensor are named, nothing waits for it`, async () => {
    const path = fixture('mlp.pt');
    const { counts, spawn } = countedThreads(brokenThread(6, onLayer));
    await assert.rejects(
      withCheckpoint(path, (checkpoint) => inspectInParallel(path, checkpoint, checkpoint.tensors.map((_, i) => i), { spawn, threads: 2 })),
      (error: Error) => error instanceof CheckpointError && error.file === path && error.tensor !== null && reason.test(error.message),
    );
    assert.equal(counts.exited, counts.spawned);
  });
}

test('closing the editor (terminating its inspect worker) ends every layer thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reglens-cancel-'));
  try {
    // 24 matrices 384 × 384: far more work than the first layer's.
    const header: Record<string, unknown> = {};
    const bytes = 384 * 384 * 4;
    for (let i = 0; i < 24; i++) header[`w${i}`] = { dtype: 'F32', shape: [384, 384], data_offsets: [i * bytes, (i + 1) * bytes] };
    const path = join(dir, 'many.safetensors');
    writeFileSync(path, safetensorsBytes(header, 24 * bytes));
    await readFile(path); // the file system's thread pool is started before counting
    const threads = () => readdirSync('/proc/self/task').length;
    const before = threads();
    const worker = new Worker(dist('inspectWorker.js'), { workerData: { path } });
    await new Promise<void>((resolve) => worker.on('message', (m: { type: string }) => m.type === 'layer' && resolve()));
    assert.ok(threads() > before, 'the inspect worker and its layer threads are running');
    await worker.terminate();
    assert.equal(threads(), before, 'no layer thread outlives its inspect worker');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a thread that cannot be started: the file is named and the threads already started end', async () => {
  const path = fixture('mlp.pt');
  const { counts, spawn } = countedThreads();
  let calls = 0;
  const failing = (job: LayerThreadJob) => {
    if (++calls === 2) throw new Error('no more threads');
    return spawn(job);
  };
  await assert.rejects(
    withCheckpoint(path, (checkpoint) => inspectInParallel(path, checkpoint, checkpoint.tensors.map((_, i) => i), { spawn: failing, threads: 2 })),
    (error: Error) => error instanceof CheckpointError && error.message === `${path}: no layer thread could be started: no more threads`,
  );
  assert.deepEqual([counts.spawned, counts.exited], [1, 1]);
});
