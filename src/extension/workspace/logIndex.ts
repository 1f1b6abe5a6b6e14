/**
 * The training logs of the workspace, found by the `reglens.logs.globs` setting (file names only:
 * nothing is read until the user opens one), re-found when such files come and go or the setting changes.
 */
import * as vscode from 'vscode';
import { Disposer } from '../disposer';

const excluded = '**/{node_modules,.git,.reglens}/**';
/** Enough for any sidebar; a workspace with more logs opens the rest through "Open Training Log…". */
const maxLogs = 200;

export class LogIndex implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables = new Disposer();
  private readonly watchers = new Disposer();
  /** Fires when a matching file was created or deleted, or the globs changed. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration('reglens.logs.globs')) return;
        this.watch();
        this.changed.fire();
      }),
    );
    this.watch();
  }

  /** The logs' Uris, sorted by path. */
  async logs(): Promise<vscode.Uri[]> {
    const found = await Promise.all(globs().map((glob) => vscode.workspace.findFiles(glob, excluded, maxLogs)));
    const unique = new Map(found.flat().map((uri) => [uri.toString(), uri]));
    return [...unique.values()].sort((a, b) => a.fsPath.localeCompare(b.fsPath)).slice(0, maxLogs);
  }

  dispose(): void {
    this.watchers.dispose();
    this.disposables.dispose();
  }

  private watch(): void {
    this.watchers.dispose();
    for (const glob of globs()) {
      // Only files appearing or going change the list; a log growing does not.
      const watcher = vscode.workspace.createFileSystemWatcher(glob, false, true, false);
      this.watchers.push(watcher, watcher.onDidCreate(() => this.changed.fire()), watcher.onDidDelete(() => this.changed.fire()));
    }
  }
}

function globs(): string[] {
  const setting = vscode.workspace.getConfiguration('reglens.logs').get<unknown>('globs');
  return Array.isArray(setting) ? setting.filter((glob): glob is string => typeof glob === 'string' && glob.length > 0) : [];
}
