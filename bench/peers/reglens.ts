/** RegLens's own peer: the core's train(), one thread, on a cached task. */
import { completeSpec, simdAvailable, train, type Dataset, type Kernels } from '../../src/core';
import { readTask, type TaskName } from '../tasks';
import type { PeerResult } from './result';

function dataset(x: Float32Array, y: Int32Array, features: number, classes: number): Dataset {
  return { x, y: Float32Array.from(y), rows: y.length, features, task: 'multiclass', classes, featureNames: [], classNames: [] };
}

export function runRegLens(task: TaskName, kernels?: Kernels): PeerResult {
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
  const started = performance.now();
  const result = train(spec, { train: dataset(arrays.trainX, arrays.trainY, features, classes), validation }, undefined, {
    initialWeights,
    ...(kernels ? { kernels } : {}),
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const trainingSeconds = result.epochs.reduce((total, report) => total + report.ms, 0) / 1000;
  const samples = meta.epochs * meta.trainRows;
  const last = result.epochs[result.epochs.length - 1];
  return {
    peer: kernels ? `RegLens (${kernels.name})` : 'RegLens',
    task,
    samplesPerSecond: samples / trainingSeconds,
    validationAccuracy: validation ? last.valMetric : null,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    extra: {
      kernels: kernels?.name ?? (simdAvailable() ? 'webassembly-simd' : 'typescript'),
      samplesPerSecondWithDiagnostics: samples / wallSeconds,
      stopReason: result.stopReason,
    },
  };
}
