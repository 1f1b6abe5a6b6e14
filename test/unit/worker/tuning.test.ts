import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completeSpec, type TuningJob } from '../../../src/core';
import { checkHostToWorker, isWorkerToHost, type TuningRows, type WorkerToHost } from '../../../src/protocol/worker';
import { WorkerPool } from '../../../src/worker/pool';
import { tune, tuningRows } from '../../../src/worker/tune';
import { TuningStore } from '../../../src/io/tuningStore';
import { fixtureTunings } from '../webview/fixture';

const isHostToWorker = (value: unknown) => checkHostToWorker(value).ok;
const mediaDir = join(process.cwd(), 'media');
const rows = (key: string): TuningRows => ({
  key,
  data: { kind: 'synthetic', dataset: 'blobs', samples: 60, noise: 0.3, features: 2, classes: 3, validation: 0.2, standardize: true, seed: 1 },
  dirs: { configDir: process.cwd(), mediaDir, storeRoot: process.cwd() },
});
const job: TuningJob = {
  id: 0,
  stage: 0,
  fold: -1,
  lambdas: [1, 0.1],
  epochs: 4,
  warmStart: true,
  spec: completeSpec({ model: { hidden: [] }, training: { epochs: 4, batchSize: 0, optimizer: 'fista' }, regularization: { penalty: 'l1', lambda: 0.1 } }),
  folds: { count: 3, seed: 1, standardize: true },
  tolerance: 0,
  keepWeights: true,
  resume: null,
  keepCheckpoint: false,
};
const plan = {
  spec: job.spec,
  settings: { lambdas: [1, 0.1], includeZero: false, folds: 3, metric: 'valLoss', rule: '1se', strategy: 'grid', warmStart: true, seed: 1, standardize: true } as const,
};
const tuneStart = { type: 'tune-start', jobId: 7, job, rows: rows('k'), cancelFlag: new SharedArrayBuffer(4) } as const;

test('tune-start is accepted only in its full shape', () => {
  assert.ok(isHostToWorker(tuneStart));
  assert.ok(isHostToWorker({ type: 'tune-load', jobId: 3, rows: rows('k'), plan, cancelFlag: new SharedArrayBuffer(4) }));
  assert.ok(!isHostToWorker({ type: 'tune-load', jobId: 3, rows: rows('k'), cancelFlag: new SharedArrayBuffer(4) }));
  assert.ok(!isHostToWorker({ ...tuneStart, rows: { data: rows('k').data } }));
  assert.ok(!isHostToWorker({ ...tuneStart, rows: { ...rows('k'), data: { kind: 'csv', csv: 'x.csv' } } }));
  assert.ok(!isHostToWorker({ ...tuneStart, job: { ...job, lambdas: [] } }));
  assert.ok(!isHostToWorker({ ...tuneStart, job: { ...job, lambdas: [-1] } }));
  assert.ok(!isHostToWorker({ ...tuneStart, job: { ...job, fold: -2 } }));
  assert.ok(!isHostToWorker({ ...tuneStart, job: { ...job, folds: { count: 1, seed: 1, standardize: true } } }));
  assert.ok(!isHostToWorker({ ...tuneStart, job: { ...job, spec: undefined } }));
  assert.ok(!isHostToWorker({ ...tuneStart, job: { ...job, resume: 'epoch 3' } }));
  assert.ok(!isHostToWorker({ ...tuneStart, cancelFlag: new ArrayBuffer(4) }));
});

test('tune-outcome and tune-done are accepted only in their full shape', () => {
  const outcome = {
    lambda: 0.1, fold: 2, stage: 0, epochs: 4, stopReason: 'converged', trainLoss: 0.5, valLoss: null, trainMetric: 0.9, valMetric: null,
    objective: 0.6, frobenius: 1.5, sparsity: 0.2, exactZeros: 0.1, ms: 3, trainedEpochs: 4, weights: null, checkpoint: null,
  };
  assert.ok(isWorkerToHost({ type: 'tune-outcome', jobId: 1, outcome }));
  assert.ok(isWorkerToHost({ type: 'tune-done', jobId: 1, result: { job: 3, outcomes: [outcome] } }));
  assert.ok(!isWorkerToHost({ type: 'tune-outcome', jobId: 1, outcome: { ...outcome, fold: 0.5 } }));
  assert.ok(!isWorkerToHost({ type: 'tune-outcome', jobId: 1 }));
  assert.ok(!isWorkerToHost({ type: 'tune-done', jobId: 1, result: { job: 3, outcomes: [{ ...outcome, lambda: '0.1' }] } }));
  assert.ok(!isWorkerToHost({ type: 'tune-done', jobId: 1, result: { outcomes: [] } }));
});

