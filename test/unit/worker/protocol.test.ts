import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeSpec } from '../../../src/core';
import { checkHostToWorker, isWorkerToHost } from '../../../src/protocol/worker';
import { fixtureRuns } from '../webview/fixture';

const start = {
  type: 'start',
  jobId: 1,
  experiment: { name: 'x', data: { kind: 'bundled', dataset: 'iris', validation: 0.2, standardize: true, seed: 1 }, spec: completeSpec() },
  dirs: { configDir: '/a', mediaDir: '/b', storeRoot: '/c' },
  cancelFlag: new SharedArrayBuffer(4),
};
const isHostToWorker = (value: unknown) => checkHostToWorker(value).ok;

test('host-to-worker messages are accepted only in their full shape', () => {
  assert.ok(isHostToWorker(start));
  assert.ok(isHostToWorker({ type: 'cancel', jobId: 2 }));
  assert.ok(!isHostToWorker({ ...start, cancelFlag: new ArrayBuffer(4) }));
  assert.ok(!isHostToWorker({ ...start, dirs: { configDir: '/a' } }));
  assert.ok(!isHostToWorker({ ...start, jobId: '1' }));
  assert.ok(!isHostToWorker({ ...start, experiment: { ...start.experiment, data: { kind: 'bundled', dataset: 'iris' } } }));
  assert.ok(!isHostToWorker({ ...start, experiment: { ...start.experiment, spec: {} } }));
  assert.ok(!isHostToWorker({ type: 'train', jobId: 1 }));
  assert.ok(!isHostToWorker(null));
});

test('worker-to-host messages are accepted only in their full shape', () => {
  const [record] = fixtureRuns();
  const { epochs, summary, ...run } = record!;
  const report = epochs[0]!;
  assert.ok(isWorkerToHost({ type: 'started', jobId: 1, run }));
  assert.ok(isWorkerToHost({ type: 'epoch', jobId: 1, report }));
  assert.ok(isWorkerToHost({ type: 'log', jobId: 1, level: 'warn', message: 'slow' }));
  assert.ok(isWorkerToHost({ type: 'done', jobId: 1, record }));
  assert.ok(isWorkerToHost({ type: 'error', jobId: 1, message: 'bad' }));
  assert.ok(isWorkerToHost({ type: 'cancelled', jobId: 1 }));
  assert.ok(!isWorkerToHost({ type: 'started', jobId: 1, run: { ...run, dataset: { ...run.dataset, trainRows: 'many' } } }));
  assert.ok(!isWorkerToHost({ type: 'epoch', jobId: 1, report: { epoch: 3 } }), 'an epoch report is checked field by field, not by its epoch alone');
  assert.ok(!isWorkerToHost({ type: 'log', jobId: 1, level: 'debug', message: 'x' }));
  assert.ok(!isWorkerToHost({ type: 'done', jobId: 1, record: { ...record, summary: { ...summary, stopReason: 'exploded' } } }));
  assert.ok(!isWorkerToHost({ type: 'error', jobId: 1, message: 'bad', stack: 5 }));
  assert.ok(!isWorkerToHost({ type: 'done', record }));
});
