import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentSecurityPolicy, createNonce, webviewHtml } from '../../../src/extension/features/dashboard/html';

const assets = { cspSource: 'https://x.vscode-cdn.net', scriptUri: 'https://x.vscode-cdn.net/dist/webview.js', styleUri: 'https://x.vscode-cdn.net/media/webview.css', nonce: 'abc123' };

test('the page allows its own script by nonce and its own styles, nothing inline', () => {
  const html = webviewHtml('dashboard', 'RegLens <run>', assets);
  assert.equal(contentSecurityPolicy(assets.cspSource, 'abc123'), "default-src 'none'; img-src https://x.vscode-cdn.net data:; style-src https://x.vscode-cdn.net; script-src 'nonce-abc123'");
  assert.ok(html.includes(`<script nonce="abc123" src="${assets.scriptUri}"></script>`));
  assert.ok(html.includes(`<link rel="stylesheet" href="${assets.styleUri}">`));
  assert.ok(html.includes('<body data-view="dashboard">'));
  assert.ok(html.includes('<title>RegLens &#60;run&#62;</title>'), 'the title is escaped');
  assert.ok(!/ style=|<style/.test(html), 'no inline styles');
  assert.equal((html.match(/<script/g) ?? []).length, 1);
});

test('nonces are fresh and safe inside an attribute', () => {
  const a = createNonce();
  assert.match(a, /^[A-Za-z0-9]{16,}$/);
  assert.notEqual(a, createNonce());
});