test('the worker loads the rows of its key once, posts each λ without weights and the result with them', async () => {
  const posted: WorkerToHost[] = [];
  const post = (message: WorkerToHost) => posted.push(message);
  const loaded = await tuningRows(rows('k'));
  assert.equal(loaded.summary.trainRows, 48, 'the training split of 60 rows with 20% held out');
  await tune(tuneStart, { aborted: false }, post);
  await tune({ ...tuneStart, jobId: 8, job: { ...job, keepCheckpoint: true } }, { aborted: false }, post);
  assert.equal(await tuningRows(rows('k')), loaded, 'the rows of the key are kept, not loaded again');
  assert.deepEqual(
    posted.map((m) => m.type),
    ['tune-outcome', 'tune-outcome', 'tune-done', 'tune-outcome', 'tune-outcome', 'tune-done'],
  );
  for (const message of posted) {
    assert.ok(isWorkerToHost(message), JSON.stringify(message.type));
    if (message.type === 'tune-outcome') assert.deepEqual([message.outcome.weights, message.outcome.checkpoint], [null, null]);
    if (message.type === 'tune-done') assert.equal(message.result.outcomes[1]!.weights?.[0]?.weight.length, 2 * 3);
  }
  const last = posted.at(-1);
  assert.ok(last?.type === 'tune-done' && last.jobId === 8 && last.result.outcomes.every((o) => o.checkpoint !== null), 'the checkpoints did not reach tune-done');
  const missing = { ...rows('other'), data: { kind: 'csv', csv: 'no/such.csv', target: 'y', task: 'auto', validation: 0.2, standardize: true, seed: 1 } } as const;
  await assert.rejects(tune({ ...tuneStart, rows: missing }, { aborted: false }, post), /no such file/);
});

/** A stand-in worker that answers each tune-start with whether it had to load the rows (ms 1) or held them (ms 0). */
function echoWorker(): Worker {
  const code = `
    const { parentPort } = require('node:worker_threads');
    let held = null;
    parentPort.on('message', (m) => {
      if (m.type !== 'tune-start') return;
      const loaded = held !== m.rows.key;
      held = m.rows.key;
      const outcome = {
        lambda: m.job.lambdas[0], fold: m.job.fold, stage: m.job.stage, epochs: 1, stopReason: 'completed', trainLoss: 1, valLoss: 1, trainMetric: 0,
        valMetric: 0, objective: 1, frobenius: 1, sparsity: 0, exactZeros: 0, ms: loaded ? 1 : 0, trainedEpochs: 1, weights: null, checkpoint: null,
      };
      parentPort.postMessage({ type: 'tune-outcome', jobId: m.jobId, outcome });
      parentPort.postMessage({ type: 'tune-done', jobId: m.jobId, result: { job: m.job.id, outcomes: [outcome] } });
    });`;
  return new Worker(code, { eval: true });
}

async function stage(pool: WorkerPool, key: string, count: number): Promise<string[]> {
  const tasks = Array.from({ length: count }, (_, i) => pool.tune({ ...job, id: i }, rows(key)));
  const outcomes = await Promise.all(tasks.map((task) => task.outcome));
  return outcomes.map((outcome) => (outcome.kind === 'done' ? (outcome.result.outcomes[0]!.ms === 1 ? 'loaded' : 'held') : outcome.kind));
}

test('each worker loads the rows once per key, and a hold keeps idle workers (and their rows) between stages', async () => {
  let spawned = 0;
  const pool = new WorkerPool({ spawn: () => (spawned++, echoWorker()), size: 1 });
  const hold = pool.hold();
  assert.deepEqual(await stage(pool, 'a', 3), ['loaded', 'held', 'held']);
  assert.equal(pool.liveWorkers, 1, 'the held pool let its idle worker go');
  assert.deepEqual(await stage(pool, 'a', 2), ['held', 'held']);
  assert.deepEqual(await stage(pool, 'b', 2), ['loaded', 'held']);
  assert.equal(spawned, 1);
  await hold.release();
  assert.equal(pool.liveWorkers, 0);
  // Without a hold a new stage starts a new worker, which must load the rows again.
  assert.deepEqual(await stage(pool, 'b', 1), ['loaded']);
  assert.equal(pool.liveWorkers, 0);
  await pool.dispose();
});

test('tuning progress reaches its handler, and a cancelled queued tuning job never starts', async () => {
  const pool = new WorkerPool({ spawn: echoWorker, size: 1 });
  const seen: number[] = [];
  const first = pool.tune(job, rows('a'), { onOutcome: (o) => seen.push(o.lambda) });
  const queued = pool.tune({ ...job, id: 1 }, rows('a'), { onOutcome: () => assert.fail('the cancelled job ran') });
  queued.cancel();
  assert.deepEqual(await queued.outcome, { kind: 'cancelled' });
  assert.equal((await first.outcome).kind, 'done');
  assert.deepEqual(seen, [1]);
  assert.equal(pool.liveWorkers, 0);
});

test('a real worker loads a tuning\'s rows (saying what they are) and saves its record in the store', async () => {
  const pool = new WorkerPool({ spawn: () => new Worker(join(process.cwd(), 'dist', 'worker.js')), size: 1 });
  const hold = pool.hold();
  try {
    const loaded = await pool.load(rows('real'), { ...plan, settings: { ...plan.settings, lambdas: 'auto' } }).outcome;
    assert.equal(loaded.kind === 'done' && loaded.summary.trainRows, 48);
    assert.equal(loaded.kind === 'done' && loaded.shape.folds.length, 48, 'the fold of every row');
    assert.ok(loaded.kind === 'done' && loaded.shape.lambdaMax! > 0, 'λ_max for the "auto" grid');
    const root = mkdtempSync(join(tmpdir(), 'reglens-tune-save-'));
    const record = { ...fixtureTunings()[0]!, id: '20261129-220000-000-beef' };
    const saved = await pool.saveTuning(record, root).outcome;
    assert.equal(saved.kind, 'done');
    const { tunings, problems } = await new TuningStore(root).list(record.experiment);
    assert.deepEqual(problems, []);
    assert.deepEqual(tunings.map((t) => t.id), [record.id]);
    assert.equal(saved.kind === 'done' && saved.path, new TuningStore(root).file(record.experiment, record.id));
  } finally {
    await hold.release();
    await pool.dispose();
  }
});
