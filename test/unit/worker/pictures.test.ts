// Issue 15 item 1: a real worker (dist/worker.js) sends each picture snapshot while the run trains,
// before that epoch's report, and the saved record holds exactly the pictures it sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { completeSpec, type PictureSnapshot, type PlanePoints } from '../../../src/core';
import type { ExperimentJob } from '../../../src/protocol/worker';
import { WorkerPool } from '../../../src/worker/pool';

test('a training worker forwards the pictures at the picture epochs and the last, each before its epoch', async () => {
  const root = mkdtempSync(join(tmpdir(), 'reglens-pictures-'));
  const experiment: ExperimentJob = {
    name: 'moons-pictures',
    data: { kind: 'synthetic', dataset: 'moons', samples: 40, noise: 0.2, features: 2, classes: 2, validation: 0.25, standardize: true, seed: 3 },
    spec: completeSpec({ model: { hidden: [6] }, training: { epochs: 7, batchSize: 0 }, diagnostics: { pictureEpochs: [2, 5] } }),
  };
  const pool = new WorkerPool({ spawn: () => new Worker(join(process.cwd(), 'dist', 'worker.js')), size: 1 });
  const seen: string[] = [];
  const forwarded: { snapshot: PictureSnapshot; points: PlanePoints | null }[] = [];
  try {
    const outcome = await pool.run(experiment, { configDir: root, mediaDir: join(process.cwd(), 'media'), storeRoot: root }, {
      onEpoch: (report) => seen.push(`epoch ${report.epoch}`),
      onPicture: (snapshot, points) => {
        seen.push(`picture ${snapshot.epoch}`);
        forwarded.push({ snapshot, points });
      },
    }).outcome;
    assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
    const record = outcome.kind === 'done' ? outcome.record : null;
    assert.deepEqual(seen, ['epoch 1', 'picture 2', 'epoch 2', 'epoch 3', 'epoch 4', 'picture 5', 'epoch 5', 'epoch 6', 'picture 7', 'epoch 7']);
    assert.deepEqual(record?.pictures?.snapshots, forwarded.map((f) => f.snapshot));
    for (const { points } of forwarded) assert.deepEqual(points, record?.pictures?.points);
    assert.equal(forwarded[0].points?.train.total, 30);
    assert.equal(forwarded[0].snapshot.boundary?.values.length, 40 * 40);
  } finally {
    await pool.dispose();
  }
});
