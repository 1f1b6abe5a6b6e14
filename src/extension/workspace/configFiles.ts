/** The workspace's config files: found once, kept as ConfigFile models, followed as files come and go. */
import * as vscode from 'vscode';
import { RateLimiter } from '../../protocol/rateLimit';
import { Disposer } from '../disposer';
import { ConfigFile, configGlob, isConfigFile } from './configFile';

export class ConfigFiles implements vscode.Disposable {
  private readonly files = new Map<string, ConfigFile>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher(configGlob);
  private readonly changed = new vscode.EventEmitter<void>();
  /**
   * A config file was created, changed on disk or deleted, or its open editor's text changed (what
   * RegLens reads of an open file: the sidebar follows unsaved edits and Revert as Problems does).
   */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions = new Disposer();
  /** Typing fires at most every 300 ms, not per keystroke. */
  private readonly edited = new RateLimiter(() => this.changed.fire(), 300);

  constructor() {
    this.subscriptions.push(
      this.watcher,
      this.changed,
      this.watcher.onDidCreate(() => this.changed.fire()),
      this.watcher.onDidChange(() => this.changed.fire()),
      this.watcher.onDidDelete((uri) => {
        this.files.delete(uri.toString());
        this.changed.fire();
      }),
      vscode.workspace.onDidChangeTextDocument(({ document }) => this.editedIf(document)),
      // Closing an editor without saving puts the file on disk back in force.
      vscode.workspace.onDidCloseTextDocument((document) => this.editedIf(document)),
    );
  }

  /** The model of a config file (one per file). */
  get(uri: vscode.Uri): ConfigFile {
    let file = this.files.get(uri.toString());
    if (!file) this.files.set(uri.toString(), (file = new ConfigFile(uri)));
    return file;
  }

  /** The model of `uri` when it names a config file. */
  find(uri: vscode.Uri): ConfigFile | undefined {
    return isConfigFile(uri) ? this.get(uri) : undefined;
  }

  /** Every config file of the workspace, sorted by path. */
  async all(): Promise<ConfigFile[]> {
    const uris = await vscode.workspace.findFiles(configGlob, '**/{node_modules,.reglens,.git}/**');
    return uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath)).map((uri) => this.get(uri));
  }

  /** A config file named by a command argument: its workspace-relative label (from a view), a Uri or a path. */
  async named(value: unknown): Promise<ConfigFile | undefined> {
    if (value instanceof vscode.Uri) return this.find(value);
    if (typeof value !== 'string') return undefined;
    const byLabel = (await this.all()).find((file) => file.label === value);
    if (byLabel) return byLabel;
    return this.find(value.includes('://') ? vscode.Uri.parse(value) : vscode.Uri.file(value));
  }

  private editedIf(document: vscode.TextDocument): void {
    if (isConfigFile(document.uri)) this.edited.request();
  }

  dispose(): void {
    this.edited.cancel();
    this.subscriptions.dispose();
  }
}
