/**
 * The read-only custom editor for checkpoint files: a webview fed by an inspect worker, one per
 * open editor. Closing the editor terminates its worker, which is how an analysis is cancelled.
 */
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { parseInspectFromWebview, parseInspectToWebview, type CheckpointComparisonView, type InspectDetailRequest, type InspectJob, type InspectToWebview } from '../../../protocol/inspect';
import { Disposer } from '../../disposer';
import { openWith } from '../../registry';
import { saveExportAndTell } from '../dashboard/saveExport';
import { webviewOptions } from '../dashboard/webviewPage';
import { checkpointPageHtml } from './page';

export const checkpointFilters = { Checkpoints: ['safetensors', 'json', 'pt', 'pth', 'bin', 'keras', 'h5', 'hdf5'] };

/** Other local checkpoint files to compare with the open one. */
async function pickOthers(): Promise<vscode.Uri[]> {
  const picked = await vscode.window.showOpenDialog({ title: 'Compare with', canSelectMany: true, filters: checkpointFilters, openLabel: 'Compare' });
  return (picked ?? []).filter((uri) => uri.scheme === 'file');
}

export class CheckpointEditorProvider implements vscode.CustomReadonlyEditorProvider {
  static readonly viewType = 'reglens.checkpoint';
  /** The same editor, offered (not imposed) for extensions other tools use too: .bin, .h5. */
  static readonly optionalViewType = 'reglens.checkpoint.option';

  /** The latest open editor of each checkpoint (by Uri), to compare in. */
  private readonly open = new Map<string, { compare(path: string): void; reveal(): void }>();
  /** Comparisons asked for before their base's editor was resolved. */
  private readonly pending = new Map<string, string[]>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: (message: string) => void,
    /** Each comparison shown, with the base it was made against. */
    private readonly onComparison: (base: vscode.Uri, comparison: CheckpointComparisonView) => void = () => undefined,
  ) {}

  /** Opens `base` in the checkpoint editor (or reveals it) and compares `other` with it. */
  async openCompared(base: vscode.Uri, other: vscode.Uri): Promise<void> {
    const key = base.toString();
    const editor = this.open.get(key);
    if (editor) {
      editor.compare(other.fsPath);
      return editor.reveal();
    }
    this.pending.set(key, [...(this.pending.get(key) ?? []), other.fsPath]);
    await openWith(base, CheckpointEditorProvider.viewType);
  }

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    const webview = panel.webview;
    webview.options = webviewOptions(this.extensionUri);
    webview.html = checkpointPageHtml(webview, this.extensionUri, vscode.workspace.asRelativePath(document.uri));
    if (document.uri.scheme !== 'file') {
      void webview.postMessage({ type: 'failed', message: `${document.uri.toString()}: RegLens reads checkpoints from local files only` } satisfies InspectToWebview);
      return;
    }
    const job: InspectJob = { path: document.uri.fsPath };
    const worker = new Worker(vscode.Uri.joinPath(this.extensionUri, 'dist', 'inspectWorker.js').fsPath, { workerData: job });
    // Messages wait until the page says it is ready, then flow live.
    const pending: InspectToWebview[] = [];
    let ready = false;
    const send = (message: InspectToWebview) => (ready ? void webview.postMessage(message) : pending.push(message));
    worker.on('message', (raw: unknown) => {
      const parsed = parseInspectToWebview(raw);
      if (parsed.ok && parsed.message.type === 'comparison') this.onComparison(document.uri, parsed.message.comparison);
      if (parsed.ok) send(parsed.message);
      else this.log(`Ignored a malformed message from the inspect worker: ${parsed.error}`);
    });
    worker.on('error', (error) => send({ type: 'failed', message: `${job.path}: ${error.message}` }));
    const compare = (path: string) => worker.postMessage({ type: 'compare', path } satisfies InspectDetailRequest);
    const key = document.uri.toString();
    const editor = { compare, reveal: () => panel.reveal() };
    this.open.set(key, editor);
    (this.pending.get(key) ?? []).forEach(compare);
    this.pending.delete(key);
    const owned = new Disposer();
    owned.add({ dispose: () => void worker.terminate() });
    owned.add({ dispose: () => void (this.open.get(key) === editor && this.open.delete(key)) });
    owned.add(panel.onDidDispose(() => owned.dispose()));
    owned.add(webview.onDidReceiveMessage((raw: unknown) => {
      const parsed = parseInspectFromWebview(raw);
      if (!parsed.ok) return this.log(`Ignored a malformed message from the checkpoint view: ${parsed.error}`);
      const message = parsed.message;
      if (message.type === 'ready') {
        ready = true;
        for (const m of pending.splice(0)) void webview.postMessage(m);
      } else if (message.type === 'select') {
        worker.postMessage({ type: 'detail', name: message.name } satisfies InspectDetailRequest);
      } else if (message.type === 'saveFile') {
        saveExportAndTell(message, this.log);
      } else if (message.type === 'compare') {
        void pickOthers().then((others) => others.forEach((other) => compare(other.fsPath)));
      } else {
        this.log(`Checkpoint view: ${message.message}`);
      }
    }));
  }
}
