/** Picks the fastest kernels this runtime offers: WebAssembly SIMD, else plain TypeScript. */
import { typescriptKernels, type Kernels } from '../matrix';
import { createSimdKernels } from './simd';

/**
 * The kernels a finished run gave back, for the next run of the same shape: a worker trains many
 * short runs in a row when tuning, and a fresh WebAssembly instance and memory per run cost more
 * than the run's first epochs.
 */
let idle: { key: string; kernels: Kernels } | null = null;

/** Kernels with room for buffers of these lengths (see Network.bufferLengths). */
export function createKernels(bufferLengths: number[]): Kernels {
  const key = bufferLengths.join(',');
  if (idle?.key === key && idle.kernels.reset) {
    const { kernels } = idle;
    idle = null;
    kernels.reset!();
    return kernels;
  }
  return createSimdKernels(bufferLengths) ?? typescriptKernels;
}

/** Hands kernels from createKernels back once nothing uses their buffers any more. */
export function recycleKernels(bufferLengths: number[], kernels: Kernels): void {
  if (kernels.reset) idle = { key: bufferLengths.join(','), kernels };
}

export { createSimdKernels, simdAvailable } from './simd';
