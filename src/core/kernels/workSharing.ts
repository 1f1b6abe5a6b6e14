/**
 * One GEMM shared by two threads on one shared WebAssembly memory: the rows of C are cut into blocks
 * at multiples of 4 (the kernels' register block) and each thread claims the next block from a
 * control word until none is left. A block runs the very kernel the whole product would, on its
 * rows, and every entry of C is summed in the same order whichever thread computes it: the result
 * is the one-thread result bit for bit, whatever the threads' timing.
 *
 * The control block is a few int32 words in the shared memory. The thread that owns the run posts
 * a job; the helper thread, woken by Atomics.notify or spinning for a while after its last job,
 * joins in; a helper that is late or descheduled costs at most the one block it holds.
 */
import type { SimdExports } from './simd';

/** The control block's words. */
const SEQ = 0; // the job number, bumped for each job; the helper waits on it
const CLAIM = 1; // (job tag << 16) | next block
const DONE = 2; // blocks finished in the current job
const WAITING = 3; // 1 while the posting thread sleeps on DONE
const KIND = 4;
const BLOCKS = 5;
const BLOCK_ROWS = 6;
const M = 7, N = 8, K = 9, A = 10, ROW_STRIDE = 11, COLUMN_STRIDE = 12, B = 13, BIAS = 14, C = 15, ACCUMULATE = 16;
const W = 17, RATE = 18, L2_TWICE = 19, NORMS = 20; // a weight gradient's fused SGD step (floats as their bits)
const HELPED = 21; // blocks the helper has run, over the run
const READY = 22; // 1 once the helper serves this memory
/** Bytes the control block takes in the memory. */
export const controlBytes = 128;

const AFFINE = 1, PRODUCT = 2, STOP = 3, PRODUCT_STEP = 4;
/** A claim word whose next block is past any job's last: no thread can claim from it. */
const CLOSED = 0xffff;
/** Blocks per job stay below CLOSED. */
const maxBlocks = CLOSED - 1;

/** Loads of SEQ a helper makes after a job before it sleeps, and the poster makes on DONE before it sleeps. */
const helperSpins = 200_000;
const posterSpins = 20_000;

/** After a weight gradient's block: plain SGD on those rows of W, each row's Σg² into norms (productStep in simd.ts). */
export interface RowStep {
  w: number;
  learningRate: number;
  l2Twice: number;
  norms: number;
}

/** C[m×n] = A[m×k]·B[n×k]ᵀ + bias, or C (+)= A·B with A's strides (the two kernels of simd.ts), then perhaps a step on W. */
export type Gemm =
  | { kind: 'affine'; m: number; n: number; k: number; a: number; b: number; bias: number; c: number }
  | { kind: 'product'; m: number; n: number; k: number; a: number; rowStride: number; columnStride: number; b: number; c: number; accumulate: boolean; step?: RowStep };

/** A float32's bits, to pass it through the int32 control words. */
const floatView = new Float32Array(1);
const bitsView = new Int32Array(floatView.buffer);
function floatBits(value: number): number {
  floatView[0] = value;
  return bitsView[0];
}
function bitsFloat(bits: number): number {
  bitsView[0] = bits;
  return floatView[0];
}

/** Rows per block: `rows` (a multiple of 4) or more, so a job has at most maxBlocks blocks. */
export function blockRows(m: number, rows: number): number {
  return Math.max(rows, 4 * Math.ceil(m / 4 / maxBlocks));
}

/** Runs rows [first, first + count) of the job in `words` (read once per job into `job`), and a weight gradient's step on those rows of W. */
function runBlock(exports: SimdExports, job: Int32Array, block: number): void {
  const rows = job[BLOCK_ROWS];
  const first = block * rows;
  const count = Math.min(rows, job[M] - first);
  const n = job[N], k = job[K];
  const c = (job[C] >>> 0) + first * n * 4;
  if (job[KIND] === AFFINE) {
    exports.affine(count, n, k, (job[A] >>> 0) + first * k * 4, job[B] >>> 0, job[BIAS] >>> 0, c);
    return;
  }
  const rowStride = job[ROW_STRIDE];
  const a = (job[A] >>> 0) + first * rowStride * 4;
  if (job[KIND] === PRODUCT) {
    exports.product(count, n, k, a, rowStride, job[COLUMN_STRIDE], job[B] >>> 0, c, job[ACCUMULATE]);
    return;
  }
  const w = (job[W] >>> 0) + first * n * 4, norms = (job[NORMS] >>> 0) + first * 4;
  exports.productStep(count, n, k, a, rowStride, job[COLUMN_STRIDE], job[B] >>> 0, c, w, bitsFloat(job[RATE]), bitsFloat(job[L2_TWICE]), norms);
}

/** The next block of job `tag`, or −1 once the job has none left (or is no longer the current one). */
function claim(words: Int32Array, tag: number, blocks: number): number {
  for (;;) {
    const word = Atomics.load(words, CLAIM);
    if (word >>> 16 !== tag || (word & 0xffff) >= blocks) return -1;
    if (Atomics.compareExchange(words, CLAIM, word, word + 1) === word) return word & 0xffff;
  }
}

/**
 * Claims and runs blocks of job `tag` until none is left; returns how many this thread ran. The job's
 * words are read before the first claim: a claim succeeds only while the job is current, and the
 * poster writes a new job's words only after closing the claim word to the old one.
 */
