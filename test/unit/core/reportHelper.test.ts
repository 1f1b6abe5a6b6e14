// Issue 17: epoch reports on a helper while the next epoch trains end every run exactly as on one
// thread: the same reports, stops, weights, checkpoint and pictures, whenever the reports arrive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeSpec, type PartialTrainSpec } from '../../../src/core/spec';
import { reportServer } from '../../../src/core/epochLoops';
import { train, type TrainOptions } from '../../../src/core/trainer';
import type { KernelHelper } from '../../../src/core/kernels';
import { typescriptKernels } from '../../../src/core/matrix';
import type { ReportHelper, ReportReply, ReportRequest } from '../../../src/core/reportHelper';
import type { TrainingData } from '../../../src/core/data/dataset';
import type { TrainSpec } from '../../../src/core/spec';
import { syntheticDataset, splitAt } from './fixtures';

/**
 * The helper's side in this thread: its reports come from reportServer as a real helper's do, in
 * the order asked for, and the oldest is ready only after `readyAfter` polls, so a test chooses
 * between which steps each arrives.
 */
class InProcessHelper implements ReportHelper {
  private server: ReturnType<typeof reportServer> | null = null;
  private readonly queue: ReportRequest[] = [];
  private polls = 0;
  requests = 0;
  takenWhenReady = 0;
  longestQueue = 0;

  constructor(private readonly readyAfter: number, private readonly failAt = 0) {}

  open(spec: TrainSpec, data: TrainingData, spectralVectors: Float64Array[] | null): void {
    this.server = reportServer(spec, data, spectralVectors);
    this.queue.length = 0;
  }

  request(request: ReportRequest): void {
    this.queue.push(request);
    this.requests++;
    this.longestQueue = Math.max(this.longestQueue, this.queue.length);
  }

  ready(): boolean {
    return this.queue.length > 0 && ++this.polls > this.readyAfter;
  }

  take(): ReportReply {
    if (this.polls > this.readyAfter) this.takenWhenReady++;
    this.polls = 0;
    const request = this.queue.shift()!;
    if (request.epoch === this.failAt) throw new Error('the helper ran out of memory');
    return this.server!.report(request);
  }

  close(): void {
    this.server?.close();
  }
}

const noGemms: KernelHelper = { serve: () => assert.fail('no GEMM of these runs is large enough to split') };

/** Each clock reading one more than the last: both modes read it the same number of times per epoch. */
function countingClock(): () => number {
  let now = 0;
  return () => now++;
}

const data = splitAt(syntheticDataset(200, 6, 'multiclass'), 150);
const spec = (partial: PartialTrainSpec = {}) =>
  completeSpec({
    ...partial,
    model: { hidden: [8], ...partial.model },
    training: { epochs: 6, batchSize: 16, learningRate: 0.05, ...partial.training },
  });

function trainBoth(full: TrainSpec, readyAfter: number, options: TrainOptions = {}, trainingData: TrainingData = data) {
  const seen: number[][] = [[], []];
  const one = train(full, trainingData, (r) => seen[0].push(r.epoch), { ...options, clock: countingClock() });
  const helper = new InProcessHelper(readyAfter);
  const two = train(full, trainingData, (r) => seen[1].push(r.epoch), { ...options, clock: countingClock(), threads: { helper: noGemms, reports: helper } });
  return { one, two, helper, seen };
}

function assertSameRun(one: ReturnType<typeof train>, two: ReturnType<typeof train>, label: string): void {
  assert.deepEqual(two.epochs, one.epochs, label);
  assert.deepEqual(two.weights, one.weights, label);
  assert.deepEqual([two.stopReason, two.message, two.bestEpoch, two.final], [one.stopReason, one.message, one.bestEpoch, one.final], label);
  assert.deepEqual(two.checkpoint, one.checkpoint, label);
  assert.deepEqual(two.pictures, one.pictures, label);
}

test('reports on a helper give the one-thread run bit for bit, whether they arrive between steps or after the epoch', () => {
  const cases: PartialTrainSpec[] = [
    {},
    { training: { optimizer: 'adam', learningRate: 0.01 }, regularization: { penalty: 'elasticNet', lambda: 0.3 } },
    { regularization: { dropout: 0.2, inputNoise: 0.1, maxNorm: 2 } },
    { training: { batchSize: 0, epochs: 4 } },
  ];
  for (const partial of cases) {
    for (const readyAfter of [0, 3, 1000]) {
      const label = `${JSON.stringify(partial)}, ready after ${readyAfter} polls`;
      const { one, two, helper, seen } = trainBoth(spec(partial), readyAfter, { checkpoint: true });
      assertSameRun(one, two, label);
      assert.deepEqual(seen[1], seen[0], label);
      assert.equal(helper.requests, one.epochs.length, label);
      assert.equal(two.helperReports, true, label);
      assert.equal(two.threads.threads, 2, label);
      assert.equal(one.helperReports, false, label);
      // Minibatch epochs take a ready report between steps; a full-batch epoch is one step, so never.
      const between = partial.training?.batchSize === 0 || readyAfter === 1000 ? 0 : one.epochs.length - 1;
      assert.equal(helper.takenWhenReady, between, label);
      // Reports never ready are all taken after the last epoch: the steps never waited for one.
      if (readyAfter === 1000) assert.equal(helper.longestQueue, one.epochs.length, label);
    }
  }
});

