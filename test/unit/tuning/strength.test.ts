// Tuning a regularizer's strength beyond λ: the mapping from strength to setting, and the plan and
// jobs carrying it through to the trained runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeSpec } from '../../../src/core/spec';
import { planTuning, type TuningSettings } from '../../../src/core/tuning';
import { tuneHere } from './tuneHere';
import { strengths } from '../../../src/core/tuning/strength';
import { syntheticDataset } from '../core/fixtures';

const settings = (partial: Partial<TuningSettings>): TuningSettings => ({
  lambdas: [0, 1],
  includeZero: false,
  folds: 3,
  metric: 'valLoss',
  rule: '1se',
  strategy: 'grid',
  warmStart: true,
  seed: 2,
  standardize: true,
  ...partial,
});

test('each strength sets its setting: larger is stronger, 0 is off', () => {
  const reg = completeSpec({ regularization: { penalty: 'l2', scale: '2m' } }).regularization;
  assert.equal(strengths.lambda.apply(reg, 2, 0.8).lambda, 1.6, "λ under '2m' follows the fold's row share");
  assert.equal(strengths.lambda.apply({ ...reg, scale: 'sum' }, 2, 0.8).lambda, 2);
  assert.equal(strengths.dropout.apply(reg, 0.3, 0.8).dropout, 0.3);
  assert.equal(strengths.inputNoise.apply(reg, 0.2, 0.8).inputNoise, 0.2);
  assert.equal(strengths.maxNorm.apply(reg, 0.5, 0.8).maxNorm, 2);
  assert.equal(strengths.maxNorm.apply(reg, 0, 0.8).maxNorm, 0, 's = 0: no constraint');
  assert.equal(strengths.maxNorm.setting(4), 0.25);
  assert.equal(strengths.dropout.checkValue(1), 'a dropout rate must be in [0, 1), got 1');
  assert.equal(strengths.maxNorm.checkValue(-1), 'must be a finite number ≥ 0, got -1');
});

test('a max-norm tuning trains each strength with its ball: the path on all rows keeps ‖w‖ ≤ 1/s', async () => {
  const data = syntheticDataset(90, 4, 'regression');
  const spec = completeSpec({ model: { hidden: [] }, training: { epochs: 60, batchSize: 0, learningRate: 0.1 } });
  const result = await tuneHere(spec, settings({ strength: 'maxNorm', lambdas: [0, 1, 2] }), data);
  assert.equal(result.strength, 'maxNorm');
  assert.deepEqual(result.lambdas, [2, 1, 0]);
  assert.equal(result.curve.length, 3);
  const norm = (s: number) => Math.hypot(...result.path!.points.find((p) => p.lambda === s)!.weight);
  assert.ok(norm(2) <= 0.5 * (1 + 2 ** -23), `c = 0.5: ‖w‖ = ${norm(2)}`);
  assert.ok(norm(1) <= 1 * (1 + 2 ** -23), `c = 1: ‖w‖ = ${norm(1)}`);
  assert.ok(norm(0) > 1, `no constraint: ‖w‖ = ${norm(0)} (the fixture's weights are larger than the balls)`);
  // The strongest ball underfits: its cross-validated loss is worse than no constraint's.
  const loss = (s: number) => result.curve.find((p) => p.lambda === s)!.valLoss.mean;
  assert.ok(loss(2) > loss(0));
});

test('a dropout tuning: every rate is trained, no warm starts, and the rule picks one of them', async () => {
  const data = syntheticDataset(120, 5, 'multiclass');
  const spec = completeSpec({ model: { hidden: [16] }, training: { epochs: 8, batchSize: 16, learningRate: 0.1 } });
  const result = await tuneHere(spec, settings({ strength: 'dropout', lambdas: [0, 0.3, 0.6] }), data);
  assert.equal(result.strength, 'dropout');
  assert.equal(result.warmStart, false);
  assert.equal(result.curve.length, 3);
  assert.ok([0, 0.3, 0.6].includes(result.chosen!));
  const plain = (await tuneHere(spec, settings({ strength: 'dropout', lambdas: [0] }), data)).curve[0];
  assert.deepEqual(result.curve.find((p) => p.lambda === 0)!.valLoss, plain.valLoss, 'rate 0 is the plain network');
  assert.notDeepEqual(result.curve.find((p) => p.lambda === 0.6)!.valLoss, plain.valLoss, 'a rate of 0.6 changes the runs');
});

test('a strength the experiment cannot take is refused before any job runs', () => {
  const data = syntheticDataset(60, 3, 'binary');
  const linear = completeSpec({ model: { hidden: [] } });
  assert.throws(() => planTuning(linear, settings({ strength: 'dropout', lambdas: [0.5] }), data), /dropout acts on hidden layers/);
  assert.throws(() => planTuning(completeSpec(), settings({ strength: 'dropout', lambdas: [0.5, 1] }), data), /as a dropout rate p, a dropout rate must be in \[0, 1\)/);
  assert.throws(() => planTuning(completeSpec(), settings({ lambdas: [1] }), data), /penalty is "none"/);
});
