/**
 * Synth's step GEMMs on two threads (the shared build, the GEMM cut as shared.ts cuts it between this thread
 * and the helper thread a training worker owns) against one thread, by the wall clock: what a
 * single run gains from the second core, GEMM by GEMM, and what a handoff costs.
 */
import { join } from 'node:path';
import { splitFlops, type KernelHelper } from '../../src/core/kernels';
import { bindKernels, heapEnd, pageBytes, wasmModule, type SimdExports } from '../../src/core/kernels/simd';
import { controlBytes, WorkSharing } from '../../src/core/kernels/workSharing';
import type { Kernels } from '../../src/core';
import { HelperThread } from '../../src/io/helperThread';
import { fastest, gflops } from '../clock';
import { repoRoot } from '../tasks';

interface Call {
  name: string;
  flops: number;
  plain(k: Kernels, buffers: Float32Array[]): void;
  split(sharing: WorkSharing, buffers: Float32Array[]): void;
}

const at = (buffer: Float32Array) => buffer.byteOffset;
const blockRows = 16;

/** The GEMMs of one training step (as Network.forward and backward call them), each plain and split. */
function calls(sizes: number[], batch: number): Call[] {
  const list: Call[] = [];
  for (let l = 0; l < sizes.length - 1; l++) {
    const k = sizes[l], n = sizes[l + 1];
    const flops = 2 * batch * k * n;
    const shape = `${k}→${n}`;
    list.push({
      name: `affine ${shape}`,
      flops,
      plain: (kernels, [a, w, bias, c]) => kernels.affine(batch, n, k, a, w, bias, c),
      split: (s, [a, w, bias, c]) => s.run({ kind: 'affine', m: batch, n, k, a: at(a), b: at(w), bias: at(bias), c: at(c) }, blockRows),
    });
    list.push({
      name: `weight gradient ${shape}`,
      flops,
      plain: (kernels, [a, w, , c]) => kernels.matmulTransposedA(n, k, batch, a, w, c, false),
      split: (s, [a, w, , c]) => s.run({ kind: 'product', m: n, n: k, k: batch, a: at(a), rowStride: 1, columnStride: n, b: at(w), c: at(c), accumulate: false }, blockRows),
    });
    if (l > 0) {
      list.push({
        name: `input gradient ${shape}`,
        flops,
        plain: (kernels, [a, w, , c]) => kernels.matmul(batch, k, n, a, w, c),
        split: (s, [a, w, , c]) => s.run({ kind: 'product', m: batch, n: k, k: n, a: at(a), rowStride: n, columnStride: 1, b: at(w), c: at(c), accumulate: false }, blockRows),
      });
    }
  }
  return list;
}

/** Shared-memory kernels and their work sharing, with the helper serving them (as shared.ts sets them up, without the monitor). */
function sharedSetup(largest: number, helper: KernelHelper): { kernels: Kernels; sharing: WorkSharing; buffers: Float32Array[] } {
  const module = wasmModule('shared')!;
  const lengths = [largest, largest, largest, largest];
  const probe = new WebAssembly.Instance(module, { env: { memory: new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }) } });
  const heapBase = (probe.exports as unknown as SimdExports).heapBase();
  const end = heapEnd(heapBase, [...lengths, controlBytes / 4]);
  const pages = Math.ceil(end / pageBytes);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as SimdExports;
  const buffer = memory.buffer as unknown as SharedArrayBuffer;
  const kernels = bindKernels('shared', exports, buffer, heapBase, lengths);
  const buffers = lengths.map((length) => kernels.allocate(length));
  buffers.forEach((b, i) => b.forEach((_, j) => (b[j] = Math.sin(i * 7 + j))));
  const control = end - controlBytes;
  const sharing = new WorkSharing(exports, buffer, control);
  helper.serve(module, memory, control);
  sharing.awaitHelper(5000);
  return { kernels, sharing, buffers };
}

export interface SplitFigures {
  lines: string[];
  /** Wall-clock speed-up of the step's GEMMs that split (≥ splitFlops) on two threads. */
  stepSpeedup: number;
}

export function splitKernels(sizes: number[], batch: number): SplitFigures {
  const helper = new HelperThread(join(repoRoot, 'dist', 'kernelHelper.js'));
  const list = calls(sizes, batch);
  const largest = Math.max(...sizes.map((s) => s * Math.max(batch, ...sizes)));
  const { kernels, sharing, buffers } = sharedSetup(largest, helper);
  const lines = [
    `Wall-clock GFLOP/s, best of 5, blocks of ${blockRows} rows; GEMMs under ${splitFlops / 1e6} MFLOP never split in a run (shown for scale).`,
    '',
    '| kernel | MFLOP | 1 thread | 2 threads | speed-up |',
    '|---|---:|---:|---:|---:|',
  ];
  let plainMs = 0, splitMs = 0;
  for (const call of list) {
    const repeats = Math.max(1, Math.round(2e8 / call.flops));
    const plain = fastest(() => {
      for (let r = 0; r < repeats; r++) call.plain(kernels, buffers);
    }).wallMs / repeats;
    const split = fastest(() => {
      for (let r = 0; r < repeats; r++) call.split(sharing, buffers);
    }).wallMs / repeats;
    if (call.flops >= splitFlops) [plainMs, splitMs] = [plainMs + plain, splitMs + split];
    lines.push(`| ${call.name} | ${(call.flops / 1e6).toFixed(1)} | ${gflops(call.flops, plain).toFixed(1)} | ${gflops(call.flops, split).toFixed(1)} | ${(plain / split).toFixed(2)}× |`);
  }
  // A handoff: one 4-row block of a 4 × 8 × 1 product, posted, claimed and waited for.
  const tiny = { kind: 'product' as const, m: 4, n: 8, k: 1, a: at(buffers[0]), rowStride: 1, columnStride: 4, b: at(buffers[1]), c: at(buffers[3]), accumulate: false };
  const handoffUs = (1000 * fastest(() => {
    for (let r = 0; r < 1000; r++) sharing.run(tiny, 4);
  }).wallMs) / 1000;
  sharing.stop();
  lines.push('', `A handoff (an empty job posted and finished, the helper spinning): ${handoffUs.toFixed(1)} µs. The split GEMMs together: ${(plainMs / splitMs).toFixed(2)}× on two threads.`);
  return { lines, stepSpeedup: plainMs / splitMs };
}
