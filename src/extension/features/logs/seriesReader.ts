/**
 * Reads a folder of checkpoints as a series in a worker of its own (dist/inspectWorker.js's series
 * job), updating the series as each checkpoint is done. Disposing terminates the worker.
 */
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { parseSeriesFromWorker, type CheckpointSeries, type SeriesJob } from '../../../protocol/checkpointSeries';

/** The L2 penalty each checkpoint would cost is given per unit λ with m = 1, as the checkpoint editor gives it. */
const perUnit = { lambda: 1, m: 1 };

/** The series as read so far (updated in place; onChange after each update) and the reader's disposal. */
export interface SeriesReading extends vscode.Disposable {
  readonly series: CheckpointSeries;
}

export function readSeries(extensionUri: vscode.Uri, folder: vscode.Uri, onChange: () => void, log: (message: string) => void): SeriesReading {
  const id = vscode.workspace.asRelativePath(folder);
  const series: CheckpointSeries = { id, name: id, unit: 'step', checkpoints: 0, points: [], skipped: [], problems: [], done: false };
  const job: SeriesJob = { kind: 'series', folder: folder.fsPath, ...perUnit };
  const worker = new Worker(vscode.Uri.joinPath(extensionUri, 'dist', 'inspectWorker.js').fsPath, { workerData: job });
  worker.on('message', (raw: unknown) => {
    const parsed = parseSeriesFromWorker(raw);
    if (!parsed.ok) return log(`Ignored a malformed message from the series worker: ${parsed.error}`);
    const message = parsed.value;
    if (message.type === 'found') Object.assign(series, { unit: message.unit, checkpoints: message.checkpoints, skipped: message.skipped });
    else if (message.type === 'point') series.points.push(message.point);
    else if (message.type === 'problem') series.problems.push(message.message);
    else series.done = true;
    onChange();
  });
  worker.on('error', (error) => {
    series.problems.push(`${id}: ${error.message}`);
    series.done = true;
    onChange();
  });
  return { series, dispose: () => void worker.terminate() };
}
