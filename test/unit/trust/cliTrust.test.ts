/** The CLI facing hostile configs: exit 2 with a location, never a stack trace (issue 11). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cli = resolve(process.env.REGLENS_CLI ?? 'dist/cli.js');

function reglens(args: string[], cwd: string) {
  assert.ok(existsSync(cli), `${cli} does not exist: build the CLI first (npm run build)`);
  const run = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function inTempFolder(body: (folder: string) => void): void {
  const folder = mkdtempSync(join(tmpdir(), 'reglens-cli-trust-'));
  try {
    body(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const tiny = { name: 'tiny', data: { dataset: 'iris', seed: 1 }, model: { hidden: [] }, training: { epochs: 2 } };

test('item 14: a config starting with a UTF-8 byte order mark trains, with line numbers as editors count them', () => {
  inTempFolder((folder) => {
    writeFileSync(join(folder, 'reglens.json'), `\uFEFF${JSON.stringify({ experiments: [tiny] })}`);
    const run = reglens(['train', '--json'], folder);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).runs.length, 1);
    writeFileSync(join(folder, 'reglens.json'), `\uFEFF{\n  "experiments": 3\n}`);
    const bad = reglens(['train'], folder);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /reglens\.json:2:18: error: "experiments" must be an array/);
  });
});

test('item 13: 4,000 levels of nesting exit 2 with a location, not a stack overflow', () => {
  inTempFolder((folder) => {
    writeFileSync(join(folder, 'reglens.json'), `{"experiments":${'['.repeat(4000)}${']'.repeat(4000)}}`);
    const run = reglens(['train'], folder);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /reglens\.json:1:79: error: Nested more than 64 levels/);
    assert.doesNotMatch(run.stderr, /call stack|at .*\.js:/);
  });
});

test('item 16: --out naming an existing file is refused before any training', () => {
  inTempFolder((folder) => {
    writeFileSync(join(folder, 'reglens.json'), JSON.stringify({ experiments: [tiny] }));
    writeFileSync(join(folder, 'taken'), 'a file');
    const run = reglens(['train', '--out', 'taken'], folder);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--out taken is not a folder/);
    assert.doesNotMatch(run.stderr, /epoch/i, 'nothing trained');
    assert.deepEqual(readdirSync(folder).sort(), ['reglens.json', 'taken']);
    const tune = reglens(['tune', '--out', 'taken'], folder);
    assert.equal(tune.code, 2);
    assert.match(tune.stderr, /--out taken is not a folder/);
  });
});

test('item 1: a duplicate key makes the CLI exit 2 and train nothing', () => {
  inTempFolder((folder) => {
    writeFileSync(join(folder, 'reglens.json'), `{"experiments":[{"name":"a","name":"b","data":{"dataset":"iris"}}]}`);
    const run = reglens(['train'], folder);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /reglens\.json:1:29: error: "name" appears twice/);
    assert.equal(existsSync(join(folder, '.reglens')), false);
  });
});

test('item 10: a run whose weights are all zero exits 1 and says λ is too large; a constant feature is a warning', () => {
  inTempFolder((folder) => {
    const rows = Array.from({ length: 60 }, (_, i) => `${(i * 37) % 11},3,${i % 2}`);
    writeFileSync(join(folder, 'flat.csv'), ['a,flat,y', ...rows].join('\n'));
    const zeroed = { name: 'zeroed', data: { csv: 'flat.csv', target: 'y' }, model: { hidden: [] }, training: { epochs: 3 }, regularization: { penalty: 'l1', lambda: 1e6 } };
    writeFileSync(join(folder, 'reglens.json'), JSON.stringify({ experiments: [zeroed] }));
    const run = reglens(['train', '--json'], folder);
    assert.equal(run.code, 1, run.stderr);
    const [outcome] = JSON.parse(run.stdout).runs;
    assert.equal(outcome.ok, false);
    assert.equal(outcome.stopReason, 'weightsZero');
    assert.match(outcome.message, /All weights are zero: λ is too large for this data/);
    assert.match(run.stderr, /zeroed: warning: Feature "flat" has the same value \(3\) in every training row/);
  });
});
