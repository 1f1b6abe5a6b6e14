/**
 * The helper thread's entry (dist/kernelHelper.js): a training worker's second thread (HelperThread),
 * which joins one run's large GEMMs at a time (posted the run's module, memory and control block) or
 * serves one run's epoch reports.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serveBlocks } from '../core';
import { ReportServing, type ReportMessage } from '../io/reportServing';

if (!parentPort) throw new Error('src/worker/kernelHelper.ts runs only inside a worker thread.');

const reports = new ReportServing(workerData.replies, workerData.answered);

parentPort.on('message', (message: ReportMessage | { module: WebAssembly.Module; memory: WebAssembly.Memory; control: number }) => {
  if ('type' in message) reports.handle(message);
  else serveBlocks(message.module, message.memory, message.control);
});
