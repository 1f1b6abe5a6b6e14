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
    assert.equal(host.readFirstLine(join(workspace, 'data', 'crlf.csv')), 'a,b,label');
    assert.equal(host.readFirstLine(join(workspace, 'data', 'one-line.csv')), 'x,y');
    assert.equal(host.readFirstLine(join(workspace, 'none.csv')), undefined);
    assert.equal(host.exists(join(workspace, 'data', 'crlf.csv')), true);
    assert.equal(host.exists(join(workspace, 'data')), false, 'a folder is not a CSV file');

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
