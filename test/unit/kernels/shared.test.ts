import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createSharedKernels, createWasmKernels, worthSplitting } from '../../../src/core/kernels';
import { SplitMonitor } from '../../../src/core/kernels/splitMonitor';
import type { Kernels } from '../../../src/core/matrix';
import { createRng } from '../../../src/core/rng';
import { enableRelaxedSimd } from '../../../src/io/wasmFeatures';
import { HelperThread } from '../../../src/io/helperThread';
import { repoRoot } from '../paths';

enableRelaxedSimd();
const helper = new HelperThread(join(repoRoot, 'dist', 'kernelHelper.js'));

function filled(kernels: Kernels, length: number, seed: number): Float32Array {
  const rng = createRng(seed, 'shared-kernels-test');
  const array = kernels.allocate(length);
  for (let i = 0; i < length; i++) array[i] = rng.normal();
  return array;
}

const bits = (array: Float32Array, length: number) => new Uint32Array(array.buffer, array.byteOffset, length);

/** The buffers `gemms` allocates, for kernels sized to them. */
const gemmLengths = (m: number, n: number, k: number) => [m * k, n * k, n, k * n, k * m, m * n, m * n, m];

/**
 * Every GEMM of both kernels on one shape, from the same inputs, and the weight gradient fused with
 * its SGD step: the outputs' bits, in call order (the step's G, W and rows' Σg² last).
 */
function gemms(kernels: Kernels, m: number, n: number, k: number, seed: number): Uint32Array[] {
  const a = filled(kernels, m * k, seed), w = filled(kernels, n * k, seed + 1), bias = filled(kernels, n, seed + 2);
  const b = filled(kernels, k * n, seed + 3), at = filled(kernels, k * m, seed + 4);
  const c = kernels.allocate(m * n), weights = filled(kernels, m * n, seed + 5), rowSquares = kernels.allocate(m);
  const outputs: Uint32Array[] = [];
  kernels.affine(m, n, k, a, w, bias, c);
  outputs.push(Uint32Array.from(bits(c, m * n)));
  kernels.matmul(m, n, k, a, b, c);
  outputs.push(Uint32Array.from(bits(c, m * n)));
  kernels.matmulTransposedA(m, n, k, at, b, c, true); // the weight gradient, accumulated onto matmul's C
  outputs.push(Uint32Array.from(bits(c, m * n)));
  kernels.matmulTransposedA(m, n, k, at, b, c, false);
  outputs.push(Uint32Array.from(bits(c, m * n)));
  kernels.gradientStep!(m, n, k, at, b, c, weights, 0.05, 0.002, rowSquares);
  outputs.push(Uint32Array.from(bits(c, m * n)), Uint32Array.from(bits(weights, m * n)), Uint32Array.from(bits(rowSquares, m)));
  return outputs;
}

function randomShapes(count: number): number[][] {
  const rng = createRng(17, 'shared-shapes');
  return Array.from({ length: count }, () => [1 + rng.int(90), 1 + rng.int(45), 1 + rng.int(70), 4 * (1 + rng.int(4))]);
}

test('GEMMs and gradient steps shared by two threads give the one-thread bits, on bench and random shapes, cut at every multiple of 4', () => {
  // 1100 rows or columns in blocks of 4 would be 275 blocks, more than a job holds: the blocks widen to 8.
  const shapes = [[128, 256, 784, 16], [256, 784, 128, 16], [128, 128, 256, 4], [10, 128, 128, 4], [4, 8, 1, 4], [5, 9, 3, 4], [1100, 8, 4, 4], [4, 1100, 4, 4], ...randomShapes(40)];
  for (const [m, n, k, blockRows] of shapes) {
    const lengths = gemmLengths(m, n, k);
    const shared = createSharedKernels(lengths, { helper, minFlops: 0, blockRows })!;
    const alone = createWasmKernels('webassembly-relaxed-simd', lengths)!;
    const ours = gemms(shared, m, n, k, m + n + k);
    const expected = gemms(alone, m, n, k, m + n + k);
    ours.forEach((output, g) => assert.deepEqual(output, expected[g], `m=${m} n=${n} k=${k}, blocks of ${blockRows} rows, GEMM ${g + 1}`));
    // Five GEMMs: fewer than the monitor's sampling period, so all five ran split.
    assert.equal(shared.threadUse().splitGemms, 5);
    assert.equal(shared.name, 'webassembly-relaxed-simd');
    shared.close();
  }
});

test('blocks must be whole register blocks', () => {
  assert.throws(() => createSharedKernels([16], { helper, blockRows: 6 }), /4-row register blocks/);
});

test('only layers whose step GEMMs reach the threshold are worth splitting: synth yes, digits no', () => {
  assert.equal(worthSplitting([784, 256, 128, 10], 128), true);
  assert.equal(worthSplitting([64, 128, 64, 10], 32), false);
  assert.equal(worthSplitting([64, 128, 64, 10], 256, 4e6), true); // evaluation chunks of 256 rows: 4.2 MFLOP
});

/** A clock that the GEMMs advance: `split` and `plain` milliseconds per call. */
function monitored(splitMs: number, plainMs: number, calls: number): { monitor: SplitMonitor; split: number; plain: number } {
  let now = 0;
  const monitor = new SplitMonitor(() => now);
  const counts = { split: 0, plain: 0 };
  for (let i = 0; i < calls; i++) {
    monitor.run(1e6, () => ((now += splitMs), counts.split++), () => ((now += plainMs), counts.plain++));
  }
  return { monitor, ...counts };
}

test('a run keeps splitting while split GEMMs are faster, sampling one GEMM in 16 on one thread', () => {
  const { monitor, split, plain } = monitored(1, 2, 640);
  assert.equal(monitor.fellBack, null);
  assert.equal(plain, 40);
  assert.equal(split, 600);
  assert.equal(monitor.splitGemms, 600);
});

test('a run goes back to one thread at the second verdict in a row where split GEMMs are not faster, and stays there', () => {
  const { monitor, split, plain } = monitored(2, 1, 640);
  // Verdicts come every 128 GEMMs (8 plain samples): after two, 240 ran split, every later one plain.
  assert.equal(split, 240);
  assert.equal(plain, 640 - 240);
  assert.match(monitor.fellBack ?? '', /after 240 split GEMMs: split ones ran at 0\.5 GFLOP\/s, one-thread ones at 1\.0/);
});

/** Split GEMMs take `early` ms for the first `until` calls, then `late`; plain ones 2 ms. */
function changing(early: number, late: number, until: number): SplitMonitor {
  let now = 0;
  const monitor = new SplitMonitor(() => now);
  for (let call = 0; call < 640; call++) monitor.run(1e6, () => (now += call < until ? early : late), () => (now += 2));
  return monitor;
}

test('one slow window (a process still compiling its kernels) does not end the split', () => {
  assert.equal(changing(3, 1, 128).fellBack, null);
});

test('a run that slows down later falls back two verdicts later', () => {
  // Fast for two verdicts (256 GEMMs), slow for the next two.
  assert.match(changing(1, 3, 256).fellBack ?? '', /after 480 split GEMMs/);
});
