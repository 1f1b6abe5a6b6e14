/**
 * Node 20 (V8 11.3) has WebAssembly relaxed SIMD behind --experimental-wasm-relaxed-simd; Node 22 and
 * VS Code's extension hosts have it on. The flag cannot go in a worker's execArgv (Node rejects V8
 * flags there, ERR_WORKER_INVALID_EXEC_ARGV), but V8 reads it when it validates a module, so setting
 * it at run time, before the kernels compile, gives Node 20 the fused multiply-add kernels too.
 */
import { setFlagsFromString } from 'node:v8';
import { relaxedSimdSupported } from '../core';

/** Turns relaxed SIMD on where the runtime has it behind a flag; returns whether it is on now. */
export function enableRelaxedSimd(): boolean {
  if (relaxedSimdSupported()) return true;
  // Only V8 versions that know the flag are asked: an unknown flag prints an error on stderr.
  if (Number(process.versions.v8.split('.')[0]) < 12) setFlagsFromString('--experimental-wasm-relaxed-simd');
  return relaxedSimdSupported();
}
