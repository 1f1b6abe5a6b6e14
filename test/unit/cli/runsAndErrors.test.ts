/** `reglens runs list|show|diff`, --version, and usage mistakes said in words (issue 14, item 10), through the built CLI. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cli = resolve(process.env.REGLENS_CLI ?? 'dist/cli.js');
const version: string = JSON.parse(readFileSync(resolve('package.json'), 'utf8')).version;

function reglens(args: string[], cwd: string) {
  assert.ok(existsSync(cli), `${cli} does not exist: build the CLI first (npm run build)`);
  const run = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const experiment = (name: string, lambda: number) => ({
  name,
  data: { dataset: 'iris', validation: 0.3 },
  model: { hidden: [] },
  training: { epochs: 20, optimizer: 'fista', learningRate: 1 },
  regularization: lambda > 0 ? { penalty: 'l2', lambda } : { penalty: 'none' },
});

test('runs list, show and diff read what train saved', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reglens-runs-'));
  writeFileSync(join(dir, 'reglens.json'), JSON.stringify({ experiments: [experiment('plain', 0), experiment('ridge', 2)] }));
  const trained = JSON.parse(reglens(['train', '--json'], dir).stdout);
  const [plain, ridge] = trained.runs;
  const list = reglens(['runs', 'list'], dir);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, new RegExp(`ridge\\s+${ridge.runId}\\s+.*l2\\s+2\\.000`));
  assert.match(list.stdout, new RegExp(`plain\\s+${plain.runId}`));
  const listed = JSON.parse(reglens(['runs', 'list', '--experiment', 'ridge', '--json'], dir).stdout);
  assert.deepEqual(listed.map((r: { id: string }) => r.id), [ridge.runId]);
  const show = reglens(['runs', 'show', ridge.runId], dir);
  assert.match(show.stdout, /objective: mean CE\(softmax\(z\), y\) \+ \(λ\/2m\)·Σ‖W‖²_F, λ=2, m=105/);
  const diff = JSON.parse(reglens(['runs', 'diff', `plain/${plain.runId}`, ridge.runId, '--json'], dir).stdout);
  assert.deepEqual(diff.settings['regularization.penalty'], ['"none"', '"l2"']);
  assert.equal(diff.settings['training.epochs'], undefined, 'only differing settings');
  assert.deepEqual(diff.final.valLoss, [plain.final.valLoss, ridge.final.valLoss]);
  const missing = reglens(['runs', 'show', 'nope'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no run 'nope': reglens runs list shows the 2 saved/);
});

test('--version, a mistyped command, a mistyped option, a missing value: words, not Node’s parser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reglens-usage-'));
  assert.equal(reglens(['--version'], dir).stdout.trim(), `reglens ${version}`);
  const cases: [string[], RegExp][] = [
    [['trian'], /unknown command 'trian' \(did you mean train\?\)/],
    [['tune', '--strategi', 'grid'], /tune has no option --strategi \(did you mean --strategy\?\)/],
    [['train', '--out'], /train: --out needs a value/],
  ];
  for (const [args, message] of cases) {
    const run = reglens(args, dir);
    assert.equal(run.code, 2, args.join(' '));
    assert.match(run.stderr, message);
    assert.doesNotMatch(run.stderr, /To specify a positional argument|ERR_PARSE_ARGS|argument missing/);
  }
});

test('a missing config suggests reglens example; a folder is explained, or its reglens.json used', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reglens-config-'));
  const missing = reglens(['train'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read reglens\.json: no such file; create the commented example with: reglens example/);
  mkdirSync(join(dir, 'empty'));
  const folder = reglens(['train', 'empty'], dir);
  assert.equal(folder.code, 2);
  assert.match(folder.stderr, /empty is a folder, not a config file, and has no reglens\.json/);
  assert.doesNotMatch(folder.stderr, /EISDIR/);
  mkdirSync(join(dir, 'project'));
  writeFileSync(join(dir, 'project', 'reglens.json'), JSON.stringify({ experiments: [experiment('inside', 0)] }));
  assert.equal(reglens(['train', 'project'], dir).code, 0);
});
