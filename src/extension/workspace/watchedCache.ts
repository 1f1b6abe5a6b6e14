/** Values read from disk once per key, dropped when files matching a glob change (in this window, the CLI or a worker). */
import * as vscode from 'vscode';
import { Disposer } from '../disposer';

export class WatchedCache<T> implements vscode.Disposable {
  private readonly entries = new Map<string, Promise<T>>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly watcher: vscode.FileSystemWatcher;
  private readonly disposables = new Disposer();
  private refreshTimer: NodeJS.Timeout | undefined;
  /** Fires (debounced) after matching files were added, changed or deleted. */
  readonly onDidChange = this.changed.event;

  constructor(glob: string) {
    this.watcher = vscode.workspace.createFileSystemWatcher(glob);
    const invalidate = () => this.invalidate();
    this.disposables.push(this.watcher, this.changed, this.watcher.onDidCreate(invalidate), this.watcher.onDidChange(invalidate), this.watcher.onDidDelete(invalidate));
  }

  get(key: string, read: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = read();
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Drops every entry; a burst of file events (a run folder being written) gives one change event. */
  invalidate(): void {
    this.entries.clear();
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.changed.fire(), 100);
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    this.disposables.dispose();
  }
}
