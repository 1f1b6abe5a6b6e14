import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateConfig } from '../../../src/config/validate';
import { find } from './textPosition';

function problemsOf(text: string) {
  return validateConfig(text, null);
}

test('a wrong type is reported on the value, naming the key and both types', () => {
  const text = '{ "experiments": [ { "name": "a", "data": { "dataset": "iris" }, "training": { "epochs": "40" } } ] }';
  const [problem, ...rest] = problemsOf(text);
  assert.deepEqual(rest, []);
  assert.equal(problem.code, 'schema.type');
  assert.equal(problem.severity, 'error');
  assert.match(problem.message, /"epochs" must be a whole number, not a string/);
  const at = find(text, '"40"');
  assert.deepEqual(problem.range.start, { line: 0, character: at.character });
  assert.equal(problem.range.length, 4);
});

test('integers must be whole; null only where the schema allows it', () => {
  const text = '{ "experiments": [ { "name": "a", "data": { "dataset": "iris" }, "training": { "epochs": 2.5, "seed": null, "earlyStopping": null } } ] }';
  const problems = problemsOf(text);
  assert.deepEqual(problems.map((p) => [p.code, p.range.offset]), [
    ['schema.type', find(text, '2.5').offset],
    ['schema.type', find(text, 'null').offset],
  ]);
});

test('an enum typo lists the choices and suggests the closest one', () => {
  const text = '{\n  "experiments": [{\n    "name": "a", "data": { "dataset": "iris" },\n    "training": { "optimizer": "Adamw" }\n  }]\n}';
  const [problem] = problemsOf(text);
  assert.equal(problem.code, 'schema.enum');
  assert.match(problem.message, /"sgd", "momentum", "adam", "adamw", "fista"/);
  assert.match(problem.message, /Did you mean "adamw"\?/);
  const at = find(text, '"Adamw"');
  assert.deepEqual([problem.range.start, problem.range.end], [
    { line: 3, character: at.character },
    { line: 3, character: at.character + 7 },
  ]);
});

test('an unknown key is reported on the key, with a suggestion or the allowed keys', () => {
  const text = '{\n  "experiments": [{\n    "name": "a", "data": { "dataset": "iris" },\n    "training": { "learningrate": 0.1, "zzz": 1 }\n  }]\n}';
  const problems = problemsOf(text);
  assert.equal(problems.length, 2);
  assert.ok(problems.every((p) => p.code === 'schema.unknownProperty'));
  assert.match(problems[0].message, /Unknown property "learningrate" in "training". Did you mean "learningRate"\?/);
  assert.deepEqual(problems[0].range.start, { line: 3, character: find(text, '"learningrate"').character });
  assert.equal(problems[0].range.length, '"learningrate"'.length);
  assert.match(problems[1].message, /Allowed: epochs, batchSize/);
  const swapped = problemsOf('{ "experiments": [ { "name": "a", "data": { "dataset": "iris" }, "modle": {} } ] }');
  assert.match(swapped[0].message, /Did you mean "model"\?/);
});

test('bounds: minimum, exclusive minimum, maximum, exclusive maximum', () => {
  const text = '{ "experiments": [ { "name": "a", "data": { "dataset": "iris", "validation": 1 }, "model": { "leakySlope": -1 }, "training": { "learningRate": 0 }, "diagnostics": { "histogramBins": 5000 } } ] }';
  const messages = problemsOf(text).map((p) => [p.code, p.message]);
  assert.deepEqual(messages, [
    ['schema.maximum', '"validation" must be < 1, not 1'],
    ['schema.minimum', '"leakySlope" must be ≥ 0, not -1'],
    ['schema.minimum', '"learningRate" must be > 0, not 0'],
    ['schema.maximum', '"histogramBins" must be ≤ 1000, not 5000'],
  ]);
});

test('a missing required key is reported on the owning key, or on the brace of an array item', () => {
  const text = '{\n  "experiments": [\n    { "data": { } }\n  ]\n}';
  const problems = problemsOf(text);
  const missingName = problems.find((p) => p.message.includes('"name"'));
  assert.ok(missingName, JSON.stringify(problems));
  assert.equal(missingName.code, 'schema.required');
  assert.match(missingName.message, /"experiments\[0\]"/);
  assert.deepEqual(missingName.range.start, { line: 2, character: 4 });
  assert.equal(missingName.range.length, 1);
  const missingDataset = problems.find((p) => p.message.includes('"dataset"'));
  assert.ok(missingDataset, JSON.stringify(problems));
  assert.deepEqual(missingDataset.range.start, { line: 2, character: 6 });
  assert.equal(missingDataset.range.length, '"data"'.length);
});

test('no experiments: the top level needs the key, and the list needs an entry', () => {
  assert.match(problemsOf('{}')[0].message, /Missing "experiments" in the file/);
  const [empty] = problemsOf('{ "experiments": [] }');
  assert.equal(empty.code, 'schema.minItems');
  assert.deepEqual(empty.range.start, { line: 0, character: 17 });
});

test('data forms: the closest form explains the problem', () => {
  const synthetic = '{ "experiments": [ { "name": "a", "data": { "dataset": "digits", "samples": 100, "noise": 0.1 } } ] }';
  const inBundled = problemsOf(synthetic);
  assert.deepEqual(inBundled.map((p) => p.code), ['schema.unknownProperty', 'schema.unknownProperty'], 'a bundled dataset with generator settings');
  assert.match(inBundled[0].message, /"samples" in "data"/);
  assert.equal(inBundled[0].range.offset, find(synthetic, '"samples"').offset);

  const typo = '{ "experiments": [ { "name": "a", "data": { "dataset": "moon" } } ] }';
  const [badName] = problemsOf(typo);
  assert.equal(badName.code, 'schema.enum');
  assert.match(badName.message, /"digits".*"wine".*"moons".*"polynomial"/, 'bundled and synthetic names together');
  assert.match(badName.message, /Did you mean "moons"\?/);

  const csvWithoutTarget = '{ "experiments": [ { "name": "a", "data": { "csv": "a.csv" } } ] }';
  const [noTarget] = problemsOf(csvWithoutTarget);
  assert.equal(noTarget.code, 'schema.required');
  assert.match(noTarget.message, /Missing "target" in "data"/);
});

test('λ list, grid or "auto": a number is none of them, and the message says so', () => {
  const text = '{ "experiments": [ { "name": "a", "data": { "dataset": "iris" }, "tuning": { "lambdas": 0.1 } } ] }';
  const [problem] = problemsOf(text);
  assert.equal(problem.code, 'schema.type');
  assert.match(problem.message, /"lambdas" must be an object or an array or a string, not 0.1/);
});
