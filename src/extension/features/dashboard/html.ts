/**
 * The HTML of both webviews. Pure (no vscode import) so the browser test loads the very same page.
 * The CSP allows scripts only with this page's nonce and styles/images only from the extension's
 * own resources; chart.js styles its canvas through the CSSOM, which style-src does not restrict.
 */
export type WebviewKind = 'sidebar' | 'dashboard' | 'checkpoint';

export interface PageAssets {
  /** webview.cspSource */
  cspSource: string;
  /** asWebviewUri of dist/webview.js and media/webview.css, as strings. */
  scriptUri: string;
  styleUri: string;
  nonce: string;
}

export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, '');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; img-src ${cspSource} data:; style-src ${cspSource}; script-src 'nonce-${nonce}'`;
}

export function webviewHtml(kind: WebviewKind, title: string, assets: PageAssets): string {
  const attr = (value: string) => escapeHtml(value);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(assets.cspSource, assets.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(assets.styleUri)}">
<title>${escapeHtml(title)}</title>
</head>
<body data-view="${kind}">
<div id="root" class="${kind}"></div>
<script nonce="${attr(assets.nonce)}" src="${attr(assets.scriptUri)}"></script>
</body>
</html>`;
}
