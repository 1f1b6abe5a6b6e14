/**
 * The relaxed SIMD kernels on shared memory, with a helper thread for one run's large GEMMs: the
 * forward products, the input gradients and the weight gradients of layers large enough to win are
 * cut into blocks between the two threads (workSharing.ts), and a weight gradient fused with plain SGD
 * (gradientStep) updates each block's rows of W on the thread that computed their gradient, while
 * they are in its cache; everything else (activations, bias sums, losses, other updates) runs on the
 * run's own thread. The result is the one-thread result bit for bit, so the run records the same
 * kernel path as the relaxed build's.
 */
import type { Kernels } from '../matrix';
import { bindKernels, heapEnd, pageBytes, paddedLength, wasmModule, type SimdExports } from './simd';
import { SplitMonitor } from './splitMonitor';
import { controlBytes, WorkSharing, type Gemm } from './workSharing';

/** A thread that joins a run's GEMMs: the worker implements it (the core never starts threads). */
export interface KernelHelper {
  /** Has the helper's thread run serveBlocks(module, memory, control) (workSharing.ts) until the run stops. */
  serve(module: WebAssembly.Module, memory: WebAssembly.Memory, control: number): void;
}

/**
 * GEMMs of fewer FLOPs run on one thread. A handoff (post, the helper's first claim, the wait for
 * its last block) measured 2–6 µs with the helper spinning and 20–120 µs when it must be woken,
 * on this project's 2-vCPU machine; at ~45 GFLOP/s a GEMM of 4 MFLOP takes ~90 µs, so half of
 * it saves more than a slow handoff costs. Digits' GEMMs (≤ 0.5 MFLOP) never split; synth's
 * 784→256 products (51 MFLOP) and 256→128 ones (8.4 MFLOP) do.
 */
export const splitFlops = 4e6;
/** Rows (a forward product's: columns) per claimed block: 16 rows keep a panel of B in L1 across four register blocks, and a job of 128 rows has 8 blocks. */
const defaultBlockRows = 16;

/** The longest a run waits for its helper to start serving (a limit against a hang, not a timing). */
const helperStartMs = 2000;

/** How a run's GEMMs used the threads, for its record. */
export interface ThreadUse {
  /** 2 when a helper thread shared some of the run's GEMMs, else 1. */
  threads: number;
  /** Why the run went back to one thread part way, or null. */
  fellBack: string | null;
  splitGemms: number;
  /** The share of split GEMMs' blocks the helper ran. */
  helperShare: number;
}

export interface SharedKernels extends Kernels {
  threadUse(): ThreadUse;
  /** Ends the helper's part in this run; nothing may use the kernels afterwards. */
  close(): void;
}

export interface SharedKernelOptions {
  helper: KernelHelper;
  /** Wall-clock milliseconds for the split-or-not verdicts (SplitMonitor); performance.now by default. */
  clock?: () => number;
  /** GEMMs of at least this many FLOPs split; splitFlops by default. */
  minFlops?: number;
  /** Rows per claimed block, a multiple of 4; 16 by default. */
  blockRows?: number;
}

/** Whether any GEMM of a training step of this network (batch rows) is large enough to split. */
export function worthSplitting(sizes: number[], batch: number, minFlops = splitFlops): boolean {
  return sizes.slice(1).some((outputs, l) => 2 * batch * outputs * sizes[l] >= minFlops);
}

/**
 * Shared-memory kernels with room for buffers of the given lengths and the helper serving them, or
 * null where the runtime has no shared WebAssembly memory or relaxed SIMD. The memory is sized to
 * its maximum up front: shared memory can grow without detaching views, but never past its maximum.
 */
