/** Hostile configs: each test pins one defect of issue 11 (the item number is in the test's name). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConfig } from '../../../src/config/checked';
import { createNodeHost } from '../../../src/config/nodeHost';
import type { Problem } from '../../../src/config/problem';
import { validateConfig } from '../../../src/config/validate';
import { find } from '../config/textPosition';

function codes(problems: Problem[]): string[] {
  return problems.map((p) => p.code);
}

function errorAt(problems: Problem[], text: string, needle: string, n = 0): Problem {
  const at = find(text, needle, n).offset;
  const problem = problems.find((p) => p.severity === 'error' && p.range.offset === at);
  assert.ok(problem, `no error at ${needle} (#${n}); got ${JSON.stringify(problems.map((p) => [p.code, p.range.offset, p.message]))}`);
  return problem;
}

/** A workspace folder on disk with `files` (relative path → content); removed after `body`. */
function withWorkspace(files: Record<string, string>, body: (workspace: string) => void): void {
  const root = mkdtempSync(join(tmpdir(), 'reglens-trust-'));
  const workspace = join(root, 'ws');
  mkdirSync(workspace);
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    body(workspace);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const hostFor = (workspace: string) => createNodeHost({ workspaceFolder: workspace, configDir: workspace });

test('item 1: a duplicate key is an error at the repeated key, and nothing trains from such a file', () => {
  const text = `{
  "experiments": [
    { "name": "a", "data": { "csv": "ok.csv", "target": "y", "csv": "../outside/secret.csv" } }
  ]
}`;
  const problems = validateConfig(text, null);
  const problem = errorAt(problems, text, '"csv"', 1);
  assert.equal(problem.code, 'duplicate-key');
  assert.match(problem.message, /"csv" appears twice in this object \(first on line 3\)/);
  const checked = checkConfig(text, null);
  assert.deepEqual(checked.experiments, [], 'a file with errors yields no experiments');
});

test('item 1: duplicate keys anywhere (names, early stopping, tuning ranges) are errors, checks and specs read one value', () => {
  const text = `{
  "experiments": [
    { "name": "a", "name": "b", "data": { "dataset": "iris", "validation": 0.2, "validation": 0 },
      "training": { "earlyStopping": { "patience": 2, "patience": 3 } },
      "tuning": { "lambdas": { "min": 1, "max": 2, "max": 0.5, "count": 3 } } }
  ]
}`;
  const problems = validateConfig(text, null);
  for (const [needle, n] of [['"name"', 1], ['"validation"', 1], ['"patience"', 1], ['"max"', 1]] as const) {
    assert.equal(errorAt(problems, text, needle, n).code, 'duplicate-key');
  }
  const clean = `{ "experiments": [ { "name": "a", "data": { "dataset": "iris" }, "training": { "epochs": 3 } } ] }`;
  const checked = checkConfig(clean, null);
  assert.deepEqual(checked.problems, []);
  assert.deepEqual(checked.experiments.map((e) => [e.name, e.spec.training.epochs]), [['a', 3]]);
});

test('item 8: numbers beyond the double range (1e309) are errors at their range in every field', () => {
  const text = `{
  "experiments": [
    { "name": "a", "data": { "dataset": "moons", "noise": 1e309 },
      "training": { "learningRate": 1e309, "earlyStopping": { "minDelta": 2e400 }, "divergenceFactor": 1e309 },
      "regularization": { "penalty": "l2", "lambda": 1e309, "weightDecay": 1e999 },
      "diagnostics": { "sparsityEpsilon": 1e309 },
      "tuning": { "lambdas": [0.1, 1e309] } },
    { "name": "b", "data": { "dataset": "iris" }, "tuning": { "lambdas": { "min": 1, "max": 1e309, "count": 3 } } }
  ]
}`;
  const problems = validateConfig(text, null);
  for (const [needle, n] of [['1e309', 0], ['1e309', 1], ['2e400', 0], ['1e309', 2], ['1e309', 3], ['1e999', 0], ['1e309', 4], ['1e309', 5], ['1e309', 6]] as const) {
    const problem = errorAt(problems, text, needle, n);
    assert.match(problem.message, /finite|too large/, `${needle}#${n}: ${problem.message}`);
  }
  const negative = `{ "experiments": [ { "name": "a", "data": { "dataset": "iris" }, "regularization": { "lambda": -1e309 } } ] }`;
  errorAt(validateConfig(negative, null), negative, '-1e309');
});

test('item 12: a seed of 2^32 or more is an error with the allowed range, not an alias of a smaller seed', () => {
  const text = `{
  "experiments": [
    { "name": "a", "data": { "dataset": "iris", "seed": 4294967296 }, "training": { "seed": 4294967297 } }
  ]
}`;
  const problems = validateConfig(text, null);
  assert.match(errorAt(problems, text, '4294967296').message, /≤ 4294967295/);
  assert.match(errorAt(problems, text, '4294967297').message, /≤ 4294967295/);
  const largest = `{ "experiments": [ { "name": "a", "data": { "dataset": "iris", "seed": 4294967295 }, "training": { "seed": 4294967295 } } ] }`;
  assert.deepEqual(validateConfig(largest, null), []);
});

test('item 13: 4,000 or 100,000 levels of nesting are an error at the first level too deep, never a throw', () => {
  for (const depth of [4000, 100_000]) {
    const text = `{ "experiments": ${'['.repeat(depth)}${']'.repeat(depth)} }`;
    const problems = validateConfig(text, null);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'syntax.tooDeep');
    assert.equal(problems[0].range.offset, text.indexOf('[') + 63, 'the bracket that opens level 65');
    assert.deepEqual(checkConfig(text, null).experiments, []);
  }
});

