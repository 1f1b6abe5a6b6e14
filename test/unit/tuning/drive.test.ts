import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateSynthetic } from '../../../src/core/data/synthetic';
import { completeSpec } from '../../../src/core/spec';
import { driveTuning, planTuning, runTuningJob, type JobEnd, type RunJob, type TuningDrive, type TuningJob, type TuningProgress, type TuningSettings } from '../../../src/core/tuning';
import { tuneHere } from './tuneHere';

const rows = generateSynthetic({ dataset: 'moons', samples: 90, noise: 0.25, features: 2, classes: 2, seed: 4 });
const spec = completeSpec({
  model: { hidden: [4], activation: 'tanh' },
  training: { epochs: 15, batchSize: 16, optimizer: 'adam', learningRate: 0.02, seed: 2 },
  regularization: { penalty: 'l2', lambda: 0.01 },
});
const settings: TuningSettings = {
  lambdas: { min: 1e-3, max: 10, count: 5 },
  includeZero: false,
  folds: 3,
  metric: 'valLoss',
  rule: '1se',
  strategy: 'grid',
  warmStart: true,
  seed: 1,
  standardize: true,
};

const tick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A pool in this thread: each job trains after a few ticks (later jobs first, so results arrive out
 * of order), with a cancel flag the job reads between epochs, as a worker does.
 */
function fakeWorkers(options: { fail?: (job: TuningJob) => string | null; before?: (job: TuningJob) => Promise<void> } = {}) {
  const submitted: TuningJob[] = [];
  const cancelled: number[] = [];
  let next = 1;
  const workers: RunJob = (job, onOutcome) => {
    submitted.push(job);
    const signal = { aborted: false };
    const outcome = (async (): Promise<JobEnd> => {
      for (let i = 0; i < 20 - (job.id % 20); i++) await tick();
      await options.before?.(job);
      const failure = options.fail?.(job);
      if (failure) return { kind: 'error', message: failure };
      if (signal.aborted) return { kind: 'cancelled' };
      return { kind: 'done', result: runTuningJob(job, rows, { signal, onOutcome }) };
    })();
    const id = next++;
    return {
      outcome,
      cancel: () => {
        signal.aborted = true;
        cancelled.push(id);
      },
    };
  };
  return { workers, submitted, cancelled };
}

for (const strategy of ['grid', 'halving'] as const) {
  test(`${strategy}: the pool-driven tuning chooses what the in-process tuning chooses`, async () => {
    const tuned = { ...settings, strategy, lambdas: { min: 1e-3, max: 10, count: 9 } };
    const reference = await tuneHere(spec, tuned, rows);
    const { workers } = fakeWorkers();
    const driven = await driveTuning(planTuning(spec, tuned, rows), workers).result;
    assert.equal(driven.kind, 'completed');
    if (driven.kind !== 'completed') return;
    const { result } = driven;
    assert.ok(reference.stages.length >= (strategy === 'halving' ? 2 : 1));
    assert.deepEqual(result.stages, reference.stages);
    assert.deepEqual(result.lambdaMin, reference.lambdaMin);
    assert.deepEqual(result.lambda1se, reference.lambda1se);
    assert.deepEqual(
      result.curve.map((p) => [p.lambda, p.valLoss.mean, p.valLoss.se]),
      reference.curve.map((p) => [p.lambda, p.valLoss.mean, p.valLoss.se]),
    );
    assert.equal(result.stopReason, 'completed');
  });
}

test('progress counts every (λ, fold) of each stage once, the input path on all rows as one more fold', async () => {
  const { workers } = fakeWorkers();
  const seen: TuningProgress[] = [];
  const driven = await driveTuning(planTuning(spec, settings, rows), workers, (p) => seen.push(p)).result;
  assert.equal(driven.kind, 'completed');
  const total = 5 * (3 + 1);
  assert.equal(seen.length, total);
  assert.deepEqual(
    seen.map((p) => p.done),
    Array.from({ length: total }, (_, i) => i + 1),
  );
  assert.ok(seen.every((p) => p.total === total && p.stage === 0 && p.stages === 1));
  assert.deepEqual(new Set(seen.map((p) => `${p.outcome.lambda}/${p.outcome.fold}`)).size, total);
});

test('cancel stops the running jobs and plans no further stage', async () => {
  let driver: TuningDrive | undefined;
  let started = 0;
  const { workers, submitted, cancelled } = fakeWorkers({
    before: async () => {
      if (++started === 2) driver!.cancel();
    },
  });
  driver = driveTuning(planTuning(spec, { ...settings, strategy: 'halving', lambdas: { min: 1e-3, max: 10, count: 9 } }, rows), workers);
  const driven = await driver.result;
  assert.equal(driven.kind, 'cancelled');
  const firstStage = submitted.filter((job) => job.stage === 0).length;
  assert.equal(submitted.length, firstStage, 'a later stage was started after cancel');
  // The job that finished before the cancel is not told to stop; every other one is.
  assert.equal(cancelled.length, firstStage - 1);
  assert.ok(driven.kind === 'cancelled' && driven.trained < firstStage);
});

test('a job cancelled by someone else (Stop) ends the tuning as cancelled', async () => {
  const { workers } = fakeWorkers();
  const stopping: RunJob = (job, onOutcome) => {
    const task = workers(job, onOutcome);
    if (job.id === 3) task.cancel();
    return task;
  };
  assert.equal((await driveTuning(planTuning(spec, settings, rows), stopping).result).kind, 'cancelled');
});

test('a failed job rejects the tuning with its message and stops the others', async () => {
  const { workers, cancelled } = fakeWorkers({ fail: (job) => (job.id === 4 ? 'the worker crashed: boom' : null) });
  await assert.rejects(driveTuning(planTuning(spec, settings, rows), workers).result, /boom/);
  // Jobs 0–3 (tasks 1–4) are still running when job 4 fails: the fake finishes later jobs first.
  assert.deepEqual([...cancelled].sort((a, b) => a - b), [1, 2, 3, 4]);
});
