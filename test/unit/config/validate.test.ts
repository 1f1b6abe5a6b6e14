import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigHost } from '../../../src/config/host';
import type { Problem } from '../../../src/config/problem';
import { validateConfig } from '../../../src/config/validate';
import { find } from './textPosition';

/** A workspace at /ws holding the given files (path → header columns). */
function fakeHost(files: Record<string, string[]> = {}): ConfigHost {
  return {
    workspaceFolder: '/ws',
    configDir: '/ws',
    look: (path) => (path in files ? { kind: 'file', realPath: path } : path === '/ws' ? { kind: 'folder', realPath: path } : { kind: 'missing' }),
    readHeader: (path) => files[path] ?? { problem: 'not there' },
  };
}

/** A config with one experiment made of the given JSON members. */
function oneExperiment(members: string): string {
  return `{\n  "experiments": [\n    {\n      "name": "a",\n${members}\n    }\n  ]\n}\n`;
}

function only(problems: Problem[], code: string): Problem {
  const matching = problems.filter((p) => p.code === code);
  assert.equal(matching.length, 1, `expected one ${code}, got: ${JSON.stringify(problems.map((p) => [p.code, p.message]))}`);
  return matching[0];
}

/** The problem covers exactly the n-th occurrence of `needle` (a one-line token), after its first `skip` characters. */
function assertAt(problem: Problem, text: string, needle: string, n = 0, skip = 0): void {
  const found = find(text, needle, n);
  const length = needle.length - skip;
  const character = found.character + skip;
  assert.deepEqual(problem.range, {
    offset: found.offset + skip,
    length,
    start: { line: found.line, character },
    end: { line: found.line, character: character + length },
  });
}

test('the example config validates clean, with its files checked', () => {
  const mediaDir = join(process.cwd(), 'media');
  const text = readFileSync(join(mediaDir, 'example.reglens.json'), 'utf8');
  const host: ConfigHost = { workspaceFolder: mediaDir, configDir: mediaDir, look: () => ({ kind: 'missing' }), readHeader: () => ({ problem: 'none' }) };
  assert.deepEqual(validateConfig(text, host), []);
});

test('more valid configs: every data kind, defaults, tuning forms, comments and trailing commas', () => {
  const text = `// comment
{
  "$schema": "./reglens.schema.json",
  "defaults": { "training": { "epochs": 5, "earlyStopping": null }, "tuning": { "lambdas": [0, 0.1, 1] } },
  "experiments": [
    { "name": "csv", "data": { "csv": "data/train.csv", "target": "label", "task": "classification", "validation": 0.25 } },
    { "name": "moons", "data": { "dataset": "moons", "samples": 200, "noise": 0.3, "seed": 3 },
      "model": { "hidden": [], "activation": "tanh" }, "training": { "optimizer": "fista", "batchSize": 0 },
      "regularization": { "penalty": "l1", "lambda": 0.1, "scale": "sum", "applyToBias": true } },
    { "name": "blobs", "data": { "dataset": "blobs", "features": 5, "classes": 4, "standardize": false },
      "regularization": { "penalty": "elasticNet", "lambda": 1e-3, "l1Ratio": 1 },
      "training": { "optimizer": "adamw", "earlyStopping": { "patience": 3, "minDelta": 0.001, "restoreBest": false } },
      "diagnostics": { "histogramEpochs": [1, 2], "sparsityEpsilon": 0 },
      "tuning": { "lambdas": { "min": 0.001, "max": 1, "count": 4 }, "rule": "min", "strategy": "halving", "includeZero": true, }, },
  ],
}`;
  assert.deepEqual(validateConfig(text, fakeHost({ '/ws/data/train.csv': ['x1', 'x2', 'label'] })), []);
});

test('syntax errors are reported at their place, and alone', () => {
  const text = '{\n  "experiments": [\n    { "name": "a" "data": {} }\n  ]\n}';
  const problems = validateConfig(text, null);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].severity, 'error');
  assert.match(problems[0].message, /comma/i);
  assertAt(problems[0], text, '"data"');
});

test('an empty file says what it should contain', () => {
  const [problem] = validateConfig('  \n', null);
  assert.equal(problem.severity, 'error');
  assert.match(problem.message, /experiments/);
});

test('negative λ: an error on the value that says why', () => {
  const text = oneExperiment('      "data": { "dataset": "iris" },\n      "regularization": { "penalty": "l2", "lambda": -0.5 }');
  const problems = validateConfig(text, null);
  assert.equal(problems.length, 1, 'the schema minimum is replaced by the explained message');
  const problem = only(problems, 'lambda-negative');
  assert.equal(problem.severity, 'error');
  assert.match(problem.message, /≥ 0/);
  assertAt(problem, text, '-0.5');
});

test('l1Ratio outside [0, 1] is an error on the value', () => {
  const text = oneExperiment('      "data": { "dataset": "iris" },\n      "regularization": { "penalty": "elasticNet", "l1Ratio": 1.5 }');
  const problems = validateConfig(text, null);
  assert.equal(problems.length, 1);
  const problem = only(problems, 'l1Ratio-range');
  assert.equal(problem.severity, 'error');
  assertAt(problem, text, '1.5');
});

