/**
 * Faults at the pool: each job settles (never hangs), the pool keeps no dead worker, and the next job
 * works. Clock-free: workers block on shared flags or loop forever instead of sleeping, and the cancel
 * grace is 0, so no outcome depends on how fast the machine is. (Issue 11, item 6 and "Prove it".)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { WorkerPool, type JobOutcome } from '../../../src/worker/pool';
import type { ExperimentJob, JobDirs } from '../../../src/protocol/worker';
import { completeSpec } from '../../../src/core';
import { fixtureRuns } from '../webview/fixture';

const [fixture] = fixtureRuns();

const experiment: ExperimentJob = {
  name: 'faulty',
  data: { kind: 'bundled', dataset: 'iris', validation: 0.2, standardize: true, seed: 1 },
  spec: completeSpec(),
};
const dirs: JobDirs = { configDir: '/ws', mediaDir: '/ext/media', storeRoot: '/ws' };
/** Only a guard against a hang: every test here settles without waiting on time. */
const guard = { timeout: 60_000 };

/** A stand-in worker; `body` runs on each start message with `m`, `post` and `blockForever()`. */
function worker(body: string, resourceLimits?: ResourceLimits): Worker {
  const code = `
    const { parentPort } = require('node:worker_threads');
    const post = (message) => parentPort.postMessage(message);
    const blockForever = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    const base = ${JSON.stringify(fixture)};
    const report = (epoch) => ({ ...base.epochs[0], epoch });
    const record = (id) => ({ ...base, id, summary: { ...base.summary, stopReason: 'completed' } });
    parentPort.on('message', (m) => {
      if (m.type !== 'start') return;
      ${body}
    });`;
  return new Worker(code, { eval: true, resourceLimits });
}

const epoch = (n: number) => `post({ type: 'epoch', jobId: m.jobId, report: report(${n}) });`;
const healthy = `${epoch(1)} post({ type: 'done', jobId: m.jobId, record: record('ok-' + m.experiment.name) });`;

/** A pool whose first worker runs `faulty` and every later one a healthy job. */
function poolWithFault(faulty: string, options: { size?: number; resourceLimits?: ResourceLimits } = {}) {
  const spawned: Worker[] = [];
  const pool = new WorkerPool({
    spawn: () => {
      const next = spawned.length === 0 ? worker(faulty, options.resourceLimits) : worker(healthy);
      spawned.push(next);
      return next;
    },
    size: options.size ?? 1,
    cancelGraceMs: 0,
  });
  return { pool, spawned };
}

function assertError(outcome: JobOutcome, pattern: RegExp): void {
  assert.equal(outcome.kind, 'error', JSON.stringify(outcome));
  assert.match(outcome.kind === 'error' ? outcome.message : '', pattern);
}

async function assertNextJobWorks(pool: WorkerPool): Promise<void> {
  const next = await pool.run({ ...experiment, name: 'next' }, dirs).outcome;
  assert.equal(next.kind === 'done' && next.record.id, 'ok-next');
  assert.equal(pool.pendingJobs, 0);
  assert.equal(pool.liveWorkers, 0);
}

test('item 6: a worker exiting without an error while jobs are queued fails its job and the queued ones run on a new worker', guard, async () => {
  const { pool, spawned } = poolWithFault(`${epoch(1)} process.exit(0);`);
  const first = pool.run(experiment, dirs);
  const queued = ['q1', 'q2'].map((name) => pool.run({ ...experiment, name }, dirs));
  assertError(await first.outcome, /stopped unexpectedly \(exit code 0\)/);
  const outcomes = await Promise.all(queued.map((job) => job.outcome));
  assert.deepEqual(outcomes.map((o) => o.kind === 'done' && o.record.id), ['ok-q1', 'ok-q2']);
  assert.equal(spawned.length, 2, 'one replacement worker');
  await assertNextJobWorks(pool);
});

test('fault: a worker killed mid-epoch fails its job with the epochs reported so far, and the next job works', guard, async () => {
  const { pool, spawned } = poolWithFault(`${epoch(1)} ${epoch(2)} blockForever();`);
  const epochs: number[] = [];
  const job = pool.run(experiment, dirs, {
    onEpoch: (report) => {
      epochs.push(report.epoch);
      if (epochs.length === 2) void spawned[0]!.terminate();
    },
  });
  assertError(await job.outcome, /stopped unexpectedly/);
  assert.deepEqual(epochs, [1, 2]);
  await assertNextJobWorks(pool);
});

test('fault: an exception inside the worker fails its job, and the next job works', guard, async () => {
  const { pool } = poolWithFault(`${epoch(1)} throw new RangeError('bad index in the worker');`);
  assertError(await pool.run(experiment, dirs).outcome, /crashed: bad index in the worker/);
  await assertNextJobWorks(pool);
});

test('fault: a worker out of memory (resource-limited) fails its job with a hint, and the next job works', guard, async () => {
  const hog = `${epoch(1)} const keep = []; for (;;) keep.push(new Array(1e5).fill(m.jobId + 0.5));`;
  const { pool } = poolWithFault(hog, { resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } });
  assertError(await pool.run(experiment, dirs).outcome, /out of memory.*smaller model/);
  await assertNextJobWorks(pool);
});

test('fault: an epoch longer than the cancel grace ends as cancelled when the worker is terminated, and the next job works', guard, async () => {
  const { pool } = poolWithFault(`${epoch(1)} for (;;) {}`);
  const logs: string[] = [];
  const job = pool.run(experiment, dirs, { onEpoch: () => job.cancel(), onLog: (_, message) => logs.push(message) });
  assert.deepEqual(await job.outcome, { kind: 'cancelled' });
  assert.equal(logs.filter((line) => /did not stop within 0 ms; terminated it/.test(line)).length, 1);
  await assertNextJobWorks(pool);
});

test('fault: every worker of a pool of two exits at once with four jobs queued; all settle', guard, async () => {
  let started = 0;
  const pool = new WorkerPool({ spawn: () => worker(started++ < 2 ? 'process.exit(7);' : healthy), size: 2, cancelGraceMs: 0 });
  const jobs = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => pool.run({ ...experiment, name }, dirs));
  const outcomes = await Promise.all(jobs.map((job) => job.outcome));
  assert.equal(outcomes.filter((o) => o.kind === 'error').length, 2);
  assert.equal(outcomes.filter((o) => o.kind === 'done').length, 4);
  await assertNextJobWorks(pool);
});
