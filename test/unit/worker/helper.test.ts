// Issue 17: a real training worker (dist/worker.js) shares a single run's large GEMMs with its
// helper thread (dist/kernelHelper.js), and the saved run.json names the kernels and the threads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { completeSpec } from '../../../src/core';
import type { ExperimentJob } from '../../../src/protocol/worker';
import { WorkerPool } from '../../../src/worker/pool';
import { RunStore } from '../../../src/io/runStore';

test('a single run with layers large enough trains on two threads and its run.json says so', async () => {
  const root = mkdtempSync(join(tmpdir(), 'reglens-helper-'));
  const experiment: ExperimentJob = {
    name: 'blobs-wide',
    data: { kind: 'synthetic', dataset: 'blobs', samples: 400, noise: 0.5, features: 64, classes: 4, validation: 0.2, standardize: true, seed: 3 },
    // 64 → 256 at batch 128: 4.2 MFLOP a product, over the threshold.
    spec: completeSpec({ model: { hidden: [256] }, training: { epochs: 2, batchSize: 128 } }),
  };
  const pool = new WorkerPool({ spawn: () => new Worker(join(process.cwd(), 'dist', 'worker.js')), size: 2 });
  try {
    const outcome = await pool.run(experiment, { configDir: root, mediaDir: join(process.cwd(), 'media'), storeRoot: root }).outcome;
    assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
    const record = outcome.kind === 'done' ? outcome.record : null;
    assert.equal(record?.threads, 2);
    assert.equal(record?.kernels, 'webassembly-relaxed-simd');
    const stored = JSON.parse(readFileSync(join(new RunStore(root).runDir(record!.experiment, record!.id), 'run.json'), 'utf8'));
    assert.equal(stored.threads, 2);
    assert.equal(stored.kernels, 'webassembly-relaxed-simd');
  } finally {
    await pool.dispose();
  }
});
