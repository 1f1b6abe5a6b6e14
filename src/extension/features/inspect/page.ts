/** The checkpoint view's HTML for a real webview: its resource URIs and a fresh nonce. */
import * as vscode from 'vscode';
import { createNonce, webviewHtml } from '../dashboard/html';

export function checkpointPageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  return webviewHtml(
    'checkpoint',
    title,
    {
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'inspectWebview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'webview.css')).toString(),
      nonce: createNonce(),
    },
  );
}
