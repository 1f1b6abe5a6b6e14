import assert from 'node:assert/strict';
import { test } from 'node:test';
import { curveCsv, pathCsv, tuningBaseName } from '../../../src/webview/tuningExports';
import { fixtureTunings } from './fixture';

const parse = (csv: string) => csv.trim().split('\n').map((line) => line.split(','));

test('the curve CSV has a row per λ with means and standard errors, marks, then the dropped λ', () => {
  const [lasso, halving] = fixtureTunings();
  const [header, ...rows] = parse(curveCsv(lasso));
  assert.equal(rows.length, lasso.result.curve.length);
  const at = (name: string) => header.indexOf(name);
  lasso.result.curve.forEach((p, k) => {
    assert.equal(Number(rows[k][at('lambda')]), p.lambda);
    assert.equal(Number(rows[k][at('valLoss')]), p.valLoss.mean);
    assert.equal(Number(rows[k][at('valLossSE')]), p.valLoss.se);
    assert.equal(Number(rows[k][at('sparsity')]), p.sparsity);
  });
  const marked = (mark: string) => rows.filter((r) => r[at('mark')].includes(mark)).map((r) => Number(r[at('lambda')]));
  assert.deepEqual(marked('λ_min'), [lasso.result.lambdaMin?.lambda]);
  assert.deepEqual(marked('λ_1se'), [lasso.result.lambda1se?.lambda]);

  const [h2, ...rows2] = parse(curveCsv(halving));
  assert.equal(rows2.length, halving.result.curve.length + halving.result.dropped.length);
  const dropped = rows2.filter((r) => r[h2.indexOf('mark')] === 'dropped by halving');
  assert.deepEqual(dropped.map((r) => Number(r[0])), halving.result.dropped.map((d) => d.lambda));
  assert.ok(dropped.every((r) => r.length === h2.length), 'every row has every column');
});

test('a diverged λ (NaN) leaves empty cells, not "NaN"', () => {
  const [lasso] = fixtureTunings();
  lasso.result.curve[0].valLoss = { mean: NaN, se: NaN };
  const [header, first] = parse(curveCsv(lasso));
  assert.equal(first[header.indexOf('valLoss')], '');
});

test('the path CSV: a column per weight and bias, a row per λ; a network’s input path; none without either', () => {
  const [lasso, halving] = fixtureTunings();
  const path = lasso.result.path;
  assert.ok(path);
  const [header, ...rows] = parse(pathCsv(lasso) ?? '');
  assert.equal(header.length, 1 + path.outputs * path.featureNames.length + path.outputs + 1);
  assert.equal(header[1 + path.featureNames.length], `${path.featureNames[0]}->output2`);
  assert.equal(rows.length, path.points.length);
  const weights = path.outputs * path.featureNames.length;
  path.points.forEach((point, k) => assert.deepEqual(rows[k].slice(1, 1 + weights).map(Number), point.weight, `λ = ${point.lambda}`));
  // The MLP has no coefficient path: its path CSV is the input path, a norm per feature and a row per λ.
  const inputs = halving.result.inputPath!;
  const [inputHeader, ...inputRows] = parse(pathCsv(halving) ?? '');
  assert.deepEqual(inputHeader, ['lambda', ...inputs.featureNames.map((f) => `norm(${f})`)]);
  inputs.points.forEach((point, k) => assert.deepEqual(inputRows[k].map(Number), [point.lambda, ...point.norms]));
  assert.equal(pathCsv({ ...halving, result: { ...halving.result, inputPath: null } }), null);
  assert.match(tuningBaseName(lasso), /^iris-lasso-tuning-[\w-]+$/);
});
