/** The `external` block: validated with locations, paths inside the workspace by real path, and located for its lenses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateExternal, validateConfig } from '../../../src/config';
import { createNodeHost } from '../../../src/config/nodeHost';
import { find } from './textPosition';

const experiments = [{ name: 'digits-l2', data: { dataset: 'digits' } }];

function workspace(): { root: string; outside: string; done(): void } {
  const root = mkdtempSync(join(tmpdir(), 'reglens-external-'));
  const outside = mkdtempSync(join(tmpdir(), 'reglens-elsewhere-'));
  mkdirSync(join(root, 'runs', 'wd0.1', 'checkpoint-40'), { recursive: true });
  writeFileSync(join(root, 'runs', 'wd0.1', 'checkpoint-40', 'model.safetensors'), '');
  writeFileSync(join(root, 'runs', 'wd0.1', 'trainer_state.json'), '{}');
  writeFileSync(join(root, 'notes.txt'), '');
  writeFileSync(join(outside, 'secret.pt'), '');
  symlinkSync(join(outside, 'secret.pt'), join(root, 'linked.pt'));
  return { root, outside, done: () => [root, outside].forEach((f) => rmSync(f, { recursive: true, force: true })) };
}

test('a valid external block has no problem, and its entries are located with what they name', () => {
  const ws = workspace();
  try {
    const text = JSON.stringify({ experiments, external: [
      { name: 'wd0.1', checkpoints: 'runs/wd0.1', log: 'runs/wd0.1/trainer_state.json', experiment: 'digits-l2' },
      { name: 'one', checkpoints: 'runs/wd0.1/checkpoint-40/model.safetensors' },
    ] }, null, 2);
    assert.deepEqual(validateConfig(text, createNodeHost({ workspaceFolder: ws.root, configDir: ws.root })), []);
    const located = locateExternal(text);
    assert.deepEqual(located.map(({ name, checkpoints, log, experiment }) => ({ name, checkpoints, log, experiment })), [
      { name: 'wd0.1', checkpoints: 'runs/wd0.1', log: 'runs/wd0.1/trainer_state.json', experiment: 'digits-l2' },
      { name: 'one', checkpoints: 'runs/wd0.1/checkpoint-40/model.safetensors', log: null, experiment: null },
    ]);
    const at = find(text, '{\n      "name": "wd0.1"');
    assert.deepEqual(located[0].range.start, { line: at.line, character: at.character });
  } finally {
    ws.done();
  }
});

test('each problem of an external entry is reported where it is written', () => {
  const ws = workspace();
  try {
    const text = JSON.stringify({ experiments, external: [
      { name: 'a', checkpoints: '../elsewhere' },
      { name: 'b', checkpoints: 'linked.pt' },
      { name: 'c', log: 'runs/missing.csv' },
      { name: 'd', checkpoints: 'runs/*/checkpoint-*' },
      { name: 'e', checkpoints: 'notes.txt' },
      { name: 'f', experiment: 'nope' },
      { name: 'a', log: 'runs/wd0.1' },
      { name: 'g', checkpoints: 'runs', colour: 'red' },
    ] }, null, 2);
    const problems = validateConfig(text, createNodeHost({ workspaceFolder: ws.root, configDir: ws.root }));
    const where = (code: string) => problems.filter((p) => p.code === code).map((p) => p.range.start.line);
    assert.deepEqual(where('external-outside-workspace'), [find(text, '"../elsewhere"').line, find(text, '"linked.pt"').line]);
    assert.deepEqual(where('external-not-found'), [find(text, '"runs/missing.csv"').line]);
    assert.deepEqual(where('external-pattern'), [find(text, '"runs/*/checkpoint-*"').line]);
    assert.deepEqual(where('external-not-a-checkpoint'), [find(text, '"notes.txt"').line]);
    assert.deepEqual(where('external-unknown-experiment'), [find(text, '"nope"').line]);
    assert.deepEqual(where('external-empty'), [find(text, '"f"').line]);
    assert.deepEqual(where('external-duplicate-name'), [find(text, '"a"', 1).line]);
    // The schema knows the block's keys: an unknown one is an error at its place.
    assert.ok(problems.some((p) => p.range.start.line === find(text, '"colour"').line && p.severity === 'error'));
    // Nothing outside the workspace is quoted beyond the path the user wrote.
    assert.ok(problems.every((p) => !p.message.includes(ws.outside)));
  } finally {
    ws.done();
  }
});

test('without a host (an untrusted workspace) only the checks that read no file run', () => {
  const text = JSON.stringify({ experiments, external: [{ name: 'x', checkpoints: '/etc/passwd' }, { name: 'y', log: 'a/**' }] });
  assert.deepEqual(validateConfig(text, null).map((p) => p.code), ['external-pattern']);
});
