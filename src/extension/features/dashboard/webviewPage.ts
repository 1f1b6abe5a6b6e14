/** Options and HTML shared by the sidebar view and the dashboard panel. */
import * as vscode from 'vscode';
import { parseFromWebview, type FromWebview } from '../../../protocol/webview';
import { createNonce, webviewHtml, type WebviewKind } from './html';

/** Scripts on, and the page may load only the extension's media/ and dist/ folders. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')],
  };
}

export function pageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, kind: WebviewKind, title: string): string {
  return webviewHtml(kind, title, {
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'webview.css')).toString(),
    nonce: createNonce(),
  });
}

/**
 * Listens to a webview, passing on only messages that fit the contract. Malformed ones, and the
 * page's own errors, go to `log`: a webview is untrusted input like any other.
 */
export function onValidMessage(webview: vscode.Webview, handle: (message: FromWebview) => void, log: (message: string) => void): vscode.Disposable {
  return webview.onDidReceiveMessage((raw: unknown) => {
    const parsed = parseFromWebview(raw);
    if (!parsed.ok) log(`Ignored a malformed message from a RegLens view: ${parsed.error}`);
    else if (parsed.message.type === 'error') log(`RegLens view: ${parsed.message.message}`);
    else handle(parsed.message);
  });
}
