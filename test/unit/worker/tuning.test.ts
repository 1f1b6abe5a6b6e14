import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { generateSynthetic } from '../../../src/core/data/synthetic';
import { completeSpec } from '../../../src/core/spec';
import type { TuningJob } from '../../../src/core/tuning/types';
import { isHostToWorker, isWorkerToHost, type WorkerToHost } from '../../../src/protocol/worker';
import { WorkerPool } from '../../../src/worker/pool';
import { tune } from '../../../src/worker/tune';

const dataset = generateSynthetic({ dataset: 'blobs', samples: 60, noise: 0.3, features: 2, classes: 3, seed: 1 });
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
const tuneStart = { type: 'tune-start', jobId: 7, job, rows: { key: 'k', dataset }, cancelFlag: new SharedArrayBuffer(4) };

test('tune-start is accepted only in its full shape', () => {
  assert.ok(isHostToWorker(tuneStart));
  assert.ok(isHostToWorker({ ...tuneStart, rows: { key: 'k', dataset: null } }));
  assert.ok(!isHostToWorker({ ...tuneStart, rows: { dataset } }));
  assert.ok(!isHostToWorker({ ...tuneStart, rows: { key: 'k', dataset: { ...dataset, rows: dataset.rows + 1 } } }));
  assert.ok(!isHostToWorker({ ...tuneStart, job: { ...job, lambdas: [] } }));
  assert.ok(!isHostToWorker({ ...tuneStart, job: { ...job, lambdas: [-1] } }));
  assert.ok(!isHostToWorker({ ...tuneStart, job: { ...job, fold: -2 } }));
  assert.ok(!isHostToWorker({ ...tuneStart, job: { ...job, folds: { count: 1, seed: 1, standardize: true } } }));
  assert.ok(!isHostToWorker({ ...tuneStart, job: { ...job, spec: undefined } }));
  assert.ok(!isHostToWorker({ ...tuneStart, job: { ...job, resume: 'epoch 3' } }));
  assert.ok(!isHostToWorker({ ...tuneStart, cancelFlag: new ArrayBuffer(4) }));
});

test('tune-outcome and tune-done are accepted only in their full shape', () => {
  const outcome = { lambda: 0.1, fold: 2, stage: 0, epochs: 4, stopReason: 'completed', weights: null };
  assert.ok(isWorkerToHost({ type: 'tune-outcome', jobId: 1, outcome }));
  assert.ok(isWorkerToHost({ type: 'tune-done', jobId: 1, result: { job: 3, outcomes: [outcome] } }));
  assert.ok(!isWorkerToHost({ type: 'tune-outcome', jobId: 1, outcome: { ...outcome, fold: 0.5 } }));
  assert.ok(!isWorkerToHost({ type: 'tune-outcome', jobId: 1 }));
  assert.ok(!isWorkerToHost({ type: 'tune-done', jobId: 1, result: { job: 3, outcomes: [{ ...outcome, lambda: '0.1' }] } }));
  assert.ok(!isWorkerToHost({ type: 'tune-done', jobId: 1, result: { outcomes: [] } }));
});

test('the worker keeps the rows of its key, posts each λ without weights and the result with them', () => {
  const posted: WorkerToHost[] = [];
  const post = (message: WorkerToHost) => posted.push(message);
  tune(tuneStart as never, { aborted: false }, post);
  tune({ ...tuneStart, jobId: 8, job: { ...job, keepCheckpoint: true }, rows: { key: 'k', dataset: null } } as never, { aborted: false }, post);
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
  assert.throws(() => tune({ ...tuneStart, rows: { key: 'other', dataset: null } } as never, { aborted: false }, post), /no rows for "other".*holds "k"/);
});

/** A stand-in worker that answers each tune-start with whether it was sent the rows. */
function echoWorker(): Worker {
  const code = `
    const { parentPort } = require('node:worker_threads');
    parentPort.on('message', (m) => {
      if (m.type !== 'tune-start') return;
      const outcome = { lambda: m.job.lambdas[0], fold: m.job.fold, stage: m.job.stage, epochs: 1, stopReason: m.rows.dataset ? 'sent' : 'held', weights: null };
      parentPort.postMessage({ type: 'tune-outcome', jobId: m.jobId, outcome });
      parentPort.postMessage({ type: 'tune-done', jobId: m.jobId, result: { job: m.job.id, outcomes: [outcome] } });
    });`;
  return new Worker(code, { eval: true });
}

async function stage(pool: WorkerPool, key: string, count: number): Promise<string[]> {
  const tasks = Array.from({ length: count }, (_, i) => pool.tune({ ...job, id: i }, { key, dataset }));
  const outcomes = await Promise.all(tasks.map((task) => task.outcome));
  return outcomes.map((outcome) => (outcome.kind === 'done' ? outcome.result.outcomes[0]!.stopReason : outcome.kind));
}

test('the pool sends the rows once per worker and key, and a hold keeps idle workers between stages', async () => {
  let spawned = 0;
  const pool = new WorkerPool({ spawn: () => (spawned++, echoWorker()), size: 1 });
  const hold = pool.hold();
  assert.deepEqual(await stage(pool, 'a', 3), ['sent', 'held', 'held']);
  assert.equal(pool.liveWorkers, 1, 'the held pool let its idle worker go');
  assert.deepEqual(await stage(pool, 'a', 2), ['held', 'held']);
  assert.deepEqual(await stage(pool, 'b', 2), ['sent', 'held']);
  assert.equal(spawned, 1);
  await hold.release();
  assert.equal(pool.liveWorkers, 0);
  // Without a hold a new stage starts a new worker, which must be sent the rows again.
  assert.deepEqual(await stage(pool, 'b', 1), ['sent']);
  assert.equal(pool.liveWorkers, 0);
  await pool.dispose();
});

test('tuning progress reaches its handler, and a cancelled queued tuning job never starts', async () => {
  const pool = new WorkerPool({ spawn: echoWorker, size: 1 });
  const seen: number[] = [];
  const first = pool.tune(job, { key: 'a', dataset }, { onOutcome: (o) => seen.push(o.lambda) });
  const queued = pool.tune({ ...job, id: 1 }, { key: 'a', dataset }, { onOutcome: () => assert.fail('the cancelled job ran') });
  queued.cancel();
  assert.deepEqual(await queued.outcome, { kind: 'cancelled' });
  assert.equal((await first.outcome).kind, 'done');
  assert.deepEqual(seen, [1]);
  assert.equal(pool.liveWorkers, 0);
});
