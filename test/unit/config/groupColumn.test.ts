// data.group (issue 14, item 5): a CSV's group column, checked against the header at its place in the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkConfig } from '../../../src/config/checked';
import type { ConfigHost } from '../../../src/config/host';
import type { Problem } from '../../../src/config/problem';
import { find } from './textPosition';

const host: ConfigHost = {
  workspaceFolder: '/ws',
  configDir: '/ws',
  look: (path) => (path === '/ws/data.csv' ? { kind: 'file', realPath: path } : { kind: 'missing' }),
  readHeader: () => ['x1', 'x2', 'site', 'y'],
};

function config(data: string, tuning = ''): string {
  return `{\n  "experiments": [\n    { "name": "a", "data": ${data}${tuning ? `, "tuning": ${tuning}` : ''} }\n  ]\n}\n`;
}

function assertCovers(problem: Problem, text: string, needle: string, n = 0): void {
  const at = find(text, needle, n);
  assert.deepEqual(problem.range.start, { line: at.line, character: at.character });
  assert.equal(problem.range.length, needle.length);
}

test('a group column in the header becomes the data spec’s group', () => {
  const { problems, experiments } = checkConfig(config('{ "csv": "data.csv", "target": "y", "group": "site" }'), host);
  assert.deepEqual(problems, []);
  assert.equal(experiments[0].data.kind === 'csv' && experiments[0].data.group, 'site');
  for (const data of ['{ "csv": "data.csv", "target": "y" }', '{ "csv": "data.csv", "target": "y", "group": null }']) {
    const spec = checkConfig(config(data), host).experiments[0].data;
    assert.equal(spec.kind === 'csv' && spec.group, null, data);
  }
});

test('a group column that is not in the header, or is the target, is an error at the group', () => {
  const missing = config('{ "csv": "data.csv", "target": "y", "group": "patient" }');
  const [problem] = checkConfig(missing, host).problems;
  assert.equal(problem.code, 'csv-group-missing');
  assert.equal(problem.severity, 'error');
  assert.match(problem.message, /Column "patient" is not in the header of data\.csv\. Columns: x1, x2, site, y/);
  assertCovers(problem, missing, '"patient"');
  const target = config('{ "csv": "data.csv", "target": "y", "group": "y" }');
  const [same] = checkConfig(target, host).problems;
  assert.equal(same.code, 'csv-group-is-target');
  assertCovers(same, target, '"y"', 1);
});

test('a group column belongs to CSV data only, and is a non-empty name', () => {
  for (const data of ['{ "dataset": "iris", "group": "site" }', '{ "csv": "data.csv", "target": "y", "group": "" }']) {
    const { problems, experiments } = checkConfig(config(data), host);
    assert.ok(problems.some((p) => p.severity === 'error'), data);
    assert.deepEqual(experiments, []);
  }
});

test('stratify: true beside a group column is a warning at stratify: grouped folds do not balance classes', () => {
  const text = config('{ "csv": "data.csv", "target": "y", "group": "site" }', '{ "stratify": true }');
  const [problem] = checkConfig(text, host).problems;
  assert.equal(problem.code, 'stratify-with-groups');
  assert.equal(problem.severity, 'warning');
  assertCovers(problem, text, 'true');
  assert.deepEqual(checkConfig(config('{ "csv": "data.csv", "target": "y", "group": "site" }', '{ "stratify": false }'), host).problems, []);
});