test('l1Ratio without elastic net is a warning on the key, also when the penalty comes from defaults', () => {
  const text = `{
  "defaults": { "regularization": { "penalty": "l1" } },
  "experiments": [
    { "name": "a", "data": { "dataset": "iris" }, "regularization": { "l1Ratio": 0.3 } },
    { "name": "b", "data": { "dataset": "iris" }, "regularization": { "penalty": "elasticNet", "l1Ratio": 0.3 } }
  ]
}`;
  const problem = only(validateConfig(text, null), 'l1Ratio-unused');
  assert.equal(problem.severity, 'warning');
  assert.match(problem.message, /elasticNet/);
  assert.match(problem.message, /"l1"/);
  assertAt(problem, text, '"l1Ratio"', 0);
});

test('weight decay beside an L2 penalty is an info on weightDecay', () => {
  const text = oneExperiment('      "data": { "dataset": "iris" },\n      "regularization": { "penalty": "l2", "lambda": 0.1, "weightDecay": 0.01 }');
  const problem = only(validateConfig(text, null), 'weightDecay-with-l2');
  assert.equal(problem.severity, 'info');
  assert.match(problem.message, /two shrinkages/i);
  assertAt(problem, text, '"weightDecay"');
  const withoutLambda = oneExperiment('      "data": { "dataset": "iris" },\n      "regularization": { "penalty": "l2", "lambda": 0, "weightDecay": 0.01 }');
  assert.deepEqual(validateConfig(withoutLambda, null), []);
});

test('a duplicate experiment name is an error on the second name', () => {
  const text = `{
  "experiments": [
    { "name": "same", "data": { "dataset": "iris" } },
    { "name": "other", "data": { "dataset": "iris" } },
    { "name": "same", "data": { "dataset": "wine" } }
  ]
}`;
  const problem = only(validateConfig(text, null), 'duplicate-name');
  assert.equal(problem.severity, 'error');
  assert.match(problem.message, /line 3/);
  assertAt(problem, text, '"same"', 1);
});

test('fista with hidden layers is a warning on the optimizer, including the default hidden layer', () => {
  const explicit = oneExperiment('      "data": { "dataset": "iris" },\n      "model": { "hidden": [8] },\n      "training": { "optimizer": "fista" }');
  const problem = only(validateConfig(explicit, null), 'fista-hidden-layers');
  assert.equal(problem.severity, 'warning');
  assert.match(problem.message, /convex/);
  assertAt(problem, explicit, '"fista"');
  const byDefault = oneExperiment('      "data": { "dataset": "iris" },\n      "training": { "optimizer": "fista" }');
  assertAt(only(validateConfig(byDefault, null), 'fista-hidden-layers'), byDefault, '"fista"');
});

test('early stopping without validation data is an error', () => {
  const own = oneExperiment('      "data": { "dataset": "iris", "validation": 0 },\n      "training": { "earlyStopping": { "patience": 3 } }');
  const problem = only(validateConfig(own, null), 'earlyStopping-without-validation');
  assert.equal(problem.severity, 'error');
  assertAt(problem, own, '"earlyStopping"');
  const fromDefaults = `{
  "defaults": { "training": { "earlyStopping": {} } },
  "experiments": [ { "name": "a", "data": { "dataset": "iris", "validation": 0 } } ]
}`;
  assertAt(only(validateConfig(fromDefaults, null), 'earlyStopping-without-validation'), fromDefaults, '"validation": 0', 0, '"validation": '.length);
  const disabled = oneExperiment('      "data": { "dataset": "iris", "validation": 0 },\n      "training": { "earlyStopping": null }');
  assert.deepEqual(validateConfig(disabled, null), []);
});

test('a λ grid whose max is not above its min is an error on max', () => {
  const text = oneExperiment('      "data": { "dataset": "iris" },\n      "tuning": { "lambdas": { "min": 1, "max": 0.5, "count": 3 } }');
  const problem = only(validateConfig(text, null), 'lambda-grid-order');
  assert.equal(problem.severity, 'error');
  assertAt(problem, text, '0.5');
});

test('CSV files: missing, outside the workspace, target not in the header; host null skips them', () => {
  const text = `{
  "experiments": [
    { "name": "missing", "data": { "csv": "data/none.csv", "target": "y" } },
    { "name": "outside", "data": { "csv": "../secret.csv", "target": "y" } },
    { "name": "wrong-target", "data": { "csv": "data/a.csv", "target": "label" } },
    { "name": "fine", "data": { "csv": "./data/a.csv", "target": "y" } }
  ]
}`;
  const problems = validateConfig(text, fakeHost({ '/ws/data/a.csv': ['x1', 'x,2', 'y'], '/secret.csv': ['y'] }));
  assert.equal(problems.length, 3);
  const missing = only(problems, 'csv-not-found');
  assert.match(missing.message, /\/ws\/data\/none\.csv/);
  assertAt(missing, text, '"data/none.csv"');
  const outside = only(problems, 'csv-outside-workspace');
  assert.match(outside.message, /outside the workspace/);
  assertAt(outside, text, '"../secret.csv"');
  const target = only(problems, 'csv-target-missing');
  assert.match(target.message, /"label"/);
  assert.match(target.message, /x1, x,2, y$/);
  assertAt(target, text, '"label"');
  assert.ok(problems.every((p) => p.severity === 'error'));
  assert.deepEqual(validateConfig(text, null), []);
});

test('problems come sorted by position', () => {
  const text = oneExperiment('      "data": { "dataset": "iris", "validation": 2 },\n      "training": { "epochs": 0, "optimizer": "sdg" }');
  const offsets = validateConfig(text, null).map((p) => p.range.offset);
  assert.equal(offsets.length, 3);
  assert.deepEqual(offsets, [...offsets].sort((a, b) => a - b));
});
