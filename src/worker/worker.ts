/** The worker_threads entry (dist/worker.js): trains one experiment at a time and saves the run itself, so a finished run is on disk even when the extension host is busy. */
import { constants, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { runExperiment } from '../io/runExperiment';
import { isHostToWorker, type HostToWorker, type WorkerToHost } from '../protocol/worker';

const port = parentPort;
if (!port) throw new Error('src/worker/worker.ts runs only inside a worker thread.');

// Training yields the CPU to the editor when cores are scarce. On Linux a nice value belongs to
// the thread that sets it, so this lowers only the worker; elsewhere it would lower the whole
// extension host, so it is left alone there.
if (process.platform === 'linux') setPriority(constants.priority.PRIORITY_BELOW_NORMAL);

const cancelFlags = new Map<number, Int32Array>();

function post(message: WorkerToHost): void {
  port!.postMessage(message);
}

port.on('message', (message: unknown) => {
  if (!isHostToWorker(message)) {
    post({ type: 'log', jobId: -1, level: 'error', message: `The worker ignored a malformed message: ${JSON.stringify(message)}` });
  } else if (message.type === 'cancel') {
    // The host sets the shared flag too; this covers a cancel that arrives while data is still loading.
    const flag = cancelFlags.get(message.jobId);
    if (flag) Atomics.store(flag, 0, 1);
  } else {
    void train(message);
  }
});

async function train(start: Extract<HostToWorker, { type: 'start' }>): Promise<void> {
  const { jobId, experiment, dirs } = start;
  const flag = new Int32Array(start.cancelFlag);
  cancelFlags.set(jobId, flag);
  const signal = {
    get aborted() {
      return Atomics.load(flag, 0) === 1;
    },
  };
  try {
    post({ type: 'log', jobId, level: 'info', message: `${experiment.name}: preparing data and training` });
    const record = await runExperiment(experiment, {
      ...dirs,
      config: experiment.config,
      onEpoch: (report) => post({ type: 'epoch', jobId, report }),
      signal,
    });
    const { id: runId, summary } = record;
    post({ type: 'log', jobId, level: 'info', message: `${experiment.name}: ${summary.stopReason} after ${record.epochs.length} epochs, saved as run ${runId}` });
    post(summary.stopReason === 'cancelled' ? { type: 'cancelled', jobId, runId, summary } : { type: 'done', jobId, runId, summary });
  } catch (error) {
    if (signal.aborted) post({ type: 'cancelled', jobId, runId: null, summary: null });
    else post({ type: 'error', jobId, message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
  } finally {
    cancelFlags.delete(jobId);
  }
}
