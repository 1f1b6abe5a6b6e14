/**
 * Answers to a question (Convert λ, Show Objective) as a read-only document beside the editor: read
 * whole, selected and copied like any text, unlike a notification, which truncates and cannot be
 * copied. Each answer has its own address under the `reglens-answer` scheme.
 */
import * as vscode from 'vscode';
import { Disposer } from './disposer';

export class Answers implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly scheme = 'reglens-answer';
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables = new Disposer();
  readonly onDidChange = this.changed.event;

  constructor() {
    this.disposables.push(this.changed, vscode.workspace.registerTextDocumentContentProvider(Answers.scheme, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Opens (or updates) the answer called `name` beside the active editor, keeping the focus where it was. */
  async show(name: string, text: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: Answers.scheme, path: `/${name.replace(/[\\/]/g, '∕')}.txt` });
    const known = this.texts.has(uri.toString());
    this.texts.set(uri.toString(), text);
    if (known) this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
    return document;
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