test('the reports fall behind the steps by 16 epochs at most, and by fewer when the copies to go back to are large', () => {
  const cases: [PartialTrainSpec, number][] = [
    [{ training: { epochs: 30 } }, 16],
    // 1.05 million weights and Adam's two moments: 12.6 MB to go back to per epoch, 5 of them in 64 MiB.
    [{ model: { hidden: [1024, 1024] }, training: { epochs: 8, optimizer: 'adam', learningRate: 0.001, batchSize: 75 } }, 5],
  ];
  for (const [partial, backlog] of cases) {
    const { one, two, helper } = trainBoth(spec(partial), 1000);
    assertSameRun(one, two, JSON.stringify(partial));
    // The run waits for the oldest report once one more than the backlog is outstanding.
    assert.equal(helper.longestQueue, backlog + 1, JSON.stringify(partial));
  }
});

test('a run stopped by the rules at epoch e goes back to its state after epoch e, the epochs trained past it undone', () => {
  const noisy = splitAt(syntheticDataset(60, 20, 'multiclass', 3, 7), 30);
  const cases: [string, PartialTrainSpec, TrainOptions][] = [
    ['early stopping, best weights restored', { model: { hidden: [64] }, training: { epochs: 300, learningRate: 0.3, batchSize: 4, earlyStopping: { patience: 5, restoreBest: true } } }, {}],
    ['early stopping, last weights kept', { model: { hidden: [64] }, training: { epochs: 300, learningRate: 0.3, batchSize: 4, earlyStopping: { patience: 5, restoreBest: false } } }, {}],
    ['divergence', { model: { hidden: [64] }, training: { epochs: 50, learningRate: 80, batchSize: 4 } }, {}],
    ['stopWhen', { model: { hidden: [16] }, training: { epochs: 40, batchSize: 4 } }, { stopWhen: (r) => (r.epoch === 7 ? 'enough' : null) }],
  ];
  for (const [label, partial, options] of cases) {
    for (const readyAfter of [0, 2, 1000]) {
      const full = spec(partial);
      const { one, two } = trainBoth(full, readyAfter, { ...options, checkpoint: true }, noisy);
      assert.ok(one.epochs.length < full.training.epochs, `${label}: the rules stop the run`);
      assertSameRun(one, two, `${label}, ready after ${readyAfter} polls`);
    }
  }
});

test('a cancelled run ends after the same epoch, and pictures are taken from the epochs they belong to', () => {
  const plane = splitAt(syntheticDataset(120, 2, 'binary'), 90);
  /** Aborted from its fourth reading on: each mode reads it once per report. */
  const cancelAfterThree = () => {
    let reads = 0;
    return { get aborted() { return ++reads > 3; } };
  };
  for (const readyAfter of [0, 2, 1000]) {
    const full = spec({ training: { epochs: 10 } });
    const one = train(full, plane, undefined, { signal: cancelAfterThree(), clock: countingClock() });
    const two = train(full, plane, undefined, { signal: cancelAfterThree(), clock: countingClock(), threads: { helper: noGemms, reports: new InProcessHelper(readyAfter) } });
    assert.equal(one.stopReason, 'cancelled');
    assert.equal(one.epochs.length, 4);
    assertSameRun(one, two, `cancelled, ready after ${readyAfter} polls`);
    const pictured = trainBoth(spec({ training: { epochs: 6 }, diagnostics: { pictureEpochs: [2, 3] } }), readyAfter, { pictures: { standardization: null, polynomial: false } }, plane);
    assert.deepEqual(pictured.two.pictures!.snapshots.map((s) => s.epoch), [2, 3, 6]);
    assertSameRun(pictured.one, pictured.two, `pictures, ready after ${readyAfter} polls`);
  }
});

test('a resumed run continues the spectral norm iterations the helper kept', () => {
  const full = (epochs: number) => spec({ training: { epochs } });
  const straight = train(full(8), data);
  const first = train(full(3), data, undefined, { checkpoint: true, threads: { helper: noGemms, reports: new InProcessHelper(1) } });
  const resumed = train(full(8), data, undefined, { resume: first.checkpoint, threads: { helper: noGemms, reports: new InProcessHelper(1) } });
  assert.deepEqual(resumed.epochs.map((e) => [e.valLoss, e.layers.map((l) => l.spectralNorm)]), straight.epochs.map((e) => [e.valLoss, e.layers.map((l) => l.spectralNorm)]));
});

test('tuning runs, FISTA and explicit kernels keep their reports on their own thread', () => {
  const helper = new InProcessHelper(0);
  const threads = { helper: noGemms, reports: helper };
  assert.equal(train(spec(), data, undefined, { threads, layerDiagnostics: 'final' }).helperReports, false);
  assert.equal(train(spec({ model: { hidden: [] }, training: { optimizer: 'fista', learningRate: 1 } }), data, undefined, { threads }).helperReports, false);
  assert.equal(train(spec(), data, undefined, { threads, kernels: typescriptKernels }).helperReports, false);
  assert.equal(helper.requests, 0);
});

test("the helper's failure ends the run with its message", () => {
  const helper = new InProcessHelper(0, 3);
  assert.throws(() => train(spec(), data, undefined, { threads: { helper: noGemms, reports: helper } }), /the helper ran out of memory/);
});