test('item 13: a NUL byte or an over-long CSV path is an error at the path, never a throw', () => {
  withWorkspace({}, (workspace) => {
    const nul = JSON.stringify({ experiments: [{ name: 'a', data: { csv: 'a\u0000.csv', target: 'y' } }] });
    const problem = validateConfig(nul, hostFor(workspace))[0];
    assert.equal(problem?.code, 'csv-invalid-path');
    assert.equal(problem.range.offset, nul.indexOf('"a\\u0000.csv"'));
    const long = `{ "experiments": [ { "name": "a", "data": { "csv": "${'x'.repeat(5000)}.csv", "target": "y" } } ] }`;
    const tooLong = validateConfig(long, hostFor(workspace))[0];
    assert.equal(tooLong?.code, 'csv-invalid-path');
    assert.match(tooLong.message, /too long/);
    assert.equal(tooLong.range.offset, long.indexOf('"xxx'));
  });
});

test('item 15: a CSV with CR-only line endings passes the config check as it loads, by one header reader', () => {
  withWorkspace({ 'ws/mac.csv': 'a,"b ""quoted""",label\r1,2,0\r3,4,1\r', 'ws/multi.csv': '"x\ry",label\r1,0\r' }, (workspace) => {
    const text = JSON.stringify({
      experiments: [
        { name: 'mac', data: { csv: 'mac.csv', target: 'label' } },
        { name: 'quoted', data: { csv: 'mac.csv', target: 'b "quoted"' } },
        { name: 'multi', data: { csv: 'multi.csv', target: 'label' } },
      ],
    });
    assert.deepEqual(validateConfig(text, hostFor(workspace)), []);
    const wrong = JSON.stringify({ experiments: [{ name: 'mac', data: { csv: 'mac.csv', target: 'nope' } }] });
    assert.match(validateConfig(wrong, hostFor(workspace))[0]?.message ?? '', /Columns: a, b "quoted", label$/);
  });
});

