/**
 * The worker_threads entry (dist/worker.js): trains one experiment at a time and saves the run itself,
 * so a finished run is on disk even when the extension host is busy; or runs one job of a λ tuning.
 */
import { constants, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { runExperiment } from '../io/runExperiment';
import { enableRelaxedSimd } from '../io/wasmFeatures';
import { isHostToWorker, type HostToWorker, type WorkerToHost } from '../protocol/worker';
import { tune } from './tune';

const port = parentPort;
if (!port) throw new Error('src/worker/worker.ts runs only inside a worker thread.');

// Training yields the CPU to the editor when cores are scarce. On Linux a nice value belongs to
// the thread that sets it, so this lowers only the worker; elsewhere it would lower the whole
// extension host, so it is left alone there.
if (process.platform === 'linux') setPriority(constants.priority.PRIORITY_BELOW_NORMAL);

enableRelaxedSimd();

const cancelFlags = new Map<number, Int32Array>();

function post(message: WorkerToHost): void {
  port!.postMessage(message);
}

port.on('message', (message: unknown) => {
  if (!isHostToWorker(message)) {
    // A start the worker cannot read still ends its job, so the host never waits for it forever.
    const jobId = (message as { jobId?: unknown } | null)?.jobId;
    const text = `The worker ignored a malformed message: ${JSON.stringify(message)?.slice(0, 500)}`;
    post(Number.isInteger(jobId) ? { type: 'error', jobId: jobId as number, message: text } : { type: 'log', jobId: -1, level: 'error', message: text });
  } else if (message.type === 'cancel') {
    // The host sets the shared flag too; this covers a cancel that arrives while data is still loading.
    const flag = cancelFlags.get(message.jobId);
    if (flag) Atomics.store(flag, 0, 1);
  } else if (message.type === 'tune-start') {
    runTuning(message);
  } else {
    void train(message);
  }
});

function cancelSignal(jobId: number, buffer: SharedArrayBuffer): { readonly aborted: boolean } {
  const flag = new Int32Array(buffer);
  cancelFlags.set(jobId, flag);
  return {
    get aborted() {
      return Atomics.load(flag, 0) === 1;
    },
  };
}

function errorMessage(jobId: number, error: unknown): WorkerToHost {
  return { type: 'error', jobId, message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined };
}

function runTuning(start: Extract<HostToWorker, { type: 'tune-start' }>): void {
  const { jobId } = start;
  try {
    tune(start, cancelSignal(jobId, start.cancelFlag), post);
  } catch (error) {
    post(errorMessage(jobId, error));
  } finally {
    cancelFlags.delete(jobId);
  }
}

async function train(start: Extract<HostToWorker, { type: 'start' }>): Promise<void> {
  const { jobId, experiment, dirs } = start;
  const signal = cancelSignal(jobId, start.cancelFlag);
  try {
    post({ type: 'log', jobId, level: 'info', message: `${experiment.name}: preparing data and training` });
    const record = await runExperiment(experiment, {
      ...dirs,
      config: experiment.config,
      onEpoch: (report) => post({ type: 'epoch', jobId, report }),
      onWarning: (message) => post({ type: 'log', jobId, level: 'warn', message: `${experiment.name}: ${message}` }),
      signal,
    });
    const { id: runId, summary } = record;
    post({ type: 'log', jobId, level: 'info', message: `${experiment.name}: ${summary.stopReason} after ${record.epochs.length} epochs, saved as run ${runId}` });
    post(summary.stopReason === 'cancelled' ? { type: 'cancelled', jobId, runId, summary } : { type: 'done', jobId, runId, summary });
  } catch (error) {
    if (signal.aborted) post({ type: 'cancelled', jobId, runId: null, summary: null });
    else post(errorMessage(jobId, error));
  } finally {
    cancelFlags.delete(jobId);
  }
}
