import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { WorkerPool, type JobOutcome } from '../../../src/worker/pool';
import type { ExperimentJob, JobDirs } from '../../../src/protocol/worker';
import { completeSpec } from '../../../src/core';
import { fixtureRuns } from '../webview/fixture';

const [fixture] = fixtureRuns();

const experiment: ExperimentJob = {
  name: 'iris-l2',
  data: { kind: 'bundled', dataset: 'iris', validation: 0.2, standardize: true, seed: 1 },
  spec: completeSpec(),
};
const dirs: JobDirs = { configDir: '/ws', mediaDir: '/ext/media', storeRoot: '/ws' };

/** A stand-in worker: `body` runs on each start message with `m` (the message), `flag` and `post`. */
function fakeWorker(body: string, resourceLimits?: ResourceLimits): () => Worker {
  const code = `
    const { parentPort } = require('node:worker_threads');
    const post = (message) => parentPort.postMessage(message);
    const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    const base = ${JSON.stringify(fixture)};
    const report = (epoch) => ({ ...base.epochs[0], epoch });
    const record = (id, stopReason) => ({ ...base, id, summary: { ...base.summary, stopReason } });
    parentPort.on('message', (m) => {
      if (m.type !== 'start') return;
      const flag = new Int32Array(m.cancelFlag);
      ${body}
    });`;
  return () => new Worker(code, { eval: true, resourceLimits });
}

const completes = fakeWorker(`
  for (let epoch = 1; epoch <= 3; epoch++) post({ type: 'epoch', jobId: m.jobId, report: report(epoch) });
  post({ type: 'done', jobId: m.jobId, record: record('run-' + m.experiment.name, 'completed') });`);

// Like the trainer: synchronous epochs, the shared flag read between them.
const trainsUntilCancelled = fakeWorker(`
  for (let epoch = 1; ; epoch++) {
    if (Atomics.load(flag, 0) === 1) {
      post({ type: 'done', jobId: m.jobId, record: record('partial', 'cancelled') });
      return;
    }
    sleep(5);
    post({ type: 'epoch', jobId: m.jobId, report: report(epoch) });
  }`);

