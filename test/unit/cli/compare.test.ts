/**
 * `reglens compare` run as a user would (dist/cli.js): the table of the eight regularizers, and the
 * comparison on disk apart from the experiment's runs, read back with plain JSON.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cli = resolve(process.env.REGLENS_CLI ?? 'dist/cli.js');

function reglens(args: string[], cwd: string) {
  assert.ok(existsSync(cli), `${cli} does not exist: build the CLI first (npm run build)`);
  const run = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const moons = {
  name: 'moons',
  data: { dataset: 'moons', samples: 80, noise: 0.3, validation: 0.25, seed: 2 },
  model: { hidden: [16], activation: 'relu' },
  training: { epochs: 6, batchSize: 16, optimizer: 'adam', learningRate: 0.02, seed: 4 },
  regularization: { penalty: 'l2', lambda: 0.1, dropout: 0.5 },
  tuning: { lambdas: [1, 0.01], folds: 2 },
};

test('reglens compare tunes each strength, trains eight runs and saves them as one comparison', () => {
  const folder = mkdtempSync(join(tmpdir(), 'reglens-compare-'));
  writeFileSync(join(folder, 'reglens.json'), JSON.stringify({ experiments: [moons, { ...moons, name: 'other' }] }));
  const { code, stdout, stderr } = reglens(['compare'], folder);
  assert.equal(code, 0, stderr);
  assert.match(stderr, /Comparing on moons, the first experiment/);
  const labels = ['no regularizer', 'L2', 'L1', 'elastic net', 'dropout', 'max-norm', 'input noise', 'early stopping'];
  const tableRows = stdout.split('\n').filter((line) => labels.some((label) => line.startsWith(`${label} `)));
  assert.deepEqual(tableRows.map((line) => labels.find((label) => line.startsWith(`${label} `))), labels);

  const comparisons = join(folder, '.reglens', 'comparisons', 'moons');
  const [id, ...more] = readdirSync(comparisons);
  assert.deepEqual(more, [], 'one comparison, no draft left');
  const record = JSON.parse(readFileSync(join(comparisons, id!, 'comparison.json'), 'utf8'));
  assert.equal(record.format, 'reglens-comparison/1');
  assert.equal(record.spec.regularization.dropout, 0, 'the base has the experiment’s dropout off');
  const runs = record.entries.map((entry: { runId: string }) => JSON.parse(readFileSync(join(comparisons, id!, 'runs', 'moons', entry.runId, 'run.json'), 'utf8')));
  const l1 = record.entries[2];
  assert.deepEqual(l1.tuning.result.lambdas, [1, 0.01]);
  assert.equal(runs[2].spec.regularization.penalty, 'l1');
  assert.equal(runs[2].spec.regularization.lambda, l1.choice.value);
  assert.match(runs[4].objective, /inverted dropout/, 'the objective text states dropout');
  // The runs train one at a time, each with the helper thread where there is a second core.
  assert.deepEqual(runs.map((run: { threads: number }) => run.threads), runs.map(() => (availableParallelism() > 1 ? 2 : 1)));
  assert.match(tableRows[4]!, new RegExp(`p=${record.entries[4].choice.setting}`));
  assert.ok(!existsSync(join(folder, '.reglens', 'runs')), 'no run is filed under the experiment');
});

test('reglens compare takes one config file', () => {
  const { code, stderr } = reglens(['compare', 'a.json', 'b.json'], mkdtempSync(join(tmpdir(), 'reglens-compare-')));
  assert.equal(code, 2);
  assert.match(stderr, /compare takes one config file/);
});
