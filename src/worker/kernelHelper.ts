/**
 * The helper thread's entry (dist/kernelHelper.js): a training worker's second thread, which joins
 * one run's large GEMMs at a time (HelperThread posts it the run's module, memory and control block).
 */
import { parentPort } from 'node:worker_threads';
import { serveBlocks } from '../core';

if (!parentPort) throw new Error('src/worker/kernelHelper.ts runs only inside a worker thread.');

parentPort.on('message', ({ module, memory, control }: { module: WebAssembly.Module; memory: WebAssembly.Memory; control: number }) => {
  serveBlocks(module, memory, control);
});
