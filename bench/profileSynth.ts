/**
 * `node out/bench/profileSynth.js [plain|unsplit|split]`: one synth training run (the bench's inputs)
 * with every kernel call of its steps timed by the wall clock and summed by kernel and shape, to see
 * where a step's time goes. plain: the relaxed build on one thread; unsplit: the shared build on one
 * thread; split: the shared build with the helper thread (BLOCK=n sets the rows per block). The
 * timing adds about 10% to a step, so compare runs of this tool with each other, not with the bench.
 */
import { join } from 'node:path';
import { completeSpec, train, type Dataset, type Kernels } from '../src/core';
import { createKernels, createSharedKernels, type SharedKernels } from '../src/core/kernels';
import { SpectralTracker } from '../src/core/diagnostics';
import { Network } from '../src/core/network';
import { enableRelaxedSimd } from '../src/io/wasmFeatures';
import { HelperThread } from '../src/io/helperThread';
import { readTask, repoRoot } from './tasks';

type Mode = 'plain' | 'unsplit' | 'split';

function kernelsFor(mode: Mode, lengths: number[]): Kernels | SharedKernels {
  if (mode === 'plain') return createKernels(lengths);
  const helper = new HelperThread(join(repoRoot, 'dist', 'kernelHelper.js'));
  const kernels = createSharedKernels(lengths, { helper, minFlops: mode === 'unsplit' ? Infinity : undefined, blockRows: Number(process.env.BLOCK ?? 16) });
  if (!kernels) throw new Error('This runtime has no shared WebAssembly memory or relaxed SIMD.');
  return kernels;
}

/** The kernels with their calls timed while `timing.on`, by name and shape. */
function timedKernels(base: Kernels, timing: { on: boolean; sums: Map<string, number> }): Kernels {
  const timed = <A extends unknown[], R>(name: string, f: (...args: A) => R, key: (...args: A) => string) => (...args: A): R => {
    if (!timing.on) return f(...args);
    const started = performance.now();
    const result = f(...args);
    const label = `${name} ${key(...args)}`;
    timing.sums.set(label, (timing.sums.get(label) ?? 0) + performance.now() - started);
    return result;
  };
  const shape = (m: number, n: number, k: number) => `${m}×${n}×${k}`;
  const { affine, matmul, matmulTransposedA, gradientStep, relu, reluBackward, sumRows, sgdStep, crossEntropy } = base;
  return {
    ...base,
    affine: timed('gemm: affine', affine, shape),
    matmul: timed('gemm: input gradient', matmul, shape),
    matmulTransposedA: timed('gemm: weight gradient', matmulTransposedA, shape),
    ...(gradientStep ? { gradientStep: timed('gemm: weight gradient + step', gradientStep, shape) } : {}),
    ...(relu && reluBackward ? { relu: timed('relu', relu, (_z, _a, n) => `${n}`), reluBackward: timed('relu backward', reluBackward, (_z, _g, n) => `${n}`) } : {}),
    sumRows: timed('bias sums', sumRows, (rows, cols) => `${rows}×${cols}`),
    ...(sgdStep ? { sgdStep: timed('sgd step', sgdStep, (w) => `${w.length}`) } : {}),
    ...(crossEntropy ? { crossEntropy: timed('loss', crossEntropy, () => '') } : {}),
  };
}

function main(mode: Mode): void {
  enableRelaxedSimd();
  const { meta, arrays } = readTask('synth');
  const { sizes } = meta;
  const dataset = (x: Float32Array, y: Int32Array): Dataset =>
    ({ x, y: Float32Array.from(y), rows: y.length, features: sizes[0], task: 'multiclass', classes: sizes[sizes.length - 1], featureNames: [], classNames: [] });
  const capacity = 256; // the trainer's: min(256, the training rows)
  const lengths = [...Network.bufferLengths(sizes, capacity), ...SpectralTracker.bufferLengths(sizes), capacity * sizes[0]];
  const base = kernelsFor(mode, lengths);
  const timing = { on: false, sums: new Map<string, number>() };
  const spec = completeSpec({
    model: { hidden: sizes.slice(1, -1), activation: 'relu' },
    training: { epochs: meta.epochs, batchSize: meta.batchSize, optimizer: 'sgd', learningRate: meta.learningRate, seed: meta.seed },
    regularization: { penalty: 'l2', lambda: meta.weightDecay, scale: 'half', applyToBias: false },
  });
  // The trainer reads the clock at each epoch's start and end: time the kernels in between, the steps only.
  let stepsMs = 0, started = 0;
  const clock = () => {
    const now = performance.now();
    timing.on = !timing.on;
    if (timing.on) started = now;
    else stepsMs += now - started;
    return now;
  };
  const initialWeights = arrays.weights.map((weight, l) => ({ inputs: sizes[l], outputs: sizes[l + 1], weight, bias: arrays.biases[l] }));
  const result = train(spec, { train: dataset(arrays.trainX, arrays.trainY), validation: null }, undefined, { initialWeights, clock, kernels: timedKernels(base, timing) });
  const steps = Math.ceil(meta.trainRows / meta.batchSize) * meta.epochs;
  const perStep = (ms: number) => `${((1000 * ms) / steps).toFixed(1).padStart(8)} µs`;
  const rows = [...timing.sums].sort((a, b) => b[1] - a[1]);
  const gemms = rows.filter(([label]) => label.startsWith('gemm')).reduce((total, [, ms]) => total + ms, 0);
  const named = rows.reduce((total, [, ms]) => total + ms, 0);
  console.log(`${mode}: ${((meta.epochs * meta.trainRows * 1000) / stepsMs).toFixed(0)} samples/s; a step ${perStep(stepsMs)}, its GEMMs ${perStep(gemms)}, the rest ${perStep(stepsMs - gemms)}`);
  // Calls under half a microsecond a step (the last, shorter batch of an epoch) are left out.
  for (const [label, ms] of rows) if ((1000 * ms) / steps >= 0.5) console.log(`  ${label.padEnd(40)} ${perStep(ms)}`);
  console.log(`  ${'untimed (the batch gather, JavaScript)'.padEnd(40)} ${perStep(stepsMs - named)}`);
  console.log(`  per-epoch losses ${result.epochs.map((r) => r.trainLoss).join(', ')}`);
  if ('threadUse' in base) {
    console.log(`  ${JSON.stringify(base.threadUse())}`);
    base.close();
  }
}

const mode = (process.argv[2] ?? 'split') as Mode;
if (!['plain', 'unsplit', 'split'].includes(mode)) throw new Error(`Unknown mode "${mode}": plain, unsplit or split.`);
main(mode);
