/** Entry point (dist/extension.js): activation only builds the owner object; training code loads in a worker on the first run. */
import * as vscode from 'vscode';
import { RegLens } from './regLens';

/** What the extension exports to other extensions and to its integration tests. */
export interface RegLensApi {
  /** How long activate() took, in milliseconds. */
  activationMs: number;
  /** Each epoch of each run, as its worker reports it. */
  onDidReportEpoch: vscode.Event<{ experiment: string; epoch: number }>;
  /** The runs of the open training logs, each time a log is read (opened, or grown on disk). */
  onDidShowTrainingLogs: vscode.Event<{ id: string; points: number; bestEpoch: number | null }[]>;
}

let regLens: RegLens | undefined;

export function activate(context: vscode.ExtensionContext): RegLensApi {
  const started = performance.now();
  const owner = (regLens = new RegLens(context));
  const activationMs = performance.now() - started;
  return {
    activationMs,
    onDidReportEpoch: (listener, thisArg, disposables) =>
      owner.training.onDidReportEpoch(({ target, report }) => listener.call(thisArg, { experiment: target.experiment.name, epoch: report.epoch }), null, disposables),
    onDidShowTrainingLogs: (listener, thisArg, disposables) =>
      owner.logsShown.event(
        (runs) => listener.call(thisArg, runs.map((run) => ({ id: run.id, points: Object.values(run.series).reduce((n, s) => n + s.steps.length, 0), bestEpoch: run.bestEpoch }))),
        null,
        disposables,
      ),
  };
}

/** VS Code awaits this: no worker thread outlives the extension. */
export function deactivate(): Promise<void> | undefined {
  const owner = regLens;
  regLens = undefined;
  return owner?.dispose();
}
