/** The saved tunings of each config folder, re-read when `.reglens/tunings` changes on disk (from a tuning here or the CLI). */
import * as vscode from 'vscode';
import type { TuningRecord } from '../core/runRecord';
import type { RegularizationSpec } from '../core/spec';
import { TuningStore } from '../io/tuningStore';
import { tunesSamePenalty } from './lambdaLens';

export class TuningIndex implements vscode.Disposable {
  private readonly listings = new Map<string, Promise<TuningRecord[]>>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/.reglens/tunings/**');
  private readonly disposables: vscode.Disposable[];
  private refreshTimer: NodeJS.Timeout | undefined;
  /** Fires (debounced) after tunings were added, changed or deleted. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    const invalidate = () => this.invalidate();
    this.disposables = [this.watcher, this.changed, this.watcher.onDidCreate(invalidate), this.watcher.onDidChange(invalidate), this.watcher.onDidDelete(invalidate)];
  }

  /** The newest tuning of `experiment` under `root` (a config file's folder) for this penalty, or null. */
  async latest(root: string, experiment: string, regularization: RegularizationSpec): Promise<TuningRecord | null> {
    const key = `${root}\n${experiment}`;
    let listing = this.listings.get(key);
    if (!listing) {
      listing = new TuningStore(root).list(experiment).then(({ tunings, problems }) => {
        for (const problem of problems) this.log.warn(`tuning store: ${problem.path}: ${problem.message}`);
        return tunings;
      });
      this.listings.set(key, listing);
    }
    return (await listing).find((tuning) => tunesSamePenalty(tuning.spec.regularization, regularization)) ?? null;
  }

  /** Drops the cache; a burst of file events gives one change event. */
  invalidate(): void {
    this.listings.clear();
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.changed.fire(), 100);
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
