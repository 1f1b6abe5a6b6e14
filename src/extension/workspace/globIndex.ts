/**
 * Files of the workspace found by a glob-list setting (`reglens.logs.globs`, `reglens.checkpoints.globs`;
 * names only: nothing is read until the user opens one), re-found when such files come and go or the
 * setting changes.
 */
import * as vscode from 'vscode';
import { Disposer } from '../disposer';

const excluded = '**/{node_modules,.git,.reglens}/**';
/** The same folders in a watcher's event (a watcher takes no exclude): RegLens's own runs write weights.safetensors under .reglens. */
const inExcluded = /[\\/](node_modules|\.git|\.reglens)[\\/]/;

export class GlobIndex implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables = new Disposer();
  private readonly watchers = new Disposer();
  /** Fires when a matching file was created or deleted, or the globs changed. */
  readonly onDidChange = this.changed.event;

  /** `section`'s `globs` setting; at most `max` files are found. */
  constructor(
    private readonly section: 'reglens.logs' | 'reglens.checkpoints',
    private readonly max: number,
  ) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(`${section}.globs`)) return;
        this.watch();
        this.changed.fire();
      }),
    );
    this.watch();
  }

  /** The files' Uris, sorted by path. */
  async files(): Promise<vscode.Uri[]> {
    const found = await Promise.all(this.globs().map((glob) => vscode.workspace.findFiles(glob, excluded, this.max)));
    const unique = new Map(found.flat().map((uri) => [uri.toString(), uri]));
    return [...unique.values()].sort((a, b) => a.fsPath.localeCompare(b.fsPath)).slice(0, this.max);
  }

  dispose(): void {
    this.watchers.dispose();
    this.disposables.dispose();
  }

  private watch(): void {
    this.watchers.dispose();
    for (const glob of this.globs()) {
      // Only files appearing or going change the list; a file growing does not.
      const watcher = vscode.workspace.createFileSystemWatcher(glob, false, true, false);
      const changed = (uri: vscode.Uri) => {
        if (!inExcluded.test(uri.fsPath)) this.changed.fire();
      };
      this.watchers.push(watcher, watcher.onDidCreate(changed), watcher.onDidDelete(changed));
    }
  }

  private globs(): string[] {
    const setting = vscode.workspace.getConfiguration(this.section).get<unknown>('globs');
    return Array.isArray(setting) ? setting.filter((glob): glob is string => typeof glob === 'string' && glob.length > 0) : [];
  }
}
