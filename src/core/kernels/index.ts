/**
 * Picks the fastest kernels this runtime offers: WebAssembly relaxed SIMD (fused multiply-add),
 * else WebAssembly SIMD, else plain TypeScript. Each path is deterministic for a seed on a given
 * machine; the relaxed path's fused rounding differs from the others' in the last bits.
 */
import { typescriptKernels, type Kernels } from '../matrix';
import { relaxedSimdSupported } from './probe';
import { createWasmKernels, wasmAvailable, type WasmBuild } from './simd';

/** The kernel paths, fastest first; a run records the one it trained on. */
export type KernelPath = WasmBuild | 'typescript';

/**
 * The kernels a finished run gave back, for the next run of the same shape: a worker trains many
 * short runs in a row when tuning, and a fresh WebAssembly instance and memory per run cost more
 * than the run's first epochs.
 */
let idle: { key: string; kernels: Kernels } | null = null;

/** The path createKernels takes in this runtime, as it stands now. */
export function kernelPath(): KernelPath {
  if (relaxedSimdSupported() && wasmAvailable('webassembly-relaxed-simd')) return 'webassembly-relaxed-simd';
  return wasmAvailable('webassembly-simd') ? 'webassembly-simd' : 'typescript';
}

/** Kernels with room for buffers of these lengths (see Network.bufferLengths). */
export function createKernels(bufferLengths: number[]): Kernels {
  const key = bufferLengths.join(',');
  const path = kernelPath();
  if (idle?.key === key && idle.kernels.name === path && idle.kernels.reset) {
    const { kernels } = idle;
    idle = null;
    kernels.reset!();
    return kernels;
  }
  return path === 'typescript' ? typescriptKernels : createWasmKernels(path, bufferLengths)!;
}

/** Hands kernels from createKernels back once nothing uses their buffers any more. */
export function recycleKernels(bufferLengths: number[], kernels: Kernels): void {
  if (kernels.reset) idle = { key: bufferLengths.join(','), kernels };
}

export { relaxedSimdSupported } from './probe';
export { createWasmKernels, wasmAvailable, type WasmBuild } from './simd';
export { createSharedKernels, splitFlops, worthSplitting, type KernelHelper, type SharedKernels, type ThreadUse } from './shared';
export { serveBlocks } from './workSharing';
