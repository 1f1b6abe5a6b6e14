/** Norms and sparsity of any tensor, accumulated chunk by chunk so a reader can stream. */
import { createWasmKernels, kernelPath } from '../kernels';
import type { Kernels, StoredFloat } from '../matrix';

export interface WeightStats {
  count: number;
  sumSquares: number;
  sumAbs: number;
  maxAbs: number;
  exactZeros: number;
  /** Values with |w| ≤ ε. */
  belowEpsilon: number;
  /** NaN or ±∞ values: counted, left out of the sums. */
  nonFinite: number;
}

export function emptyWeightStats(): WeightStats {
  return { count: 0, sumSquares: 0, sumAbs: 0, maxAbs: 0, exactZeros: 0, belowEpsilon: 0, nonFinite: 0 };
}

/** Adds a chunk of values to `stats`. */
export function accumulateWeightStats(stats: WeightStats, values: ArrayLike<number>, epsilon: number): void {
  let sumSquares = 0, sumAbs = 0, maxAbs = stats.maxAbs, zeros = 0, small = 0, nonFinite = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (!(a < Infinity)) {
      nonFinite++;
      continue;
    }
    sumSquares += a * a;
    sumAbs += a;
    if (a > maxAbs) maxAbs = a;
    if (a <= epsilon) small++;
    if (a === 0) zeros++;
  }
  stats.count += values.length;
  stats.sumSquares += sumSquares;
  stats.sumAbs += sumAbs;
  stats.maxAbs = maxAbs;
  stats.exactZeros += zeros;
  stats.belowEpsilon += small;
  stats.nonFinite += nonFinite;
}

/** Bytes the stored-values kernel takes per call: a slice of a reader's chunk, copied into its memory. */
const sliceBytes = 1 << 20;

interface StatsKernels {
  kernels: Kernels;
  stored: Float32Array;
  bytes: Uint8Array;
  out: Float64Array;
}

let statsKernels: StatsKernels | null | undefined;

/** One WebAssembly instance for every tensor's stats, made on first use; null where WebAssembly cannot run. */
function storedStatsKernels(): StatsKernels | null {
  if (statsKernels !== undefined) return statsKernels;
  const path = kernelPath();
  const kernels = path === 'typescript' ? null : createWasmKernels(path, [sliceBytes / 4 + 8, 12]);
  if (kernels === null) return (statsKernels = null);
  const stored = kernels.allocate(sliceBytes / 4 + 8);
  const out = kernels.allocate(12);
  return (statsKernels = {
    kernels,
    stored,
    bytes: new Uint8Array(stored.buffer, stored.byteOffset, stored.byteLength),
    out: new Float64Array(out.buffer, out.byteOffset, 6),
  });
}

const bytesPer: Record<StoredFloat, number> = { F32: 4, BF16: 2, F16: 2 };

/**
 * Adds stored little-endian values (whole elements) to `stats` without decoding them into an array:
 * in WebAssembly SIMD a megabyte at a time where it runs, else decoded here.
 */
export function accumulateStoredWeightStats(stats: WeightStats, format: StoredFloat, bytes: Uint8Array, epsilon: number): void {
  const simd = storedStatsKernels();
  if (simd === null) {
    accumulateWeightStats(stats, decodeStored(format, bytes), epsilon);
    return;
  }
  const { kernels, stored, bytes: buffer, out } = simd;
  for (let at = 0; at < bytes.length; at += sliceBytes) {
    const slice = bytes.subarray(at, Math.min(bytes.length, at + sliceBytes));
    buffer.set(slice);
    buffer.fill(0, slice.length, slice.length + 32);
    const count = slice.length / bytesPer[format];
    kernels.storedStats!(format, stored, count, floatAtMost(epsilon), out);
    stats.count += count;
    stats.sumSquares += out[0];
    stats.sumAbs += out[1];
    stats.maxAbs = Math.max(stats.maxAbs, out[2]);
    stats.exactZeros += out[3];
    stats.belowEpsilon += out[4];
    stats.nonFinite += out[5];
  }
}

/** The largest float32 ≤ x: for a float32 a, a ≤ it exactly when a ≤ x, as accumulateWeightStats compares. */
function floatAtMost(x: number): number {
  const rounded = Math.fround(x);
  if (rounded <= x || !Number.isFinite(rounded)) return rounded;
  const bits = new Uint32Array(Float32Array.of(rounded).buffer);
  bits[0] += rounded > 0 ? -1 : 1;
  return new Float32Array(bits.buffer)[0];
}

/** Stored values as float32, for runtimes without WebAssembly. */
function decodeStored(format: StoredFloat, bytes: Uint8Array): Float32Array {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  if (format === 'F32') return new Float32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
  const halves = new Uint16Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 2);
  const values = new Float32Array(halves.length);
  const bits = new Uint32Array(values.buffer);
  for (let i = 0; i < halves.length; i++) {
    const h = halves[i];
    if (format === 'BF16') bits[i] = h << 16;
    else values[i] = halfValue(h);
  }
  return values;
}

function halfValue(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** Histogram of the values over [−max|w|, max|w|] in `bins` equal bins. */
export function valueHistogram(values: ArrayLike<number>, maxAbs: number, bins: number): { edges: number[]; counts: number[] } {
  const counts = new Array<number>(bins).fill(0);
  const width = maxAbs > 0 ? (2 * maxAbs) / bins : 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    counts[Math.min(bins - 1, Math.max(0, Math.floor((v + maxAbs) / width)))]++;
  }
  return { edges: Array.from({ length: bins + 1 }, (_, i) => -maxAbs + i * width), counts };
}