test('item 2: a linked file or folder that points outside the workspace is refused, and its content never printed', () => {
  withWorkspace({ 'outside/secret.csv': 'TOP-SECRET-LINE,y\n1,2\n', 'ws/in.csv': 'a,y\n1,2\n' }, (workspace) => {
    symlinkSync(join(workspace, '..', 'outside', 'secret.csv'), join(workspace, 'link.csv'));
    symlinkSync(join(workspace, '..', 'outside'), join(workspace, 'linked-folder'));
    symlinkSync(join(workspace, 'in.csv'), join(workspace, 'inside-link.csv'));
    const text = JSON.stringify({
      experiments: [
        { name: 'file', data: { csv: 'link.csv', target: 'wrong' } },
        { name: 'folder', data: { csv: 'linked-folder/secret.csv', target: 'wrong' } },
        { name: 'fine', data: { csv: 'inside-link.csv', target: 'y' } },
      ],
    });
    const problems = validateConfig(text, hostFor(workspace));
    assert.deepEqual(codes(problems), ['csv-outside-workspace', 'csv-outside-workspace']);
    for (const problem of problems) {
      assert.doesNotMatch(problem.message, /TOP-SECRET/);
      assert.match(problem.message, /links to .*outside/);
    }
  });
});

test('item 16: a folder, a FIFO or a device given as the CSV is reported as such, not as missing', () => {
  withWorkspace({ 'ws/folder.csv/x': '' }, (workspace) => {
    execFileSync('mkfifo', [join(workspace, 'pipe.csv')]);
    symlinkSync('/dev/null', join(workspace, 'device.csv'));
    const text = JSON.stringify({
      experiments: [
        { name: 'a', data: { csv: 'folder.csv', target: 'y' } },
        { name: 'b', data: { csv: 'pipe.csv', target: 'y' } },
        { name: 'c', data: { csv: 'device.csv', target: 'y' } },
      ],
    });
    const messages = validateConfig(text, createNodeHost({ workspaceFolder: '/', configDir: workspace })).map((p) => p.message);
    assert.equal(messages.length, 3);
    assert.match(messages[0], /is a folder, not a file/);
    assert.match(messages[1], /is a FIFO \(named pipe\), not a file/);
    assert.match(messages[2], /is a device, not a file/);
  });
});

test('item 16: two different invalid names (lone surrogates) are refused instead of sharing one run folder', () => {
  const text = '{ "experiments": [ { "name": "\\ud800", "data": { "dataset": "iris" } }, { "name": "\\udc00", "data": { "dataset": "iris" } } ] }';
  const problems = validateConfig(text, null);
  assert.deepEqual(codes(problems), ['name-not-unicode', 'name-not-unicode']);
  assert.equal(problems[0].range.offset, text.indexOf('"\\ud800"'));
});

test('item 16: a root that is not an object says "the file", not ""', () => {
  for (const text of ['[]', '42', '"x"']) {
    const [problem] = validateConfig(text, null);
    assert.match(problem.message, /^The file must be an object/);
    assert.doesNotMatch(problem.message, /""/);
  }
});

test('fuzz findings: too few synthetic samples, or a split that leaves no training row, are errors at their value, not throws at training', () => {
  const text = `{ "experiments": [ { "name": "a", "data": { "dataset": "moons", "samples": 4, "validation": 0.9 } } ] }`;
  const problems = validateConfig(text, null);
  assert.equal(errorAt(problems, text, '0.9').code, 'validation-leaves-no-training');
  const blobs = `{ "experiments": [ { "name": "a", "data": { "dataset": "blobs", "samples": 4 } } ] }`;
  assert.match(errorAt(validateConfig(blobs, null), blobs, '4').message, /blobs with 3 classes needs at least 6 samples/);
  const fine = `{ "experiments": [ { "name": "a", "data": { "dataset": "moons", "samples": 40, "validation": 0.9 } } ] }`;
  assert.deepEqual(validateConfig(fine, null), []);
});
