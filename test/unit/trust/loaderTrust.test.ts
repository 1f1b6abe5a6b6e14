/** Item 16 at the loader: what is not a regular file is named as such, never read (a FIFO would block forever). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFileError, loadCsvFile } from '../../../src/io/datasets';

const folder = mkdtempSync(join(tmpdir(), 'reglens-loader-'));
test.after(() => rmSync(folder, { recursive: true, force: true }));
const options = { target: 'y', task: 'auto' } as const;

async function refusal(path: string): Promise<string> {
  const error = await loadCsvFile(path, options).then(() => assert.fail('loaded'), (e: unknown) => e);
  assert.ok(error instanceof DataFileError, String(error));
  return error.message;
}

test('item 16: the loader reports a folder, a FIFO and a device as such, and does not block on the FIFO', { timeout: 60_000 }, async () => {
  mkdirSync(join(folder, 'folder.csv'));
  execFileSync('mkfifo', [join(folder, 'pipe.csv')]);
  assert.equal(await refusal(join(folder, 'folder.csv')), `${join(folder, 'folder.csv')} is a folder, not a CSV file`);
  assert.equal(await refusal(join(folder, 'pipe.csv')), `${join(folder, 'pipe.csv')} is a FIFO (named pipe), not a CSV file`);
  assert.equal(await refusal('/dev/zero'), '/dev/zero is a device, not a CSV file');
  assert.equal(await refusal(join(folder, 'none.csv')), `${join(folder, 'none.csv')}: no such file`);
});
