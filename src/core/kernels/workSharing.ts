/**
 * One GEMM shared by two threads on one shared WebAssembly memory: C is cut into blocks (of rows at
 * multiples of 4, the kernels' register block; a forward product's by columns, see below) and each
 * thread claims the next block from a control word until none is left. A block runs the very
 * kernel the whole product would, on its part, and every entry of C is summed in the same order
 * whichever thread computes it: the result is the one-thread result bit for bit, whatever the
 * threads' timing.
 *
 * Who runs which block: the poster claims from the first block on, the helper from the last one
 * back, so from one job to the next each thread keeps about the same blocks. A forward product
 * (affine) is cut by its columns, that is by the rows of W, as a weight gradient and its step are:
 * each thread then reads and updates only its own rows of W, which stay in its cache. Cut by the
 * rows of C instead, both threads read all of W, and every update of a row the other core holds
 * must first take it away from that core (measured: synth's update of its 784→256 weights ran 3.5×
 * slower for that alone).
 *
 * The control block is a few int32 words in the shared memory. The thread that owns the run posts
 * a job; the helper thread, woken by Atomics.notify or spinning for a while after its last job,
 * joins in; a helper that is late or descheduled costs at most the one block it holds.
 */
import type { SimdExports } from './simd';

/** The control block's words. */
const SEQ = 0; // the job number, bumped for each job; the helper waits on it
const CLAIM = 1; // (job tag << 16) | (blocks claimed from the back << 8) | blocks claimed from the front
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

const AFFINE = 1, PRODUCT = 2, STOP = 3, PRODUCT_STEP = 4, AFFINE_COLUMNS = 5;
/** Claim counts that add up past any job's last block: no thread can claim from them. */
const CLOSED = 0xffff;
/** Blocks per job: each claim count fits in 8 bits, and CLOSED's exceed them. */
const maxBlocks = 254;

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

/** Rows (or columns) per block: `rows` (a multiple of 4) or more, so a job has at most maxBlocks blocks. */
export function blockRows(m: number, rows: number): number {
  return Math.max(rows, 4 * Math.ceil(m / 4 / maxBlocks));
}

/** Whether a job's blocks are columns of C: a forward product's, when it has two blocks of them or more. */
function byColumns(gemm: Gemm, rows: number): boolean {
  return gemm.kind === 'affine' && gemm.n >= 2 * rows;
}

/** Runs rows [first, first + count) of the job in `words` (read once per job into `job`), and a weight gradient's step on those rows of W. */
function runBlock(exports: SimdExports, job: Int32Array, block: number): void {
  const rows = job[BLOCK_ROWS];
  const first = block * rows;
  const n = job[N], k = job[K];
  if (job[KIND] === AFFINE_COLUMNS) {
    const columns = Math.min(rows, n - first);
    exports.affine(job[M], columns, k, job[A] >>> 0, (job[B] >>> 0) + first * k * 4, (job[BIAS] >>> 0) + first * 4, (job[C] >>> 0) + first * 4, n);
    return;
  }
  const count = Math.min(rows, job[M] - first);
  const c = (job[C] >>> 0) + first * n * 4;
  if (job[KIND] === AFFINE) {
    exports.affine(count, n, k, (job[A] >>> 0) + first * k * 4, job[B] >>> 0, job[BIAS] >>> 0, c, n);
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

/**
 * The next block of job `tag` from the front (the poster) or the back (the helper), or −1 once the
 * job has none left (or is no longer the current one).
 */
function claim(words: Int32Array, tag: number, blocks: number, fromBack: boolean): number {
  for (;;) {
    const word = Atomics.load(words, CLAIM);
    const front = word & 0xff, back = (word >>> 8) & 0xff;
    if (word >>> 16 !== tag || front + back >= blocks) return -1;
    if (Atomics.compareExchange(words, CLAIM, word, word + (fromBack ? 0x100 : 1)) === word) return fromBack ? blocks - 1 - back : front;
  }
}

/**
 * Claims and runs blocks of job `tag` until none is left; returns how many this thread ran. The job's
 * words are read before the first claim: a claim succeeds only while the job is current, and the
 * poster writes a new job's words only after closing the claim word to the old one.
 */
function work(exports: SimdExports, words: Int32Array, job: Int32Array, tag: number, fromBack: boolean): number {
  for (let w = KIND; w <= NORMS; w++) job[w] = Atomics.load(words, w);
  let ran = 0;
  for (let block = claim(words, tag, job[BLOCKS], fromBack); block >= 0; block = claim(words, tag, job[BLOCKS], fromBack)) {
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

  /**
   * Runs the GEMM in blocks of `rows` rows or columns (a multiple of 4) with whichever thread claims
   * them; returns the number of blocks once C is complete.
   */
  run(gemm: Gemm, rows: number): number {
    const { words } = this;
    const seq = (Atomics.load(words, SEQ) + 1) & 0x7fff;
    const columns = byColumns(gemm, rows);
    const size = blockRows(columns ? gemm.n : gemm.m, rows);
    const blocks = Math.ceil((columns ? gemm.n : gemm.m) / size);
    Atomics.store(words, CLAIM, (seq << 16) | CLOSED);
    Atomics.store(words, DONE, 0);
    const kind = gemm.kind === 'affine' ? (columns ? AFFINE_COLUMNS : AFFINE) : gemm.step ? PRODUCT_STEP : PRODUCT;
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
    work(this.exports, words, this.job, seq, false);
    this.waitFor(blocks);
    return blocks;
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
    const ran = work(exports, words, job, seq, true);
    if (ran > 0) Atomics.add(words, HELPED, ran);
  }
}
