import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHostToWorker, isWorkerToHost } from '../../../src/protocol/worker';
import { completeSpec } from '../../../src/core/spec';

const start = {
  type: 'start',
  jobId: 1,
  experiment: { name: 'x', data: { kind: 'bundled', dataset: 'iris' }, spec: completeSpec() },
  dirs: { configDir: '/a', mediaDir: '/b', storeRoot: '/c' },
  cancelFlag: new SharedArrayBuffer(4),
};

test('host-to-worker messages are accepted only in their full shape', () => {
  assert.ok(isHostToWorker(start));
  assert.ok(isHostToWorker({ type: 'cancel', jobId: 2 }));
  assert.ok(!isHostToWorker({ ...start, cancelFlag: new ArrayBuffer(4) }));
  assert.ok(!isHostToWorker({ ...start, dirs: { configDir: '/a' } }));
  assert.ok(!isHostToWorker({ ...start, jobId: '1' }));
  assert.ok(!isHostToWorker({ type: 'train', jobId: 1 }));
  assert.ok(!isHostToWorker(null));
});

test('worker-to-host messages are accepted only in their full shape', () => {
  const summary = { stopReason: 'completed' };
  assert.ok(isWorkerToHost({ type: 'epoch', jobId: 1, report: { epoch: 3 } }));
  assert.ok(isWorkerToHost({ type: 'log', jobId: 1, level: 'warn', message: 'slow' }));
  assert.ok(isWorkerToHost({ type: 'done', jobId: 1, runId: 'r', summary }));
  assert.ok(isWorkerToHost({ type: 'error', jobId: 1, message: 'bad' }));
  assert.ok(isWorkerToHost({ type: 'cancelled', jobId: 1, runId: null, summary: null }));
  assert.ok(!isWorkerToHost({ type: 'epoch', jobId: 1, report: {} }));
  assert.ok(!isWorkerToHost({ type: 'log', jobId: 1, level: 'debug', message: 'x' }));
  assert.ok(!isWorkerToHost({ type: 'done', jobId: 1, summary }));
  assert.ok(!isWorkerToHost({ type: 'error', jobId: 1, message: 'bad', stack: 5 }));
  assert.ok(!isWorkerToHost({ type: 'cancelled', jobId: 1, runId: 7, summary: null }));
  assert.ok(!isWorkerToHost({ type: 'done', runId: 'r', summary }));
});
