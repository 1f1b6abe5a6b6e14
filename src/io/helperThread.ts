/**
 * The training worker's second thread, started at the first run that asks for it and kept for the
 * next: it joins one run's large GEMMs (the core's KernelHelper) or computes one run's epoch reports
 * while the next epochs train (ReportHelper).
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { KernelHelper, ReportHelper, ReportReply, ReportRequest, TrainingData, TrainSpec } from '../core';
import type { ReportAnswer, ReportMessage } from './reportServing';

export class HelperThread implements KernelHelper, ReportHelper {
  private worker: Worker | null = null;
  private replies: MessagePort | null = null;
  /** Settles once the thread runs, or has failed to. */
  private running: Promise<void> | null = null;
  /** The number of the last request answered on the reply port; requests are numbered from 1. */
  private readonly answered = new Int32Array(new SharedArrayBuffer(4));
  private requested = 0;
  private taken = 0;

  /** `script`: the built kernelHelper.js. */
  constructor(private readonly script: string) {}

  /**
   * Starts the thread now rather than at the run's first use: a thread takes about 0.1 s to start,
   * longer than a small run's first epoch. Resolves once it runs.
   */
  start(): Promise<void> {
    // Kept alive until then: an unreferenced thread alone would let the process exit before it runs.
    const worker = this.thread();
    worker.ref();
    return this.running!.then(() => void worker.unref());
  }

  serve(module: WebAssembly.Module, memory: WebAssembly.Memory, control: number): void {
    this.thread().postMessage({ module, memory, control });
  }

  open(spec: TrainSpec, data: TrainingData, spectralVectors: Float64Array[] | null): void {
    this.taken = this.requested;
    this.post({ type: 'open', spec, data, spectralVectors });
  }

  request(request: ReportRequest): void {
    this.post({ type: 'report', number: ++this.requested, request });
  }

  ready(): boolean {
    return Atomics.load(this.answered, 0) > this.taken;
  }

  take(): ReportReply {
    const number = ++this.taken;
    // A thread that is gone never answers: the pool terminates a worker that does not stop when cancelled.
    for (let last = Atomics.load(this.answered, 0); last < number; last = Atomics.load(this.answered, 0)) Atomics.wait(this.answered, 0, last);
    // Answers an earlier run never took come first: they are skipped.
    let answer: ReportAnswer | undefined;
    do answer = receiveMessageOnPort(this.replies!)?.message as ReportAnswer | undefined;
    while (answer && answer.number !== number);
    if (!answer || 'error' in answer) throw new Error(`The helper thread could not compute the epoch report: ${answer?.error ?? 'it sent no answer'}.`);
    return answer.reply;
  }

  close(): void {
    this.post({ type: 'close' });
  }

  private post(message: ReportMessage): void {
    this.thread().postMessage(message);
  }

  private thread(): Worker {
    if (!this.worker) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(this.script, { name: 'reglens-helper', workerData: { replies: port2, answered: this.answered }, transferList: [port2] });
      // The helper never keeps its process alive: a run ends by telling it to stop, a process by exiting.
      worker.unref();
      worker.on('error', () => (this.worker = null));
      this.running = new Promise((resolve) => {
        worker.once('online', () => resolve());
        worker.once('exit', () => resolve());
      });
      this.worker = worker;
      this.replies = port1;
    }
    return this.worker;
  }
}
