/**
 * Issue 11, item 5: Stop, a crash or out of memory never loses a run. The host keeps every epoch its
 * worker reported and saves the run itself, as cancelled or failed, whatever happens to the worker.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { completeSpec } from '../../../src/core';
import { RunStore } from '../../../src/io/runStore';
import type { ExperimentJob } from '../../../src/protocol/worker';
import { trainKeepingEpochs } from '../../../src/worker/keptRun';
import { WorkerPool } from '../../../src/worker/pool';
import { fixtureRuns } from '../webview/fixture';

const [fixture] = fixtureRuns();
const experiment: ExperimentJob = { name: fixture!.experiment, data: { kind: 'bundled', dataset: 'digits', validation: 0.2, standardize: true, seed: 1 }, spec: completeSpec() };

/** The smallest snapshot the contract accepts: a 1 → 1 network without a hidden layer. */
const snapshot = (epoch: number) => ({
  epoch,
  network: { sizes: [1, 1], units: [['live'], ['live']], layers: [{ layer: 0, links: [{ from: 0, to: 0, weight: 0.5 }], total: 1, omitted: 0, maxAbs: 0.5 }], epsilon: 0.001 },
  preActivations: [],
  boundary: null,
  curve: null,
});

/** A stand-in worker: says `started`, reports three epochs (pictures at epoch 2), then does `then`. */
function worker(then: string, resourceLimits?: ResourceLimits): () => Worker {
  const code = `
    const { parentPort } = require('node:worker_threads');
    const base = ${JSON.stringify(fixture)};
    parentPort.on('message', (m) => {
      if (m.type !== 'start') return;
      const { epochs, summary, ...run } = base;
      parentPort.postMessage({ type: 'started', jobId: m.jobId, run: { ...run, id: '20261129-220000-000-abcd' } });
      for (let epoch = 1; epoch <= 3; epoch++) {
        if (epoch === 2) parentPort.postMessage({ type: 'picture', jobId: m.jobId, snapshot: ${JSON.stringify(snapshot(2))}, points: null });
        parentPort.postMessage({ type: 'epoch', jobId: m.jobId, report: { ...epochs[epoch - 1], epoch } });
      }
      ${then}
    });`;
  return () => new Worker(code, { eval: true, resourceLimits });
}

async function kept(then: string, stop: boolean, resourceLimits?: ResourceLimits) {
  const root = mkdtempSync(join(tmpdir(), 'reglens-kept-'));
  const pool = new WorkerPool({ spawn: worker(then, resourceLimits), size: 1, cancelGraceMs: 20 });
  let epochs = 0;
  let started!: () => void;
  const third = new Promise<void>((resolve) => (started = resolve));
  const job = trainKeepingEpochs(pool, experiment, { configDir: root, mediaDir: root, storeRoot: root }, { onEpoch: () => ++epochs === 3 && started() });
  if (stop) {
    await third;
    job.cancel();
  }
  const outcome = await job.outcome;
  assert.equal(pool.liveWorkers, 0, 'a worker is left');
  const store = new RunStore(root);
  return { outcome, store, listed: (await store.list()).runs };
}

test('Stop on an epoch longer than the grace: the worker is ended, the run is saved as cancelled with its epochs', async () => {
  const { outcome, store, listed } = await kept('for (;;) {}', true);
  assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
  assert.deepEqual(listed.map((run) => [run.id, run.summary.stopReason]), [['20261129-220000-000-abcd', 'cancelled']]);
  const record = await store.load(fixture!.experiment, '20261129-220000-000-abcd');
  assert.deepEqual(record.epochs.map((e) => e.epoch), [1, 2, 3]);
  assert.match(record.summary.message, /Stopped after epoch 3/);
  assert.equal(record.summary.final?.epoch, 3);
  assert.deepEqual(record.pictures, { points: null, snapshots: [snapshot(2)] }, 'the pictures taken so far are kept too');
});

test('an exception in the worker: the run is saved as failed with its epochs and the error', async () => {
  const { outcome, listed } = await kept(`throw new Error('boom in epoch 4');`, false);
  assert.equal(outcome.kind, 'error');
  assert.match(outcome.kind === 'error' ? outcome.message : '', /boom in epoch 4/);
  assert.equal(outcome.kind === 'error' && outcome.record?.epochs.length, 3);
  assert.deepEqual(listed.map((run) => run.summary.stopReason), ['failed']);
  assert.match(listed[0]!.summary.message, /Failed after epoch 3: .*boom in epoch 4/);
});

test('a worker out of memory: the run is saved as failed with its epochs', async () => {
  const { outcome, listed } = await kept(`const keep = []; for (;;) keep.push(new Array(1e5).fill(Math.random()));`, false, { maxOldGenerationSizeMb: 16 });
  assert.equal(outcome.kind, 'error');
  assert.deepEqual(listed.map((run) => [run.summary.stopReason, run.summary.final?.epoch]), [['failed', 3]]);
  assert.match(listed[0]!.summary.message, /out of memory/);
});

test('a worker that exits mid-run: the run is saved as failed with its epochs', async () => {
  const { listed } = await kept('process.exit(3);', false);
  assert.deepEqual(listed.map((run) => [run.summary.stopReason, run.summary.final?.epoch]), [['failed', 3]]);
});
