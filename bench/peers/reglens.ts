/** RegLens's own peer: the core's train() on a cached task, on one thread or with the worker's helper thread. */
import { join } from 'node:path';
import { completeSpec, train, type Dataset, type Kernels } from '../../src/core';
import { HelperThread } from '../../src/io/helperThread';
import { readTask, repoRoot, type TaskName } from '../tasks';
import { peakRssMB, steadyRate, type PeerResult } from './result';

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * A started helper thread: a training worker's helper outlives its runs, so only a session's first run
 * waits for the thread to start (about 0.1 s here, longer than digits' first epoch).
 */
export async function startedHelper(): Promise<HelperThread> {
  const helper = new HelperThread(join(repoRoot, 'dist', 'kernelHelper.js'));
  await helper.start();
  return helper;
}

function dataset(x: Float32Array, y: Int32Array, features: number, classes: number): Dataset {
  return { x, y: Float32Array.from(y), rows: y.length, features, task: 'multiclass', classes, featureNames: [], classNames: [] };
}

/**
 * `helper`: give the run a helper thread (dist/kernelHelper.js), as a training worker does for a single
 * run: it shares synth's large GEMMs, and computes digits' epoch reports while the next epoch trains.
 */
export function runRegLens(task: TaskName, kernels?: Kernels, helper?: HelperThread): PeerResult {
  const { meta, arrays } = readTask(task);
  const { sizes } = meta;
  const features = sizes[0], classes = sizes[sizes.length - 1];
  const spec = completeSpec({
    model: { hidden: sizes.slice(1, -1), activation: 'relu' },
    training: { epochs: meta.epochs, batchSize: meta.batchSize, optimizer: 'sgd', learningRate: meta.learningRate, seed: meta.seed },
    // (λ/2)·Σ‖W‖² has the gradient λ·W: the peers' W -= lr·(grad + wd·W) on weights only.
    regularization: { penalty: 'l2', lambda: meta.weightDecay, scale: 'half', applyToBias: false },
  });
  const validation = meta.validationRows > 0 ? dataset(arrays.validationX, arrays.validationY, features, classes) : null;
  const initialWeights = arrays.weights.map((weight, l) => ({ inputs: sizes[l], outputs: sizes[l + 1], weight, bias: arrays.biases[l] }));
  // The trainer times each epoch's steps with this clock (CPU time); it keeps their wall time, and
  // the CPU and wall time at each epoch's start (an epoch with its report runs from one start to the next), on the side.
  let wallSteps = 0, epochStarted = 0, calls = 0;
  const epochStarts: number[] = [], wallEpochStarts: number[] = [];
  const clock = () => {
    const [now, cpu] = [performance.now(), cpuMs()];
    if (calls++ % 2 === 0) {
      epochStarted = now;
      epochStarts.push(cpu);
      wallEpochStarts.push(now);
    } else wallSteps += now - epochStarted;
    return cpu;
  };
  const [startedWall, startedCpu] = [performance.now(), cpuMs()];
  const result = train(spec, { train: dataset(arrays.trainX, arrays.trainY, features, classes), validation }, undefined, {
    initialWeights,
    clock,
    ...(kernels ? { kernels } : {}),
    ...(helper ? { threads: { helper, reports: helper } } : {}),
  });
  const [wallAll, cpuAll] = [performance.now() - startedWall, cpuMs() - startedCpu];
  const cpuSteps = result.epochs.reduce((total, report) => total + report.ms, 0);
  const samples = meta.epochs * meta.trainRows;
  const withReportMs = epochStarts.map((start, e) => (epochStarts[e + 1] ?? startedCpu + cpuAll) - start);
  const wallWithReportMs = wallEpochStarts.map((start, e) => (wallEpochStarts[e + 1] ?? startedWall + wallAll) - start);
  const last = result.epochs[result.epochs.length - 1];
  const perSecond = (ms: number) => (1000 * samples) / ms;
  return {
    peer: kernels ? `RegLens (${kernels.name})` : 'RegLens',
    task,
    samplesPerSecond: perSecond(cpuSteps),
    wallSamplesPerSecond: perSecond(wallSteps),
    steadySamplesPerSecond: steadyRate(meta.trainRows, result.epochs.map((report) => report.ms)),
    validationAccuracy: validation ? last.valMetric : null,
    epochLosses: result.epochs.map((report) => report.trainLoss),
    maxRssMB: peakRssMB(),
    extra: {
      kernels: result.kernels,
      threads: result.threads.threads,
      splitGemms: result.threads.splitGemms,
      helperShare: result.threads.helperShare,
      fellBack: result.threads.fellBack ?? '',
      samplesPerSecondWithDiagnostics: perSecond(cpuAll),
      wallSamplesPerSecondWithDiagnostics: perSecond(wallAll),
      steadySamplesPerSecondWithDiagnostics: steadyRate(meta.trainRows, withReportMs),
      steadyWallSamplesPerSecondWithDiagnostics: steadyRate(meta.trainRows, wallWithReportMs),
      helperReports: result.helperReports ? 1 : 0,
      stopReason: result.stopReason,
    },
  };
}
