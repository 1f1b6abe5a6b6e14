/** Picks the fastest kernels this runtime offers: WebAssembly SIMD, else plain TypeScript. */
import { typescriptKernels, type Kernels } from '../matrix';
import { createSimdKernels } from './simd';

/** Kernels with room for buffers of these lengths (see Network.bufferLengths). */
export function createKernels(bufferLengths: number[]): Kernels {
  return createSimdKernels(bufferLengths) ?? typescriptKernels;
}

export { createSimdKernels, simdAvailable } from './simd';
