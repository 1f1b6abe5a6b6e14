/**
 * What `train` and `tune` say after their tables (issue 14, items 8–9), run through the built CLI
 * (dist/cli.js, or $REGLENS_CLI) in a temporary folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cli = resolve(process.env.REGLENS_CLI ?? 'dist/cli.js');

function reglens(args: string[], cwd: string) {
  assert.ok(existsSync(cli), `${cli} does not exist: build the CLI first (npm run build)`);
  const run = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const convex = (name: string, regularization: object, tuning: object = {}) => ({
  name,
  data: { dataset: 'iris', validation: 0.3 },
  model: { hidden: [] },
  training: { epochs: 150, optimizer: 'fista', learningRate: 1 },
  regularization,
  tuning: { lambdas: [100, 1, 0.01], folds: 3, ...tuning },
});

function folder(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'reglens-explain-'));
  writeFileSync(join(dir, 'reglens.json'), text);
  return dir;
}

test('train says which run won, each gap against the baseline, onset, penalty share, exact and near zeros; --json the same', () => {
  const dir = folder(JSON.stringify({ experiments: [convex('base', { penalty: 'none' }), convex('lasso', { penalty: 'l1', lambda: 20 })] }));
  const text = reglens(['train'], dir);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /Best validation loss: (base|lasso) \(/);
  assert.match(text.stdout, /lasso: best epoch \d+; (no overfitting onset|overfitting from epoch \d+); gap \S+ vs \S+ for base \((smaller|not smaller)\); penalty \d+\.\d% of the objective; weights exactly 0: \d+\.\d%, \|w\| ≤ 0\.001: \d+\.\d%\./);
  const json = JSON.parse(reglens(['train', '--json'], dir).stdout);
  const lasso = json.explanation.runs.find((r: { experiment: string }) => r.experiment === 'lasso');
  assert.equal(json.explanation.baseline, 'base');
  assert.ok(lasso.exactZeros > 0, 'an L1 penalty this strong sets weights to exactly 0');
  assert.ok(lasso.nearZeros >= lasso.exactZeros, 'every exact zero is also a near zero');
  assert.ok(lasso.penaltyShare > 0 && lasso.penaltyShare < 1);
  const best = [...json.runs].sort((a: { final: { valLoss: number } }, b: { final: { valLoss: number } }) => a.final.valLoss - b.final.valLoss)[0];
  assert.equal(json.explanation.bestRun.experiment, best.experiment);
});

test('tune skips an experiment without a penalty with a note and exits 0; it explains 1se and compares with the config', () => {
  const dir = folder(JSON.stringify({ experiments: [convex('base', { penalty: 'none' }), convex('ridge', { penalty: 'l2', lambda: 3 })] }));
  const run = reglens(['tune'], dir);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /base: skipped: penalty "none"/);
  assert.match(run.stdout, /λ_1se is the largest λ whose CV score is within one standard error of the best/);
  assert.match(run.stdout, /The pick \(rule 1se\) λ = \S+ is \S+× (larger|smaller) than the config's λ = 3\.000\./);
  assert.match(run.stdout, /--apply 1se/);
});

test('tune --apply writes λ_min into the config, comments and layout kept', () => {
  const experiments = JSON.stringify([convex('ridge', { penalty: 'l2', lambda: 3 }, { rule: 'min' })], null, 2);
  const original = `// my notes\n{\n  /* keep */ "experiments": ${experiments}\n}\n`;
  const dir = folder(original);
  const run = reglens(['tune', '--apply', 'min', '--json'], dir);
  assert.equal(run.code, 0, run.stderr);
  const tuned = JSON.parse(run.stdout);
  const lambdaMin = tuned.tunings[0].record.result.lambdaMin.lambda;
  assert.deepEqual(tuned.applied, [{ experiment: 'ridge', rule: 'min', from: 3, to: lambdaMin, convention: null }]);
  const text = readFileSync(join(dir, 'reglens.json'), 'utf8');
  assert.equal(text, original.replace('"lambda": 3', `"lambda": ${lambdaMin}`));
  assert.equal(reglens(['tune', '--apply', 'max'], dir).code, 2);
});

test('a pick at the grid’s end is flagged, and --extend tunes again past it; "auto" grids come from the data', () => {
  const dir = folder(JSON.stringify({ experiments: [convex('ridge', { penalty: 'l2', lambda: 3 }, { lambdas: [1000, 100, 10], rule: 'min' })] }));
  const flagged = reglens(['tune'], dir);
  assert.equal(flagged.code, 0, flagged.stderr);
  assert.match(flagged.stdout, /Warning: λ_min = 10\.00 is the smallest λ of the grid/);
  const extended = JSON.parse(reglens(['tune', '--extend', '--json'], dir).stdout);
  const lambdas: number[] = extended.tunings[0].record.result.lambdas;
  assert.ok(lambdas.length > 3 && Math.min(...lambdas) < 1, `extended grid ${lambdas}`);
  const auto = folder(JSON.stringify({ experiments: [convex('lasso', { penalty: 'l1', lambda: 3 }, { lambdas: 'auto' })] }));
  const run = JSON.parse(reglens(['tune', '--json'], auto).stdout);
  assert.equal(run.tunings[0].record.result.lambdas.length, 13);
});
