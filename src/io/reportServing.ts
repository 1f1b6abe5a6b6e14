/**
 * The helper thread's side of the core's ReportHelper: it serves one run's epoch reports at a time,
 * answering each on the reply port, then storing the request's number in the word the run's thread
 * waits on.
 */
import type { MessagePort } from 'node:worker_threads';
import { reportServer, type ReportReply, type ReportRequest, type TrainingData, type TrainSpec } from '../core';

export type ReportMessage =
  | { type: 'open'; spec: TrainSpec; data: TrainingData; spectralVectors: Float64Array[] | null }
  | { type: 'report'; number: number; request: ReportRequest }
  | { type: 'close' };

export type ReportAnswer = { number: number } & ({ reply: ReportReply } | { error: string });

export class ReportServing {
  private server: ReturnType<typeof reportServer> | null = null;
  private failure = 'no run is open';

  constructor(private readonly replies: MessagePort, private readonly answered: Int32Array) {}

  handle(message: ReportMessage): void {
    if (message.type === 'open') {
      this.server?.close();
      this.server = null;
      try {
        this.server = reportServer(message.spec, message.data, message.spectralVectors);
      } catch (error) {
        this.failure = errorText(error);
      }
    } else if (message.type === 'close') {
      this.server?.close();
      this.server = null;
      this.failure = 'no run is open';
    } else {
      this.answer(message.number, message.request);
    }
  }

  private answer(number: number, request: ReportRequest): void {
    let answer: ReportAnswer;
    try {
      answer = this.server ? { number, reply: this.server.report(request) } : { number, error: this.failure };
    } catch (error) {
      answer = { number, error: errorText(error) };
    }
    this.replies.postMessage(answer);
    Atomics.store(this.answered, 0, number);
    Atomics.notify(this.answered, 0);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
