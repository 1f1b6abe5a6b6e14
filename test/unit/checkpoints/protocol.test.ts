/** The checkpoint view's contract accepts what the worker really sends and refuses what does not fit. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeModel } from '../../../src/core';
import { openCheckpoint } from '../../../src/io/checkpoints';
import { inspectTensor } from '../../../src/io/checkpoints/inspectTensors';
import { parseInspectFromWebview, parseInspectToWebview } from '../../../src/protocol/inspect';
import { fixture } from './fixtures';

test('every layer report and the model summary of a real checkpoint pass the contract', async () => {
  const checkpoint = await openCheckpoint(fixture('cnn.pth'));
  const layers = [];
  for (const tensor of checkpoint.tensors) layers.push(await inspectTensor(tensor));
  await checkpoint.close();
  for (const [i, layer] of layers.entries()) {
    const parsed = parseInspectToWebview({ type: 'layer', layer, index: i, done: i + 1, total: layers.length });
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  }
  assert.ok(parseInspectToWebview({ type: 'done', model: summarizeModel(layers, 0.1, 100), seconds: 1 }).ok);
});

test('malformed messages are refused with the place that does not fit', () => {
  const bad = parseInspectToWebview({ type: 'layer', layer: { name: 3 }, index: 0, done: 1, total: 1 });
  assert.deepEqual(bad, { ok: false, error: 'message.layer.name: expected a string, got 3' });
  assert.equal(parseInspectToWebview({ type: 'script', code: 'alert(1)' }).ok, false);
  assert.ok(parseInspectFromWebview({ type: 'select', name: 'fc.weight' }).ok);
  const save = parseInspectFromWebview({ type: 'saveFile', format: 'exe', fileName: 'x', content: '' });
  assert.equal(save.ok, false);
  assert.match(save.ok ? '' : save.error, /message\.format: expected "csv" or "json" or "png"/);
});
