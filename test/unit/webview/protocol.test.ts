import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFromWebview, parseToWebview, penaltyLabel } from '../../../src/protocol/webview';
import { defaultRegularization } from '../../../src/core';
import { fixtureRuns } from './fixture';

function rejects(parsed: { ok: boolean; error?: string }, fragment: string): void {
  assert.equal(parsed.ok, false);
  assert.ok(parsed.error?.includes(fragment), `"${parsed.error}" should mention "${fragment}"`);
}

test('messages from a webview that fit the contract pass', () => {
  for (const message of [
    { type: 'ready' },
    { type: 'train', experiment: 'digits-l2', config: 'reglens.json' },
    { type: 'tune', experiment: 'digits-l2', config: 'sub/other.reglens.json' },
    { type: 'stop' },
    { type: 'openDashboard', runIds: ['a', 'b'] },
    { type: 'saveFile', format: 'csv', fileName: 'digits run.csv', content: 'a,b\n1,2\n' },
    { type: 'saveFile', format: 'png', fileName: 'loss.png', content: 'iVBORw0KGgo=' },
    { type: 'error', message: 'boom' },
  ]) {
    assert.deepEqual(parseFromWebview(message), { ok: true, message });
  }
});

test('malformed messages from a webview are refused with the place that is wrong', () => {
  rejects(parseFromWebview(null), 'message.type');
  rejects(parseFromWebview({ type: 'format disk' }), 'expected one of ready, train');
  rejects(parseFromWebview({ type: '__proto__' }), 'message.type');
  rejects(parseFromWebview({ type: 'train' }), 'message.experiment');
  rejects(parseFromWebview({ type: 'openDashboard', runIds: ['a', 3] }), 'message.runIds[1]: expected a string, got 3');
  rejects(parseFromWebview({ type: 'saveFile', format: 'csv', fileName: '../../.bashrc.csv', content: '' }), 'message.fileName: expected a plain file name');
  rejects(parseFromWebview({ type: 'saveFile', format: 'csv', fileName: '.hidden.csv', content: '' }), 'message.fileName');
  rejects(parseFromWebview({ type: 'saveFile', format: 'png', fileName: 'x.csv', content: '' }), 'ending in .png');
  rejects(parseFromWebview({ type: 'saveFile', format: 'png', fileName: 'x.png', content: 'data:image/png;base64,AAAA' }), 'base64');
  rejects(parseFromWebview({ type: 'saveFile', format: 'exe', fileName: 'x.exe', content: '' }), 'message.format');
});

test('a recorded run passes as a runs message; a broken number is found by its path', () => {
  const runs = fixtureRuns();
  assert.equal(parseToWebview({ type: 'runs', runs }).ok, true);
  const live = { ...runs[0], summary: null, epochs: [] };
  assert.equal(parseToWebview({ type: 'runs', runs: [live] }).ok, true);

  const broken = fixtureRuns();
  (broken[1].epochs[3] as unknown as Record<string, unknown>).valLoss = 'x';
  rejects(parseToWebview({ type: 'runs', runs: broken }), 'message.runs[1].epochs[3].valLoss: expected a number, got "x"');
  const noLayers = fixtureRuns();
  (noLayers[0].epochs[0].layers[1] as unknown as Record<string, unknown>).sparsity = undefined;
  rejects(parseToWebview({ type: 'epochs', runId: 'x', epochs: noLayers[0].epochs }), 'message.epochs[0].layers[1].sparsity');
  rejects(parseToWebview({ type: 'status', running: 'yes', text: '' }), 'message.running: expected true or false');
});

test('penalty labels name the penalty, λ and its convention', () => {
  assert.equal(penaltyLabel(defaultRegularization), 'no penalty');
  assert.equal(penaltyLabel({ ...defaultRegularization, penalty: 'l2', lambda: 0.01 }), 'L2, λ=0.01, λ/2m');
  assert.equal(penaltyLabel({ ...defaultRegularization, penalty: 'l1', lambda: 3, scale: 'sum' }), 'L1, λ=3, λ');
  assert.equal(penaltyLabel({ ...defaultRegularization, penalty: 'elasticNet', lambda: 1, scale: 'half', l1Ratio: 0.3 }), 'elastic net, ρ=0.3, λ=1, λ/2');
  assert.equal(penaltyLabel({ ...defaultRegularization, weightDecay: 0.01 }), 'no penalty, weight decay 0.01');
});

