/**
 * The WebAssembly backends of the Kernels interface, one per build of assembly/simd.ts: relaxed SIMD
 * (fused multiply-add) and plain SIMD. Their buffers live in the module's memory, which is sized
 * once, before any buffer is handed out: growing it would detach every view.
 */
import { losses } from '../losses';
import { typescriptKernels, type Kernels, type StoredFloat } from '../matrix';
import { relaxedSimdKernelsBase64, sharedKernelsBase64, simdKernelsBase64 } from './simdBinary';

/** The builds, by the kernel path name a run records. */
const builds = {
  'webassembly-relaxed-simd': relaxedSimdKernelsBase64,
  'webassembly-simd': simdKernelsBase64,
};
export type WasmBuild = keyof typeof builds;

/** The relaxed SIMD build on shared, imported memory, for GEMMs shared between two threads (see shared.ts). */
const binaries = { ...builds, shared: sharedKernelsBase64 };

export interface SimdExports {
  heapBase(): number;
  affine(m: number, n: number, k: number, a: number, b: number, bias: number, c: number, ldc: number): void;
  product(m: number, n: number, k: number, a: number, rowStride: number, columnStride: number, b: number, c: number, accumulate: number): void;
  relu(z: number, a: number, length: number): void;
  reluBackward(z: number, grad: number, length: number): void;
  sumRows(rows: number, cols: number, m: number, out: number, accumulate: number): void;
  sgdStep(w: number, g: number, length: number, learningRate: number, l2Twice: number): number;
  productStep(m: number, n: number, k: number, a: number, rowStride: number, columnStride: number, b: number, c: number, w: number, learningRate: number, l2Twice: number, norms: number): void;
  columnExtremes(rows: number, cols: number, m: number, max: number, min: number): void;
  spectralNorm(w: number, m: number, n: number, v: number, u: number, iterations: number, tolerance: number): number;
  storedStats(format: number, p: number, count: number, epsilon: number, out: number): void;
  softmaxCrossEntropy(z: number, y: number, rows: number, k: number, scale: number, grad: number, gradient: number): number;
  binaryCrossEntropy(z: number, y: number, rows: number, scale: number, grad: number, gradient: number): number;
  correctRows(z: number, y: number, rows: number, k: number): number;
  gramTimes(w: number, m: number, n: number, v: number, y: number, u: number, wide: number): void;
  gramPanel(p: number, rows: number, n: number, g: number, wide: number): void;
  tridiagonalStep(a: number, n: number, k: number, d: number, e: number, vp: number, wp: number, v: number, w: number, p: number): void;
  tridiagonalLast(a: number, n: number, d: number, vp: number, wp: number, v: number, p: number): void;
}

/** The formats storedStats reads, by the index the WebAssembly function takes. */
const storedFormats: StoredFloat[] = ['F32', 'BF16', 'F16'];

export const pageBytes = 65536;
/** Buffers start on 16-byte boundaries, where SIMD loads are fastest. */
const alignment = 4;

const compiled = new Map<keyof typeof binaries, WebAssembly.Module | null>();

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The compiled build, or null where WebAssembly or a feature the build needs is missing (validate
 * fails). A failure is not kept: Node 20 can turn relaxed SIMD on at run time (see io/wasmFeatures.ts).
 */
export function wasmModule(build: keyof typeof binaries): WebAssembly.Module | null {
  let module = compiled.get(build) ?? null;
  if (!module && typeof WebAssembly === 'object') {
    const bytes = decodeBase64(binaries[build]);
    module = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    if (module) compiled.set(build, module);
  }
  return module;
}

export function wasmAvailable(build: WasmBuild): boolean {
  return wasmModule(build) !== null;
}

/** Floats a buffer of `length` takes, padding included. */
export function paddedLength(length: number): number {
  return Math.ceil(length / alignment) * alignment;
}

/**
 * Kernels of one WebAssembly build with room for buffers of the given lengths (in any order), or
 * null where the build cannot run. Each set of kernels owns its memory: make one per network.
 */
