/**
 * The worker_threads entry (dist/worker.js): loads the data of every job itself, trains one experiment
 * at a time and saves the run (so a finished run is on disk even when the extension host is busy), or
 * loads a tuning's rows, runs one job of it, or saves its record.
 */
import { constants, setPriority } from 'node:os';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { runExperiment } from '../io/runExperiment';
import { enableRelaxedSimd } from '../io/wasmFeatures';
import { TuningStore } from '../io/tuningStore';
import { checkHostToWorker, type HostToWorker, type WorkerToHost } from '../protocol/worker';
import { rowsShape } from '../core';
import { HelperThread } from '../io/helperThread';
import { tune, tuningRows } from './tune';

const port = parentPort;
if (!port) throw new Error('src/worker/worker.ts runs only inside a worker thread.');

// Training yields the CPU to the editor when cores are scarce. On Linux a nice value belongs to
// the thread that sets it, so this lowers only the worker; elsewhere it would lower the whole
// extension host, so it is left alone there.
if (process.platform === 'linux') setPriority(constants.priority.PRIORITY_BELOW_NORMAL);

enableRelaxedSimd();

const cancelFlags = new Map<number, Int32Array>();
/** This worker's second thread for a single run's large GEMMs, started by the first run that uses it. */
const helper = new HelperThread(join(__dirname, 'kernelHelper.js'));

function post(message: WorkerToHost): void {
  port!.postMessage(message);
}

port.on('message', (raw: unknown) => {
  const checked = checkHostToWorker(raw);
  if (!checked.ok) {
    // A start the worker cannot read still ends its job, so the host never waits for it forever.
    const jobId = (raw as { jobId?: unknown } | null)?.jobId;
    const text = `The worker ignored a malformed message: ${checked.error}`;
    post(Number.isInteger(jobId) ? { type: 'error', jobId: jobId as number, message: text } : { type: 'log', jobId: -1, level: 'error', message: text });
    return;
  }
  const message = checked.value;
  if (message.type === 'cancel') {
    // The host sets the shared flag too; this covers a cancel that arrives while data is still loading.
    const flag = cancelFlags.get(message.jobId);
    if (flag) Atomics.store(flag, 0, 1);
  } else if (message.type === 'tune-start') {
    void runTuning(message);
  } else if (message.type === 'tune-load') {
    void loadRows(message);
  } else if (message.type === 'tune-save') {
    void saveTuning(message);
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

async function loadRows({ jobId, rows, plan }: Extract<HostToWorker, { type: 'tune-load' }>): Promise<void> {
  try {
    const loaded = await tuningRows(rows);
    post({ type: 'tune-loaded', jobId, summary: loaded.summary, shape: rowsShape(loaded.rows, plan.spec, plan.settings) });
  } catch (error) {
    post(errorMessage(jobId, error));
  }
}

async function saveTuning({ jobId, record, storeRoot }: Extract<HostToWorker, { type: 'tune-save' }>): Promise<void> {
  try {
    post({ type: 'tune-saved', jobId, path: (await new TuningStore(storeRoot).save(record)).path });
  } catch (error) {
    post(errorMessage(jobId, error));
  }
}

async function runTuning(start: Extract<HostToWorker, { type: 'tune-start' }>): Promise<void> {
  const { jobId } = start;
  try {
    await tune(start, cancelSignal(jobId, start.cancelFlag), post);
  } catch (error) {
    post(errorMessage(jobId, error));
  } finally {
    cancelFlags.delete(jobId);
  }
}

async function train(start: Extract<HostToWorker, { type: 'start' }>): Promise<void> {
  const { jobId, experiment, dirs } = start;
  const signal = cancelSignal(jobId, start.cancelFlag);
  // The thread starts while the data loads, so a small run's first report does not wait for it.
  if (start.helper) void helper.start();
  try {
    post({ type: 'log', jobId, level: 'info', message: `${experiment.name}: preparing data and training` });
    const record = await runExperiment(experiment, {
      ...dirs,
      config: experiment.config,
      onStart: (run) => post({ type: 'started', jobId, run }),
      onEpoch: (report) => post({ type: 'epoch', jobId, report }),
      onSnapshot: (snapshot, points) => post({ type: 'picture', jobId, snapshot, points }),
      onWarning: (message) => post({ type: 'log', jobId, level: 'warn', message: `${experiment.name}: ${message}` }),
      signal,
      helper: start.helper ? helper : undefined,
    });
    post({ type: 'log', jobId, level: 'info', message: `${experiment.name}: ${record.summary.stopReason} after ${record.epochs.length} epochs, saved as run ${record.id}` });
    post({ type: 'done', jobId, record });
  } catch (error) {
    if (signal.aborted) post({ type: 'cancelled', jobId });
    else post(errorMessage(jobId, error));
  } finally {
    cancelFlags.delete(jobId);
  }
}
