/** What every feature gets: the log, the workspace's config files and stores, the job runner and the views. */
import type * as vscode from 'vscode';
import type { CheckpointSeries, ComparisonHeader, ExternalRun, RunRecord, ShownRun, TuningRecord } from '../protocol/webview';
import type { CheckpointComparisonView } from '../protocol/inspect';
import type { ComparisonIndex } from './features/compare/comparisonIndex';
import type { CheckpointListing } from './features/logs/checkpointListing';
import type { JobRunner } from './jobs/jobRunner';
import type { ConfigFile } from './workspace/configFile';
import type { ConfigFiles } from './workspace/configFiles';
import type { RunIndex } from './workspace/runIndex';
import type { TuningIndex } from './workspace/tuningIndex';

/** Where runs and tunings are shown: the dashboard panel (and the sidebar's live run). */
export interface RunViews {
  showRuns(runs: ShownRun[]): void;
  /** Shows a comparison of regularizers: its runs, headed by the strength each got and why. */
  showComparison(runs: ShownRun[], header: ComparisonHeader): void;
  /** Shows the experiment's run in training; false when none is. */
  showLive(file: ConfigFile, experiment: string): boolean;
  /** Shows a tuning's curves in its own panel (`restored`: one VS Code gave back after a reload); its Apply buttons edit `file`. */
  showTuning(record: TuningRecord, file: ConfigFile, restored?: vscode.WebviewPanel): void;
  /**
   * Shows runs read from training logs and folders of checkpoints beside the RegLens runs (in the
   * open dashboard, or a new one) and returns the view, whose closing stops the logs' watching.
   */
  showExternalRuns(runs: ExternalRun[], scalars: string[], series: CheckpointSeries[]): { onDidDispose: vscode.Event<void> };
  /** Each time runs of training logs are shown (after every read of a log). */
  readonly onDidShowExternalRuns: vscode.Event<ExternalRun[]>;
  /** Each time checkpoint series are shown (after each checkpoint read). */
  readonly onDidShowCheckpointSeries: vscode.Event<CheckpointSeries[]>;
}

export interface RegLensContext {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  configs: ConfigFiles;
  runIndex: RunIndex;
  tunings: TuningIndex;
  comparisons: ComparisonIndex;
  /** The checkpoints the sidebar lists (files, series, external models). */
  checkpoints: CheckpointListing;
  /** Fired with each comparison of checkpoints the checkpoint editor shows, and the base it was made against. */
  checkpointComparisons: vscode.EventEmitter<{ base: vscode.Uri; comparison: CheckpointComparisonView }>;
  jobs: JobRunner;
  views: RunViews;
}

/** A feature folder's entry: registers its commands, lenses and views, and undoes it all on dispose. */
export type Feature = (context: RegLensContext) => vscode.Disposable;

export type { RunRecord };