function work(exports: SimdExports, words: Int32Array, job: Int32Array, tag: number): number {
  for (let w = KIND; w <= NORMS; w++) job[w] = Atomics.load(words, w);
  let ran = 0;
  for (let block = claim(words, tag, job[BLOCKS]); block >= 0; block = claim(words, tag, job[BLOCKS])) {
    runBlock(exports, job, block);
    ran++;
    Atomics.add(words, DONE, 1);
    if (Atomics.load(words, WAITING) === 1) Atomics.notify(words, DONE);
  }
  return ran;
}

/** The posting side: the thread that owns the run. */
export class WorkSharing {
  private readonly words: Int32Array;
  private readonly job = new Int32Array(NORMS + 1);

  /** `control` is the byte offset of controlBytes reserved in the shared memory. */
  constructor(private readonly exports: SimdExports, buffer: SharedArrayBuffer, control: number) {
    this.words = new Int32Array(buffer, control, controlBytes / 4);
  }

  /** Blocks the helper has run so far. */
  get helped(): number {
    return Atomics.load(this.words, HELPED);
  }

  /**
   * Waits (at most `ms`) until the helper serves the memory, so the run's first split GEMMs are
   * timed with it; a helper later than that only joins later (the poster runs blocks alone meanwhile).
   */
  awaitHelper(ms: number): void {
    Atomics.wait(this.words, READY, 0, ms);
  }

  /** Runs the GEMM in blocks of `rows` rows (a multiple of 4) with whichever thread claims them; returns when C is complete. */
  run(gemm: Gemm, rows: number): void {
    const { words } = this;
    const seq = (Atomics.load(words, SEQ) + 1) & 0x7fff;
    const size = blockRows(gemm.m, rows);
    const blocks = Math.ceil(gemm.m / size);
    Atomics.store(words, CLAIM, (seq << 16) | CLOSED);
    Atomics.store(words, DONE, 0);
    const kind = gemm.kind === 'affine' ? AFFINE : gemm.step ? PRODUCT_STEP : PRODUCT;
    const fields: [number, number][] = [[KIND, kind], [BLOCKS, blocks], [BLOCK_ROWS, size], [M, gemm.m], [N, gemm.n], [K, gemm.k], [A, gemm.a], [B, gemm.b], [C, gemm.c]];
    if (gemm.kind === 'affine') fields.push([BIAS, gemm.bias]);
    else fields.push([ROW_STRIDE, gemm.rowStride], [COLUMN_STRIDE, gemm.columnStride], [ACCUMULATE, gemm.accumulate ? 1 : 0]);
    if (gemm.kind === 'product' && gemm.step) {
      const { w, learningRate, l2Twice, norms } = gemm.step;
      fields.push([W, w], [RATE, floatBits(learningRate)], [L2_TWICE, floatBits(l2Twice)], [NORMS, norms]);
    }
    for (const [word, value] of fields) Atomics.store(words, word, value | 0);
    Atomics.store(words, CLAIM, seq << 16);
    Atomics.store(words, SEQ, seq);
    Atomics.notify(words, SEQ);
    work(this.exports, words, this.job, seq);
    this.waitFor(blocks);
  }

  /** Tells the helper the run is over: it returns from serveBlocks and never joins this memory again. */
  stop(): void {
    const { words } = this;
    Atomics.store(words, CLAIM, CLOSED);
    Atomics.store(words, KIND, STOP);
    Atomics.store(words, SEQ, (Atomics.load(words, SEQ) + 1) & 0x7fff);
    Atomics.notify(words, SEQ);
  }

  /** Until the helper finishes the block it holds: spin first, then sleep on DONE. */
  private waitFor(blocks: number): void {
    const { words } = this;
    for (let i = 0; i < posterSpins; i++) if (Atomics.load(words, DONE) === blocks) return;
    for (;;) {
      Atomics.store(words, WAITING, 1);
      const done = Atomics.load(words, DONE);
      if (done === blocks) break;
      Atomics.wait(words, DONE, done);
    }
    Atomics.store(words, WAITING, 0);
  }
}

/**
 * The helper's side, run on its own thread: instantiates the shared build on `memory` and joins
 * every job posted to the control block at `control` until the run stops. Spins after each job
 * (the next GEMM of a step follows within microseconds), then sleeps until the next.
 */
export function serveBlocks(module: WebAssembly.Module, memory: WebAssembly.Memory, control: number): void {
  const words = new Int32Array(memory.buffer as unknown as SharedArrayBuffer, control, controlBytes / 4);
  if (Atomics.load(words, KIND) === STOP) return;
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as SimdExports;
  const job = new Int32Array(NORMS + 1);
  let seen = Atomics.load(words, SEQ);
  Atomics.store(words, READY, 1);
  Atomics.notify(words, READY);
  for (;;) {
    let seq = Atomics.load(words, SEQ);
    for (let i = 0; seq === seen && i < helperSpins; i++) seq = Atomics.load(words, SEQ);
    if (seq === seen) {
      Atomics.wait(words, SEQ, seen);
      continue;
    }
    seen = seq;
    if (Atomics.load(words, KIND) === STOP) return;
    const ran = work(exports, words, job, seq);
    if (ran > 0) Atomics.add(words, HELPED, ran);
  }
}
