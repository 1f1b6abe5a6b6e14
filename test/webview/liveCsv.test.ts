/**
 * A CSV experiment training on a real worker (dist/worker.js): the dashboard's header shows the real
 * m and row counts while it trains, from the worker's `started` message; the host guesses nothing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { test } from 'node:test';
import { completeSpec, type EpochReport } from '../../src/core';
import type { RunStart } from '../../src/protocol/worker';
import { WorkerPool } from '../../src/worker/pool';
import { webviewPages } from './harness';

const root = process.cwd();
const openView = webviewPages(root);

/** 50 rows of two features and a class; 20% held out for validation: 40 training rows, 10 validation rows. */
function csvFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'reglens-live-csv-'));
  const lines = ['a,b,label', ...Array.from({ length: 50 }, (_, i) => `${(i % 7) / 7},${(i % 5) / 5},${i % 2 === 0 ? 'even' : 'odd'}`)];
  writeFileSync(join(folder, 'rows.csv'), lines.join('\n') + '\n');
  return folder;
}

test('dashboard: a CSV run in training shows its real training and validation rows and m in the objective', async () => {
  const folder = csvFolder();
  const pool = new WorkerPool({ spawn: () => new Worker(join(root, 'dist', 'worker.js')), size: 1 });
  let start: RunStart | null = null;
  const epochs: EpochReport[] = [];
  let firstEpoch!: () => void;
  const training = new Promise<void>((resolve) => (firstEpoch = resolve));
  const job = pool.run(
    {
      name: 'csv-live',
      data: { kind: 'csv', csv: 'rows.csv', target: 'label', task: 'classification', validation: 0.2, standardize: true, seed: 1 },
      spec: completeSpec({ model: { hidden: [4] }, training: { epochs: 200 }, regularization: { penalty: 'l2', lambda: 0.01 } }),
    },
    { configDir: folder, mediaDir: join(root, 'media'), storeRoot: folder },
    {
      onStart: (run) => (start = run),
      onEpoch: (report) => {
        if (epochs.length < 3) epochs.push(report);
        firstEpoch();
      },
    },
  );
  try {
    await training;
    assert.ok(start, 'the worker did not speak first');
    const run: RunStart = start;
    assert.equal(run.dataset.trainRows, 40);
    assert.equal(run.dataset.validationRows, 10);
    const view = await openView('dashboard', 'dark', 1000);
    // What the views show between the worker's `started` and its `done`: the live run, summary unknown.
    await view.send({ type: 'runs', runs: [{ ...run, epochs: [], summary: null }] });
    await view.send({ type: 'epochs', runId: run.id, epochs });
    await view.settle();
    const header = (await view.page.textContent('.run-header')) ?? '';
    assert.match(header, /csv rows\.csv \(target label\): 40 training rows, 10 validation rows/);
    assert.match(header, /m=40/);
    assert.match(header, /running, epoch 3 of 200/);
    assert.deepEqual(await view.problems(), []);
    await view.page.close();
  } finally {
    job.cancel();
    await job.outcome;
    await pool.dispose();
  }
});
