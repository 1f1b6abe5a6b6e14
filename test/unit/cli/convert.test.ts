// `reglens convert`: parsing, and both directions agreeing with the conventions table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../../src/cli/args';
import { commandPenalty, conversions, parseConvert } from '../../../src/cli/convert';

const says = (args: string[]) => {
  const command = parseConvert(args);
  return conversions(commandPenalty(command), command.rows);
};
const library = (result: ReturnType<typeof says>, id: string) => result.libraries.find((l) => l.convention === id)!;

test('sklearn ElasticNet alpha 1, l1_ratio 0.5 is RegLens l1Ratio 2/3, λ 1.5 under sum, and glmnet gaussian lambda 1', () => {
  const result = says(['sklearn.ElasticNet', '1', '0.5']);
  assert.ok(Math.abs(result.reglens.lambda.sum! - 1.5) < 1e-15 && Math.abs(result.reglens.l1Ratio! - 2 / 3) < 1e-15);
  assert.equal(result.reglens.lambda['2m'], null, 'scale 2m needs --rows');
  assert.match(library(result, 'glmnet.gaussian').says!, /lambda=1, alpha=0\.5$/);
  assert.equal(library(result, 'sklearn.Lasso').why, 'cannot express elasticNet');
  assert.equal(library(result, 'sklearn.Ridge').why, 'give --rows M');
});

test('RegLens L2 λ = 0.01 under 2m on 1437 rows, back into the libraries', () => {
  const result = says(['reglens', '0.01', '--penalty', 'l2', '--rows', '1437']);
  assert.match(library(result, 'sklearn.Ridge').says!, /alpha=0\.005$/);
  assert.match(library(result, 'sklearn.LogisticRegression').says!, /C=100$/);
  assert.match(library(result, 'sklearn.MLPClassifier').says!, /alpha=0\.01$/);
  assert.ok(Math.abs(result.reglens.lambda.half! - 0.01 / 1437) < 1e-18);
});

test('bad input is a usage error with the reason', () => {
  assert.throws(() => parseConvert(['sklearn.Foo', '1']), (e: Error) => e instanceof UsageError && /unknown convention 'sklearn\.Foo'/.test(e.message));
  assert.throws(() => parseConvert(['reglens', '-1']), UsageError);
  assert.throws(() => parseConvert(['reglens', '1', '--scale', 'mean']), /--scale must be 2m, half or sum/);
  assert.throws(() => parseConvert(['reglens']), /convert takes FROM VALUE/);
});
