// Issue 17: a real training worker (dist/worker.js) shares a single run's large GEMMs with its
// helper thread (dist/kernelHelper.js), or has it compute the epoch reports, and the saved run.json
// names the kernels and the threads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { completeSpec, train, type RunRecord, type TrainResult } from '../../../src/core';
import { HelperThread } from '../../../src/io/helperThread';
import { syntheticDataset, splitAt } from '../core/fixtures';
import type { ExperimentJob } from '../../../src/protocol/worker';
import { WorkerPool } from '../../../src/worker/pool';
import { RunStore } from '../../../src/io/runStore';

/** Trains the experiment as a pool's only job, through a real training worker; its record and store. */
async function trainAlone(experiment: ExperimentJob): Promise<{ record: RunRecord; root: string }> {
  const root = mkdtempSync(join(tmpdir(), 'reglens-helper-'));
  const pool = new WorkerPool({ spawn: () => new Worker(join(process.cwd(), 'dist', 'worker.js')), size: 2 });
  try {
    const outcome = await pool.run(experiment, { configDir: root, mediaDir: join(process.cwd(), 'media'), storeRoot: root }).outcome;
    assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
    return { record: (outcome as Extract<typeof outcome, { kind: 'done' }>).record, root };
  } finally {
    await pool.dispose();
  }
}

test('a single run with layers large enough trains on two threads and its run.json says so', async () => {
  const { record, root } = await trainAlone({
    name: 'blobs-wide',
    data: { kind: 'synthetic', dataset: 'blobs', samples: 400, noise: 0.5, features: 64, classes: 4, validation: 0.2, standardize: true, seed: 3 },
    // 64 → 256 at batch 128: 4.2 MFLOP a product, over the threshold.
    spec: completeSpec({ model: { hidden: [256] }, training: { epochs: 2, batchSize: 128 } }),
  });
  assert.equal(record.threads, 2);
  assert.equal(record.kernels, 'webassembly-relaxed-simd');
  const stored = JSON.parse(readFileSync(join(new RunStore(root).runDir(record.experiment, record.id), 'run.json'), 'utf8'));
  assert.equal(stored.threads, 2);
  assert.equal(stored.kernels, 'webassembly-relaxed-simd');
});

test('a single run too small to split has its helper thread compute the epoch reports, and run.json says so', async () => {
  const { record } = await trainAlone({
    name: 'blobs-small',
    data: { kind: 'synthetic', dataset: 'blobs', samples: 300, noise: 0.5, features: 8, classes: 3, validation: 0.2, standardize: true, seed: 3 },
    spec: completeSpec({ model: { hidden: [16] }, training: { epochs: 4, batchSize: 16 } }),
  });
  assert.equal(record.threads, 2);
  assert.match(record.threadsNote ?? '', /helper thread computed each epoch's report/);
  assert.equal(record.epochs.length, 4);
  assert.ok(record.epochs.every((e) => e.layers.length === 2 && Number.isFinite(e.valLoss)));
});

test("the helper thread's reports equal the run's own thread's, bit for bit, also when early stopping undoes an epoch", () => {
  const data = splitAt(syntheticDataset(60, 20, 'multiclass', 3, 7), 30);
  const spec = completeSpec({ model: { hidden: [64] }, training: { epochs: 300, learningRate: 0.3, batchSize: 4, earlyStopping: { patience: 5, restoreBest: true } } });
  const withoutMs = (result: TrainResult) => result.epochs.map((report) => ({ ...report, ms: 0 }));
  const one = train(spec, data);
  const helper = new HelperThread(join(process.cwd(), 'dist', 'kernelHelper.js'));
  const two = train(spec, data, undefined, { threads: { helper, reports: helper } });
  assert.equal(one.stopReason, 'earlyStopped');
  assert.equal(two.helperReports, true);
  assert.deepEqual(withoutMs(two), withoutMs(one));
  assert.deepEqual(two.weights, one.weights);
  assert.deepEqual([two.stopReason, two.bestEpoch], [one.stopReason, one.bestEpoch]);
});

test('the helper thread skips an answer a failed run never took, and says when it has no run to report on', () => {
  const data = splitAt(syntheticDataset(200, 6, 'multiclass'), 150);
  const spec = completeSpec({ model: { hidden: [8] }, training: { epochs: 3, batchSize: 16 } });
  const one = train(spec, data);
  const helper = new HelperThread(join(process.cwd(), 'dist', 'kernelHelper.js'));
  helper.open(spec, data, null);
  helper.request({ epoch: 1, weights: one.weights, gradientNorm: 1, ms: 1, histograms: true });
  const two = train(spec, data, undefined, { threads: { helper, reports: helper } });
  assert.equal(two.helperReports, true);
  assert.deepEqual(two.epochs.map((report) => ({ ...report, ms: 0 })), one.epochs.map((report) => ({ ...report, ms: 0 })));
  helper.request({ epoch: 1, weights: one.weights, gradientNorm: 1, ms: 1, histograms: false });
  assert.throws(() => helper.take(), /could not compute the epoch report: no run is open/);
});
