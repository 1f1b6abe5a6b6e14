/** The core's KernelHelper on a worker thread of its own, started at the first run that asks for it and kept for the next. */
import { Worker } from 'node:worker_threads';
import type { KernelHelper } from '../core';

export class HelperThread implements KernelHelper {
  private worker: Worker | null = null;

  /** `script`: the built kernelHelper.js. */
  constructor(private readonly script: string) {}

  serve(module: WebAssembly.Module, memory: WebAssembly.Memory, control: number): void {
    if (!this.worker) {
      this.worker = new Worker(this.script, { name: 'reglens-kernel-helper' });
      // The helper never keeps its process alive: a run ends by telling it to stop, a process by exiting.
      this.worker.unref();
      this.worker.on('error', () => (this.worker = null));
    }
    this.worker.postMessage({ module, memory, control });
  }
}
