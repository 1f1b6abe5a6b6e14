/** The stored runs of every config folder, read once and re-read when `.reglens/runs` changes on disk (here, from the CLI or from a worker). */
import * as vscode from 'vscode';
import { resolve } from 'node:path';
import { RunStore, type RunListing } from '../io/runStore';

/** The store a listed run lives in: its folder is <root>/.reglens/runs/<experiment>/<id>. */
export function storeOf(run: RunListing): RunStore {
  return new RunStore(resolve(run.dir, '..', '..', '..', '..'));
}

export class RunIndex implements vscode.Disposable {
  private readonly listings = new Map<string, Promise<RunListing[]>>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/.reglens/runs/**');
  private readonly disposables: vscode.Disposable[];
  private refreshTimer: NodeJS.Timeout | undefined;
  /** Fires (debounced) after runs were added, changed or deleted. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    const invalidate = () => this.invalidate();
    this.disposables = [this.watcher, this.changed, this.watcher.onDidCreate(invalidate), this.watcher.onDidChange(invalidate), this.watcher.onDidDelete(invalidate)];
  }

  /** Runs under `root` (the folder of a config file), newest first. */
  runs(root: string): Promise<RunListing[]> {
    let listing = this.listings.get(root);
    if (!listing) {
      listing = new RunStore(root)
        .list()
        .then(({ runs, problems }) => {
          for (const problem of problems) this.log.warn(`run store: ${problem.path}: ${problem.message}`);
          return runs;
        });
      this.listings.set(root, listing);
    }
    return listing;
  }

  /** Drops the cache; many file events in a burst (a run folder being written) give one change event. */
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
