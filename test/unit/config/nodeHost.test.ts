import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeHost } from '../../../src/config/nodeHost';
import { validateConfig } from '../../../src/config/validate';

test('the node host reads header lines and finds files; validation uses it end to end', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'reglens-config-'));
  try {
    mkdirSync(join(workspace, 'data'));
    writeFileSync(join(workspace, 'data', 'crlf.csv'), 'a,b,label\r\n1,2,3\r\n');
    writeFileSync(join(workspace, 'data', 'one-line.csv'), 'x,y');
    const host = createNodeHost({ workspaceFolder: workspace, configDir: workspace });
    assert.deepEqual(host.readHeader(join(workspace, 'data', 'crlf.csv')), ['a', 'b', 'label']);
    assert.deepEqual(host.readHeader(join(workspace, 'data', 'one-line.csv')), ['x', 'y']);
    assert.ok('problem' in (host.readHeader(join(workspace, 'none.csv')) as object));
    assert.equal(host.look(join(workspace, 'data', 'crlf.csv')).kind, 'file');
    assert.equal(host.look(join(workspace, 'data')).kind, 'folder', 'a folder is not a CSV file');
    assert.equal(host.look(join(workspace, 'none.csv')).kind, 'missing');

    const text = JSON.stringify({
      experiments: [
        { name: 'ok', data: { csv: 'data/crlf.csv', target: 'label' } },
        { name: 'bad', data: { csv: 'data/one-line.csv', target: 'label' } },
      ],
    });
    assert.deepEqual(validateConfig(text, host).map((p) => p.code), ['csv-target-missing']);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});
