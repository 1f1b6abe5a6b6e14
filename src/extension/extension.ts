/** Entry point (dist/extension.js): builds the shared context and registers the feature folders; training code loads in a worker on the first job. */
import * as vscode from 'vscode';
import type { CheckpointComparisonView } from '../protocol/inspect';
import type { CheckpointList } from '../protocol/webview';
import type { RegLensContext } from './context';
import { Disposer } from './disposer';
import { ComparisonIndex } from './features/compare/comparisonIndex';
import { CheckpointListing } from './features/logs/checkpointListing';
import { createViews } from './features/dashboard/register';
import { features } from './features';
import { JobRunner } from './jobs/jobRunner';
import { ConfigFiles } from './workspace/configFiles';
import { RunIndex } from './workspace/runIndex';
import { TuningIndex } from './workspace/tuningIndex';

/** What the extension exports to other extensions (and its integration tests). */
export interface RegLensApi {
  /** How long activate() took, in milliseconds. */
  activationMs: number;
  /** Each epoch of each run, as its worker reports it. */
  onDidReportEpoch: vscode.Event<{ experiment: string; epoch: number }>;
  /** Worker threads alive right now (0 when nothing runs). */
  liveWorkers(): number;
  /** The runs of the open training logs, each time a log is read (opened, or grown on disk). */
  onDidShowTrainingLogs: vscode.Event<{ id: string; points: number; bestEpoch: number | null }[]>;
  /** The checkpoint series shown, each time one more checkpoint is read: the steps read so far. */
  onDidShowCheckpointSeries: vscode.Event<{ id: string; steps: number[]; done: boolean }[]>;
  /** The sidebar's checkpoint entries, each time they are listed again. */
  onDidListCheckpoints: vscode.Event<CheckpointList>;
  /** Each comparison of two checkpoints the checkpoint editor shows: its base (W₀), the other (W₁) and each layer's ‖W₁ − W₀‖_F / ‖W₀‖_F. */
  onDidCompareCheckpoints: vscode.Event<{ base: string; other: string; relativeChanges: Record<string, number | null> }>;
}

let owned: { disposer: Disposer; jobs: JobRunner } | undefined;

export function activate(extension: vscode.ExtensionContext): RegLensApi {
  const started = performance.now();
  const disposer = new Disposer();
  const log = disposer.add(vscode.window.createOutputChannel('RegLens', { log: true }));
  const jobs = new JobRunner(extension.extensionUri, log);
  const configs = disposer.add(new ConfigFiles());
  const checkpoints = disposer.add(new CheckpointListing(configs, (message) => log.warn(message)));
  const checkpointComparisons = disposer.add(new vscode.EventEmitter<{ base: vscode.Uri; comparison: CheckpointComparisonView }>());
  const base = { extensionUri: extension.extensionUri, log, jobs, configs, runIndex: disposer.add(new RunIndex(log)), tunings: disposer.add(new TuningIndex(log)), comparisons: disposer.add(new ComparisonIndex(log)), checkpoints, checkpointComparisons };
  const { views, disposable } = createViews(base);
  disposer.add(disposable);
  const context: RegLensContext = { ...base, views };
  for (const feature of features) disposer.add(feature(context));
  owned = { disposer, jobs };
  return {
    activationMs: performance.now() - started,
    onDidReportEpoch: (listener, thisArg, disposables) =>
      jobs.onDidReportEpoch(({ target, report }) => listener.call(thisArg, { experiment: target.experiment.name, epoch: report.epoch }), null, disposables),
    liveWorkers: () => jobs.liveWorkers,
    onDidShowTrainingLogs: (listener, thisArg, disposables) =>
      views.onDidShowExternalRuns(
        (runs) => listener.call(thisArg, runs.map((run) => ({ id: run.id, points: Object.values(run.series).reduce((n, s) => n + s.steps.length, 0), bestEpoch: run.bestEpoch }))),
        null,
        disposables,
      ),
    onDidShowCheckpointSeries: (listener, thisArg, disposables) =>
      views.onDidShowCheckpointSeries((series) => listener.call(thisArg, series.map((s) => ({ id: s.id, steps: s.points.map((p) => p.step), done: s.done }))), null, disposables),
    onDidListCheckpoints: checkpoints.onDidList,
    onDidCompareCheckpoints: (listener, thisArg, disposables) =>
      checkpointComparisons.event(
        ({ base, comparison }) => listener.call(thisArg, { base: base.fsPath, other: comparison.title, relativeChanges: Object.fromEntries(comparison.layers.map((layer) => [layer.name, layer.relativeChange])) }),
        null,
        disposables,
      ),
  };
}

/** VS Code awaits this: no worker thread outlives the extension. */
export async function deactivate(): Promise<void> {
  const current = owned;
  owned = undefined;
  current?.disposer.dispose();
  await current?.jobs.dispose();
}