export function createWasmKernels(build: WasmBuild, bufferLengths: number[]): Kernels | null {
  const module = wasmModule(build);
  if (!module) return null;
  const exports = new WebAssembly.Instance(module, {}).exports as unknown as SimdExports & { memory: WebAssembly.Memory };
  const end = heapEnd(exports.heapBase(), bufferLengths);
  const pages = Math.ceil(end / pageBytes) - exports.memory.buffer.byteLength / pageBytes;
  if (pages > 0) exports.memory.grow(pages);
  return bindKernels(build, exports, exports.memory.buffer, exports.heapBase(), bufferLengths);
}

/** The byte just past buffers of these lengths laid out from `heapBase` (see bindKernels). */
export function heapEnd(heapBase: number, bufferLengths: number[]): number {
  return paddedLength(heapBase) * 4 + bufferLengths.reduce((total, length) => total + paddedLength(length), 0) * 4;
}

/**
 * The Kernels interface over an instance of a build whose memory (`buffer`) already reaches
 * heapEnd(heapBase, bufferLengths): buffers are handed out from there on.
 */
export function bindKernels(name: string, exports: SimdExports, buffer: ArrayBufferLike, heapBase: number, bufferLengths: number[]): Kernels {
  const floats = bufferLengths.reduce((total, length) => total + paddedLength(length), 0);
  const start = paddedLength(heapBase) * 4;
  const end = start + floats * 4;
  let next = start;
  // Fixed arity, not rest parameters: this runs on every kernel call and must not allocate.
  const ours = (a: ArrayBufferView, b: ArrayBufferView, c = a, d = a) =>
    a.buffer === buffer && b.buffer === buffer && c.buffer === buffer && d.buffer === buffer;

  return {
    name,
    reset() {
      next = start;
      new Uint8Array(buffer, start, end - start).fill(0);
    },
    allocate(length) {
      const bytes = paddedLength(length) * 4;
      if (next + bytes > end) {
        throw new Error(`The SIMD kernels' memory is full: a buffer of ${length} floats does not fit in the ${floats} reserved.`);
      }
      const array = new Float32Array(buffer, next, length);
      next += bytes;
      return array;
    },
    affine(m, n, k, a, b, bias, c) {
      if (ours(a, b, bias, c)) exports.affine(m, n, k, a.byteOffset, b.byteOffset, bias.byteOffset, c.byteOffset, n);
      else typescriptKernels.affine(m, n, k, a, b, bias, c);
    },
    matmul(m, n, k, a, b, c) {
      if (ours(a, b, c)) exports.product(m, n, k, a.byteOffset, k, 1, b.byteOffset, c.byteOffset, 0);
      else typescriptKernels.matmul(m, n, k, a, b, c);
    },
    matmulTransposedA(m, n, k, a, b, c, accumulate) {
      if (ours(a, b, c)) exports.product(m, n, k, a.byteOffset, 1, m, b.byteOffset, c.byteOffset, accumulate ? 1 : 0);
      else typescriptKernels.matmulTransposedA(m, n, k, a, b, c, accumulate);
    },
    sumRows(rows, cols, m, out, accumulate) {
      if (ours(m, out)) exports.sumRows(rows, cols, m.byteOffset, out.byteOffset, accumulate ? 1 : 0);
      else typescriptKernels.sumRows(rows, cols, m, out, accumulate);
    },
    relu(z, a, length) {
      if (ours(z, a)) exports.relu(z.byteOffset, a.byteOffset, length);
      else for (let i = 0; i < length; i++) a[i] = z[i] > 0 ? z[i] : 0;
    },
    reluBackward(z, grad, length) {
      if (ours(z, grad)) exports.reluBackward(z.byteOffset, grad.byteOffset, length);
      else for (let i = 0; i < length; i++) if (z[i] <= 0) grad[i] = 0;
    },
    columnExtremes(rows, cols, m, max, min) {
      if (ours(m, max, min)) {
        exports.columnExtremes(rows, cols, m.byteOffset, max.byteOffset, min.byteOffset);
        return;
      }
      for (let j = 0; j < cols; j++) {
        let high = -Infinity, low = Infinity;
        for (let i = 0; i < rows; i++) {
          const v = m[i * cols + j];
          if (v > high) high = v;
          if (!Number.isNaN(low) && !(v >= low)) low = v;
        }
        max[j] = high;
        min[j] = low;
      }
    },
    sgdStep(w, g, learningRate, l2Twice) {
      if (ours(w, g)) return exports.sgdStep(w.byteOffset, g.byteOffset, w.length, learningRate, l2Twice);
      let squares = 0;
      for (let i = 0; i < w.length; i++) {
        g[i] += l2Twice * w[i];
        squares += g[i] * g[i];
        w[i] -= learningRate * g[i];
      }
      return squares;
    },
    gradientStep(m, n, k, a, b, g, w, learningRate, l2Twice, rowSquares) {
      if (!ours(a, b, g, w) || rowSquares.buffer !== buffer) throw new Error('gradientStep reads only buffers of its own kernels.');
      exports.productStep(m, n, k, a.byteOffset, 1, m, b.byteOffset, g.byteOffset, w.byteOffset, learningRate, l2Twice, rowSquares.byteOffset);
    },
    crossEntropy(loss, z, y, rows, k, scale, grad) {
      if (!ours(z, y, grad ?? z)) return grad ? losses[loss].sumAndGradient(z, y, rows, k, scale, grad) : losses[loss].sum(z, y, rows, k);
      const [at, gradient] = grad ? [grad.byteOffset, 1] : [0, 0];
      return loss === 'softmaxCrossEntropy'
        ? exports.softmaxCrossEntropy(z.byteOffset, y.byteOffset, rows, k, scale, at, gradient)
        : exports.binaryCrossEntropy(z.byteOffset, y.byteOffset, rows, scale, at, gradient);
    },
    correctRows(z, y, rows, k) {
      if (ours(z, y)) return exports.correctRows(z.byteOffset, y.byteOffset, rows, k);
      return losses[k === 1 ? 'binaryCrossEntropy' : 'softmaxCrossEntropy'].correct(z, y, rows, k);
    },
    gramTimes(w, rows, cols, v, y, u, wide) {
      if (!ours(w, v, y, u)) throw new Error('gramTimes reads only buffers of its own kernels.');
      exports.gramTimes(w.byteOffset, rows, cols, v.byteOffset, y.byteOffset, u.byteOffset, wide ? 1 : 0);
    },
    gramPanel(panel, rows, n, g, scratch) {
      if (!ours(panel, g, scratch)) throw new Error('gramPanel reads only buffers of its own kernels.');
      exports.gramPanel(panel.byteOffset, rows, n, g.byteOffset, scratch.byteOffset);
    },
    tridiagonalize(a, n, d, e, scratch) {
      if (!ours(a, d, e, scratch)) throw new Error('tridiagonalize reads only buffers of its own kernels.');
      if (n === 0) return;
      scratch.fill(0, 0, 5 * n);
      let [vp, wp, v, w] = [0, 1, 2, 3].map((i) => scratch.byteOffset + i * n * 8);
      const p = scratch.byteOffset + 4 * n * 8;
      for (let k = 0; k < n - 1; k++) {
        exports.tridiagonalStep(a.byteOffset, n, k, d.byteOffset, e.byteOffset, vp, wp, v, w, p);
        [vp, wp, v, w] = [v, w, vp, wp];
      }
      exports.tridiagonalLast(a.byteOffset, n, d.byteOffset, vp, wp, v, p);
    },
    storedStats(format, stored, count, epsilon, out) {
      if (!ours(stored, out)) throw new Error('storedStats reads only buffers of its own kernels.');
      exports.storedStats(storedFormats.indexOf(format), stored.byteOffset, count, epsilon, out.byteOffset);
    },
    spectralNorm(w, rows, cols, v, u, iterations, tolerance) {
      if (ours(w, v, u)) return exports.spectralNorm(w.byteOffset, rows, cols, v.byteOffset, u.byteOffset, iterations, tolerance);
      return typescriptKernels.spectralNorm!(w, rows, cols, v, u, iterations, tolerance);
    },
  };
}
