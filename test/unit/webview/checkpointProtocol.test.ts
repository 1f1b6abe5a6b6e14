/** The sidebar's checkpoint messages: the list the extension sends and the action the page asks for, both checked. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFromWebview, parseToWebview, type CheckpointListItem } from '../../../src/protocol/webview';

const series: CheckpointListItem = {
  id: '/ws/runs/wd0.1',
  kind: 'series',
  label: 'runs/wd0.1',
  checkpoints: 4,
  unit: 'step',
  firstStep: 40,
  lastStep: 160,
  path: null,
  log: null,
  config: null,
  actions: ['diagnose', 'series', 'compare'],
};

function rejects(parsed: { ok: boolean; error?: string }, fragment: string): void {
  assert.equal(parsed.ok, false);
  assert.ok(parsed.error?.includes(fragment), `"${parsed.error}" should mention "${fragment}"`);
}

test('a checkpoint action that fits the contract passes', () => {
  for (const action of ['diagnose', 'series', 'compare']) {
    const message = { type: 'checkpointAction', action, id: '/ws/runs/wd0.1' };
    assert.deepEqual(parseFromWebview(message), { ok: true, message });
  }
});

test('malformed checkpoint actions are refused with the place that is wrong', () => {
  rejects(parseFromWebview({ type: 'checkpointAction', action: 'delete', id: '/ws/a.pt' }), 'message.action');
  rejects(parseFromWebview({ type: 'checkpointAction', action: 'diagnose' }), 'message.id');
  rejects(parseFromWebview({ type: 'checkpointAction', action: 'diagnose', id: '' }), 'message.id: expected a checkpoint entry');
  rejects(parseFromWebview({ type: 'checkpointAction', action: 'diagnose', id: 'x'.repeat(4097) }), 'message.id');
  rejects(parseFromWebview({ type: 'checkpointAction', action: 'diagnose', id: ['/ws/a.pt'] }), 'message.id');
  rejects(parseFromWebview({ type: 'checkpointAction', action: ['diagnose'], id: '/ws/a.pt' }), 'message.action');
});

test('the checkpoint list passes whole; a wrong field is found by its path', () => {
  const list = { items: [series, { ...series, id: 'external:/ws/reglens.json#gpt', kind: 'external', label: 'gpt', log: 'runs/trainer_state.json', config: 'reglens.json' }], more: 3, restricted: false };
  assert.deepEqual(parseToWebview({ type: 'checkpoints', list }), { ok: true, message: { type: 'checkpoints', list } });
  rejects(parseToWebview({ type: 'checkpoints', list: { ...list, restricted: 'no' } }), 'message.list.restricted');
  rejects(parseToWebview({ type: 'checkpoints', list: { ...list, more: -1 } }), 'message.list.more');
  rejects(parseToWebview({ type: 'checkpoints', list: { ...list, items: [{ ...series, kind: 'folder' }] } }), 'message.list.items[0].kind');
  rejects(parseToWebview({ type: 'checkpoints', list: { ...list, items: [{ ...series, actions: ['diagnose', 'rm'] }] } }), 'message.list.items[0].actions[1]');
  rejects(parseToWebview({ type: 'checkpoints', list: { ...list, items: [{ ...series, label: 7 }] } }), 'message.list.items[0].label');
});
