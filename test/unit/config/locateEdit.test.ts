import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { setLambda, setValue } from '../../../src/config/edit';
import { locateExperiments } from '../../../src/config/locate';
import { find } from './textPosition';

const text = `// Two experiments
{
  "experiments": [
    {
      "name": "plain", // no penalty
      "data": { "dataset": "iris" }
    },
    { "model": {} },
    {
      "name": "ridge",
      "data": { "dataset": "iris" },
      /* the strength */
      "regularization": { "penalty": "l2", "lambda": 0.25 }
    }
  ]
}
`;

test('locate finds each named experiment, its name and its own λ value', () => {
  const [plain, ridge, ...rest] = locateExperiments(text);
  assert.deepEqual(rest, []);
  assert.equal(plain.name, 'plain');
  assert.equal(plain.index, 0);
  assert.equal(plain.lambdaRange, null);
  assert.deepEqual(plain.range.start, { line: 3, character: 4 });
  assert.deepEqual(plain.range.end, { line: 6, character: 5 });
  assert.deepEqual(plain.nameRange.start, { line: 4, character: find(text, '"plain"').character });
  assert.equal(ridge.name, 'ridge');
  assert.equal(ridge.index, 2);
  const lambda = find(text, '0.25');
  assert.deepEqual(ridge.lambdaRange, {
    offset: lambda.offset,
    length: 4,
    start: { line: 12, character: lambda.character },
    end: { line: 12, character: lambda.character + 4 },
  });
});

test('locate works as far as a broken text parses', () => {
  const broken = '{ "experiments": [ { "name": "a", "regularization": { "lambda": 1 } }, { "name": ';
  const [a] = locateExperiments(broken);
  assert.equal(a.name, 'a');
  assert.equal(a.lambdaRange?.offset, find(broken, '1 }').offset);
  assert.deepEqual(locateExperiments(''), []);
});

test('setLambda changes only the value: comments and layout survive', () => {
  const edited = setLambda(text, 'ridge', 0.5);
  assert.equal(edited, text.replace('"lambda": 0.25', '"lambda": 0.5'));
});

test('setLambda adds regularization where the experiment had none, and keeps the comments', () => {
  const edited = setLambda(text, 'plain', 0.01);
  assert.ok(edited.includes('// no penalty') && edited.includes('/* the strength */') && edited.startsWith('// Two experiments'));
  const value = parse(edited) as { experiments: { regularization?: { lambda: number } }[] };
  assert.equal(value.experiments[0].regularization?.lambda, 0.01);
  assert.equal(value.experiments[2].regularization?.lambda, 0.25);
  assert.match(edited, /\n {6}"regularization": \{\n {8}"lambda": 0.01\n {6}\}/, 'indented like the file');
});

test('setLambda on an unknown experiment says so', () => {
  assert.throws(() => setLambda(text, 'nope', 1), /No experiment named "nope"/);
});

test('setValue keeps CRLF line ends and tab indentation', () => {
  const crlf = '{\r\n\t"experiments": []\r\n}\r\n';
  const edited = setValue(crlf, ['defaults', 'training', 'epochs'], 10);
  assert.equal(parse(edited).defaults.training.epochs, 10);
  assert.ok(!/[^\r]\n/.test(edited), 'no bare LF');
  assert.match(edited, /\r\n\t"defaults": \{\r\n\t\t"training"/);
});