// A generous limit: the wait ends as soon as the condition holds; the limit only ends a hang.
async function waitFor(condition: () => boolean, ms = 60_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('a job reports its epochs and its run, and leaves no worker behind', async () => {
  const pool = new WorkerPool({ spawn: completes, size: 2 });
  const epochs: number[] = [];
  const job = pool.run(experiment, dirs, { onEpoch: (report) => epochs.push(report.epoch) });
  const outcome = await job.outcome;
  assert.equal(outcome.kind === 'done' && outcome.record.id, 'run-iris-l2');
  assert.deepEqual(epochs, [1, 2, 3]);
  assert.equal(pool.liveWorkers, 0);
});

test('jobs beyond the pool size wait in the queue and reuse the worker', async () => {
  let spawned = 0;
  let mostAtOnce = 0;
  const pool = new WorkerPool({
    spawn: () => {
      spawned++;
      return completes();
    },
    size: 1,
  });
  const jobs = ['a', 'b', 'c'].map((name) =>
    pool.run({ ...experiment, name }, dirs, { onEpoch: () => (mostAtOnce = Math.max(mostAtOnce, pool.liveWorkers)) }),
  );
  const outcomes = await Promise.all(jobs.map((job) => job.outcome));
  assert.deepEqual(
    outcomes.map((o) => o.kind === 'done' && o.record.id),
    ['run-a', 'run-b', 'run-c'],
  );
  assert.equal(spawned, 1);
  assert.equal(mostAtOnce, 1);
  assert.equal(pool.liveWorkers, 0);
});

test('cancelling a running job stops it between epochs and keeps its run', async () => {
  const pool = new WorkerPool({ spawn: trainsUntilCancelled, size: 1 });
  let epochs = 0;
  const job = pool.run(experiment, dirs, { onEpoch: () => epochs++ });
  await waitFor(() => epochs >= 3);
  job.cancel();
  const outcome = await job.outcome;
  assert.equal(outcome.kind === 'done' && outcome.record.id, 'partial');
  assert.equal(outcome.kind === 'done' && outcome.record.summary.stopReason, 'cancelled');
  assert.equal(pool.liveWorkers, 0);
});

test('a worker that ignores the cancel flag is terminated after the grace period', async () => {
  const pool = new WorkerPool({ spawn: fakeWorker(`post({ type: 'epoch', jobId: m.jobId, report: report(1) }); for (;;) {}`), cancelGraceMs: 200 });
  let started = false;
  const logs: string[] = [];
  const job = pool.run(experiment, dirs, { onEpoch: () => (started = true), onLog: (_, message) => logs.push(message) });
  await waitFor(() => started);
  job.cancel();
  assert.deepEqual(await job.outcome, { kind: 'cancelled' });
  assert.equal(logs.filter((line) => /did not stop within 200 ms; terminated it/.test(line)).length, 1, 'terminated by the grace timer, once');
  assert.equal(pool.liveWorkers, 0);
});

test('cancelling a queued job resolves it without starting it', async () => {
  const pool = new WorkerPool({ spawn: trainsUntilCancelled, size: 1 });
  const running = pool.run(experiment, dirs);
  const queued = pool.run({ ...experiment, name: 'queued' }, dirs, { onEpoch: () => assert.fail('the queued job ran') });
  queued.cancel();
  assert.deepEqual(await queued.outcome, { kind: 'cancelled' });
  running.cancel();
  assert.equal((await running.outcome).kind, 'done');
  assert.equal(pool.liveWorkers, 0);
});

function errorMessage(outcome: JobOutcome): string {
  assert.equal(outcome.kind, 'error');
  return outcome.kind === 'error' ? outcome.message : '';
}

test('a worker that throws becomes an error outcome, and the pool keeps working', async () => {
  let crash = true;
  const pool = new WorkerPool({
    spawn: () => (crash ? fakeWorker(`throw new Error('boom in the worker');`) : completes)(),
    size: 1,
  });
  assert.match(errorMessage(await pool.run(experiment, dirs).outcome), /crashed: boom in the worker/);
  crash = false;
  assert.equal((await pool.run(experiment, dirs).outcome).kind, 'done');
  assert.equal(pool.liveWorkers, 0);
});

test('a worker out of memory becomes an error outcome', async () => {
  const hog = fakeWorker(`const keep = []; for (;;) keep.push(new Array(1e5).fill(Math.random()));`, { maxOldGenerationSizeMb: 16 });
  const pool = new WorkerPool({ spawn: hog, size: 1 });
  assert.match(errorMessage(await pool.run(experiment, dirs).outcome), /out of memory/);
  assert.equal(pool.liveWorkers, 0);
});

test('a worker that exits mid-job becomes an error outcome', async () => {
  const pool = new WorkerPool({ spawn: fakeWorker(`process.exit(3);`), size: 1 });
  assert.match(errorMessage(await pool.run(experiment, dirs).outcome), /exit code 3/);
});

test('malformed messages from a worker are logged and ignored', async () => {
  const pool = new WorkerPool({
    spawn: fakeWorker(`
      post({ type: 'epoch', jobId: m.jobId });
      post({ type: 'done', jobId: m.jobId, record: record('r', 'completed') });`),
  });
  const logs: string[] = [];
  const epochs: unknown[] = [];
  const outcome = await pool.run(experiment, dirs, { onLog: (_, message) => logs.push(message), onEpoch: (r) => epochs.push(r) }).outcome;
  assert.equal(outcome.kind, 'done');
  assert.equal(epochs.length, 0);
  assert.equal(logs.length, 1);
  assert.match(logs[0]!, /malformed/);
});

test('dispose cancels running and queued jobs and leaves no worker', async () => {
  const pool = new WorkerPool({ spawn: fakeWorker(`for (;;) {}`), size: 2 });
  const jobs = [1, 2, 3].map((n) => pool.run({ ...experiment, name: `job${n}` }, dirs));
  await waitFor(() => pool.liveWorkers === 2);
  await pool.dispose();
  assert.equal(pool.liveWorkers, 0);
  for (const job of jobs) assert.equal((await job.outcome).kind, 'cancelled');
  assert.throws(() => pool.run(experiment, dirs), /closed/);
});

test('a worker that cannot start becomes an error outcome', async () => {
  const pool = new WorkerPool({
    spawn: () => {
      throw new Error('dist/worker.js is missing');
    },
  });
  assert.match(errorMessage(await pool.run(experiment, dirs).outcome), /Could not start a training worker: dist\/worker.js is missing/);
  assert.equal(pool.pendingJobs, 0);
});

test('a run may take a helper thread only when it is the only job of a pool of two or more', async () => {
  const tellsHelper = fakeWorker(`post({ type: 'done', jobId: m.jobId, record: record('helper-' + m.helper, 'completed') });`);
  const ids = async (pool: WorkerPool, names: string[]) => {
    const outcomes = await Promise.all(names.map((name) => pool.run({ ...experiment, name }, dirs).outcome));
    return outcomes.map((o) => (o.kind === 'done' ? o.record.id : o.kind));
  };
  assert.deepEqual(await ids(new WorkerPool({ spawn: tellsHelper, size: 2 }), ['alone']), ['helper-true']);
  // Submitted together: the first starts alone, the second finds it running (a run already started
  // keeps its helper; its split GEMMs' timing sends it back to one thread if they stop paying).
  assert.deepEqual(await ids(new WorkerPool({ spawn: tellsHelper, size: 2 }), ['a', 'b']), ['helper-true', 'helper-false']);
  assert.deepEqual(await ids(new WorkerPool({ spawn: tellsHelper, size: 1 }), ['one core']), ['helper-false']);
});
