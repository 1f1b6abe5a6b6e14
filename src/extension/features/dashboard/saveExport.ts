/** Saves what a view exported (CSV, JSON, a chart's PNG or an HTML report) where the user chooses. */
import * as vscode from 'vscode';
import type { FromWebview } from '../../../protocol/webview';
import { untrusted } from '../../text';

type SaveFile = Extract<FromWebview, { type: 'saveFile' }>;

const filters: Record<SaveFile['format'], Record<string, string[]>> = {
  csv: { 'CSV table': ['csv'] },
  json: { 'JSON run data': ['json'] },
  png: { 'PNG image': ['png'] },
  html: { 'HTML report': ['html'] },
};

/** Asks where to save, then writes; returns the file, or undefined if the user cancelled. */
export async function saveExport(message: SaveFile): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = await vscode.window.showSaveDialog({
    title: `Export ${message.fileName}`,
    saveLabel: 'Export',
    filters: filters[message.format],
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, message.fileName) } : {}),
  });
  if (!uri) return undefined;
  const bytes = message.format === 'png' ? new Uint8Array(Buffer.from(message.content, 'base64')) : new TextEncoder().encode(message.content);
  await vscode.workspace.fs.writeFile(uri, bytes);
  return uri;
}

/** saveExport with the outcome told to the user; never throws (a failed write is a message, not a crash). */
export function saveExportAndTell(message: SaveFile, log: (message: string) => void): void {
  saveExport(message).then(
    (uri) => {
      if (uri) void vscode.window.showInformationMessage(`RegLens: saved ${untrusted(vscode.workspace.asRelativePath(uri))}.`);
    },
    (error: unknown) => {
      const text = `RegLens could not save ${message.fileName}: ${error instanceof Error ? error.message : String(error)}`;
      log(text);
      void vscode.window.showErrorMessage(untrusted(text));
    },
  );
}
