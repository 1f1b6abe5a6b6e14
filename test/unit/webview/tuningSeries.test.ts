import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lambdaMarkers, tuningCharts } from '../../../src/webview/tuningSeries';
import { fixtureTunings } from './fixture';

const ascending = (values: number[]) => [...values].sort((a, b) => a - b);

test('the validation curve is the rule’s measure: training and validation means, validation SE, smallest λ first', () => {
  const [lasso] = fixtureTunings();
  const [curve] = tuningCharts(lasso);
  assert.equal(curve.id, 'validationCurve');
  const [train, validation] = curve.lines;
  const lambdas = ascending(lasso.result.curve.map((p) => p.lambda));
  for (const line of [train, validation]) assert.deepEqual(line.points.map((p) => p.lambda), lambdas);
  for (const stats of lasso.result.curve) {
    const v = validation.points.find((p) => p.lambda === stats.lambda);
    assert.equal(v?.y, stats.valLoss.mean);
    assert.equal(v?.se, stats.valLoss.se);
    assert.equal(train.points.find((p) => p.lambda === stats.lambda)?.y, stats.trainLoss.mean);
  }
  assert.equal(train.points[0].se, undefined, 'bars on validation only');
});

test('λ_min and λ_1se are marked on every chart; one marker when they coincide', () => {
  const [lasso, halving] = fixtureTunings();
  for (const chart of tuningCharts(lasso)) {
    assert.deepEqual(chart.markers.map((m) => m.lambda), [lasso.result.lambdaMin?.lambda, lasso.result.lambda1se?.lambda], chart.id);
  }
  assert.equal(lambdaMarkers(halving.result).length, 1);
  assert.match(lambdaMarkers(halving.result)[0].label, /^λ_min = λ_1se = /);
  assert.deepEqual(lambdaMarkers({ ...lasso.result, lambdaMin: null, lambda1se: null }), []);
});

test('halving: dropped λ appear as points (no line) with the score that dropped them; an MLP has the input path, not a coefficient path', () => {
  const [, halving] = fixtureTunings();
  const charts = tuningCharts(halving);
  assert.deepEqual(charts.map((c) => c.id), ['validationCurve', 'lossVsLambda', 'normVsLambda', 'sparsityVsLambda', 'inputPath']);
  const dropped = charts[0].lines.find((l) => l.scatter);
  assert.ok(dropped);
  assert.deepEqual(dropped.points.map((p) => p.lambda), ascending(halving.result.dropped.map((d) => d.lambda)));
  for (const d of halving.result.dropped) assert.equal(dropped.points.find((p) => p.lambda === d.lambda)?.y, d.score.mean);
  assert.equal(charts[1].lines.some((l) => l.scatter), false, 'dropped scores are the rule’s measure only');
});

test('the coefficient path has a line per weight (outputs × features), read row-major', () => {
  const [lasso] = fixtureTunings();
  const path = lasso.result.path;
  assert.ok(path);
  const chart = tuningCharts(lasso).find((c) => c.id === 'coefficientPath');
  assert.ok(chart);
  const features = path.featureNames.length;
  assert.equal(chart.lines.length, path.outputs * features);
  // Output 2, feature 3: weight index features + 2.
  const line = chart.lines[features + 2];
  assert.equal(line.label, `${path.featureNames[2]} → output 2`);
  for (const point of path.points) assert.equal(line.points.find((p) => p.lambda === point.lambda)?.y, point.weight[features + 2]);
});

test('norms and sparsity per λ come from the curve', () => {
  const [lasso] = fixtureTunings();
  const charts = tuningCharts(lasso);
  const norm = charts.find((c) => c.id === 'normVsLambda');
  const sparsity = charts.find((c) => c.id === 'sparsityVsLambda');
  for (const stats of lasso.result.curve) {
    assert.equal(norm?.lines[0].points.find((p) => p.lambda === stats.lambda)?.y, stats.frobenius);
    assert.equal(sparsity?.lines[0].points.find((p) => p.lambda === stats.lambda)?.y, stats.sparsity);
    assert.equal(sparsity?.lines[1].points.find((p) => p.lambda === stats.lambda)?.y, stats.exactZeros);
  }
  assert.equal(sparsity?.lines[0].label, `|w| ≤ ${lasso.spec.diagnostics.sparsityEpsilon}`);
});