export function createSharedKernels(bufferLengths: number[], options: SharedKernelOptions): SharedKernels | null {
  const module = wasmModule('shared');
  if (!module || typeof SharedArrayBuffer !== 'function') return null;
  const heapBase = sharedHeapBase(module);
  const end = heapEnd(heapBase, [...bufferLengths, controlBytes / 4]);
  const pages = Math.ceil(end / pageBytes);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as SimdExports;
  const buffer = memory.buffer as unknown as SharedArrayBuffer;
  const control = end - paddedLength(controlBytes / 4) * 4;
  const kernels = bindKernels('webassembly-relaxed-simd', exports, buffer, heapBase, bufferLengths);
  const sharing = new WorkSharing(exports, buffer, control);
  const monitor = new SplitMonitor(options.clock ?? (() => performance.now()));
  const minFlops = options.minFlops ?? splitFlops;
  const rowsPerBlock = options.blockRows ?? defaultBlockRows;
  if (rowsPerBlock <= 0 || rowsPerBlock % 4 !== 0) throw new Error(`Blocks of ${rowsPerBlock} rows would cut the kernels' 4-row register blocks.`);
  let blocks = 0;
  options.helper.serve(module, memory, control);
  // A new helper thread takes tens of milliseconds to start; the run's first GEMMs wait for it once.
  sharing.awaitHelper(helperStartMs);

  const ours = (a: Float32Array, b: Float32Array, c: Float32Array) => a.buffer === buffer && b.buffer === buffer && c.buffer === buffer;
  const gemm = (job: Gemm, plain: () => void) => {
    const flops = 2 * job.m * job.n * job.k;
    if (flops < minFlops) return plain();
    monitor.run(flops, () => (blocks += sharing.run(job, rowsPerBlock)), plain);
  };
  const { affine, matmul, matmulTransposedA, gradientStep } = kernels;
  return {
    ...kernels,
    affine(m, n, k, a, b, bias, c) {
      const plain = () => affine(m, n, k, a, b, bias, c);
      if (!ours(a, b, c) || bias.buffer !== buffer) return plain();
      gemm({ kind: 'affine', m, n, k, a: a.byteOffset, b: b.byteOffset, bias: bias.byteOffset, c: c.byteOffset }, plain);
    },
    matmul(m, n, k, a, b, c) {
      const plain = () => matmul(m, n, k, a, b, c);
      if (!ours(a, b, c)) return plain();
      gemm({ kind: 'product', m, n, k, a: a.byteOffset, rowStride: k, columnStride: 1, b: b.byteOffset, c: c.byteOffset, accumulate: false }, plain);
    },
    matmulTransposedA(m, n, k, a, b, c, accumulate) {
      const plain = () => matmulTransposedA(m, n, k, a, b, c, accumulate);
      if (!ours(a, b, c)) return plain();
      gemm({ kind: 'product', m, n, k, a: a.byteOffset, rowStride: 1, columnStride: m, b: b.byteOffset, c: c.byteOffset, accumulate }, plain);
    },
    gradientStep(m, n, k, a, b, g, w, learningRate, l2Twice, rowSquares) {
      const plain = () => gradientStep!(m, n, k, a, b, g, w, learningRate, l2Twice, rowSquares);
      if (!ours(a, b, g) || w.buffer !== buffer || rowSquares.buffer !== buffer) return plain();
      const step = { w: w.byteOffset, learningRate, l2Twice, norms: rowSquares.byteOffset };
      gemm({ kind: 'product', m, n, k, a: a.byteOffset, rowStride: 1, columnStride: m, b: b.byteOffset, c: g.byteOffset, accumulate: false, step }, plain);
    },
    threadUse: () => ({
      threads: monitor.splitGemms > 0 ? 2 : 1,
      fellBack: monitor.fellBack,
      splitGemms: monitor.splitGemms,
      helperShare: blocks > 0 ? sharing.helped / blocks : 0,
    }),
    close: () => sharing.stop(),
  };
}

const heapBases = new WeakMap<WebAssembly.Module, number>();

/** Where the shared build's buffers may start, read from a throwaway instance on a one-page memory. */
function sharedHeapBase(module: WebAssembly.Module): number {
  let base = heapBases.get(module);
  if (base === undefined) {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    base = (new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as SimdExports).heapBase();
    heapBases.set(module, base);
  }
  return base;
}
