// The plan of a regularizer comparison: one base with every regularizer off, each regularizer alone,
// tuned strengths set as the strength table says, early stopping as the unregularized run stopped by
// its validation loss (checked against a plain run of the same seed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { atStrength, completeSpec, lambda1se, metricDirection, planComparison, strengthChoice, train, type TuningSpec } from '../../../src/core';
import { splitAt, syntheticDataset } from '../core/fixtures';
import { tuneHere } from '../tuning/tuneHere';

const tuning: TuningSpec = { lambdas: { min: 1e-3, max: 1, count: 4 }, includeZero: false, folds: 3, metric: 'valLoss', rule: '1se', strategy: 'grid', warmStart: true };

const regularized = completeSpec({
  model: { hidden: [8] },
  training: { epochs: 12, earlyStopping: { patience: 3 } },
  regularization: { penalty: 'l2', lambda: 0.5, weightDecay: 0.1, dropout: 0.2, maxNorm: 3, inputNoise: 0.1, labelSmoothing: 0.1, l1Ratio: 0.3, scale: 'sum' },
});

test('the base turns every regularizer off and keeps the network, the training and the penalty form', () => {
  const { base } = planComparison(regularized, tuning, true);
  assert.deepEqual(base.model, regularized.model);
  assert.equal(base.training.earlyStopping, null);
  assert.equal(base.training.learningRate, regularized.training.learningRate);
  const { penalty, lambda, weightDecay, dropout, maxNorm, inputNoise, labelSmoothing, l1Ratio, scale } = base.regularization;
  assert.deepEqual({ penalty, lambda, weightDecay, dropout, maxNorm, inputNoise, labelSmoothing }, { penalty: 'none', lambda: 0, weightDecay: 0, dropout: 0, maxNorm: 0, inputNoise: 0, labelSmoothing: 0 });
  assert.deepEqual({ l1Ratio, scale }, { l1Ratio: 0.3, scale: 'sum' });
});

test('each entry is one regularizer alone, in the order shown, each tuned on its own strength', () => {
  const { entries, skipped } = planComparison(regularized, tuning, true);
  assert.deepEqual(entries.map((e) => e.name), ['none', 'l2', 'l1', 'elasticNet', 'dropout', 'maxNorm', 'inputNoise', 'earlyStopping']);
  assert.deepEqual(skipped, []);
  assert.deepEqual(entries.map((e) => e.tuning?.strength ?? null), [null, 'lambda', 'lambda', 'lambda', 'dropout', 'maxNorm', 'inputNoise', null]);
  const l2 = entries.find((e) => e.name === 'l2')!;
  assert.deepEqual(l2.tuning, { ...tuning, strength: 'lambda' }, 'λ keeps the experiment’s own grid and rule');
  const dropout = entries.find((e) => e.name === 'dropout')!;
  assert.equal(dropout.tuning!.warmStart, false);
  assert.equal(dropout.tuning!.folds, 3);
  assert.equal(atStrength(dropout, 0.4).regularization.dropout, 0.4);
  assert.equal(atStrength(dropout, 0.4).regularization.penalty, 'none');
  const maxNorm = entries.find((e) => e.name === 'maxNorm')!;
  assert.equal(atStrength(maxNorm, 0.25).regularization.maxNorm, 4, 'c = 1/s');
  const elastic = entries.find((e) => e.name === 'elasticNet')!;
  assert.deepEqual([atStrength(elastic, 0.01).regularization.penalty, atStrength(elastic, 0.01).regularization.lambda], ['elasticNet', 0.01]);
  assert.throws(() => atStrength(entries[0], 1), /no strength/);
});

test('an experiment tuning another strength keeps its grid for that one; λ then gets "auto"', () => {
  const { entries } = planComparison(regularized, { ...tuning, strength: 'dropout', lambdas: [0.5, 0.25] }, true);
  const grids = Object.fromEntries(entries.filter((e) => e.tuning).map((e) => [e.name, e.tuning!.lambdas]));
  assert.deepEqual(grids, { l2: 'auto', l1: 'auto', elasticNet: 'auto', dropout: [0.5, 0.25], maxNorm: { min: 0.125, max: 2, count: 5 }, inputNoise: { min: 0.05, max: 0.8, count: 5 } });
});

test('early stopping keeps the experiment’s patience and restores the best epoch; 10 and 0 when it has none', () => {
  const own = planComparison(regularized, tuning, true).entries.at(-1)!;
  assert.deepEqual(own.spec.training.earlyStopping, { patience: 3, minDelta: 0, restoreBest: true });
  assert.equal(own.spec.regularization.dropout, 0);
  const plain = planComparison(completeSpec(), tuning, true).entries.at(-1)!;
  assert.deepEqual(plain.spec.training.earlyStopping, { patience: 10, minDelta: 0, restoreBest: true });
});

test('what an experiment cannot take is skipped with the reason', () => {
  const linear = planComparison(completeSpec({ model: { hidden: [] } }), tuning, false);
  assert.deepEqual(linear.skipped.map((s) => s.name), ['dropout', 'earlyStopping']);
  assert.match(linear.skipped[0].reason, /model.hidden is \[\]/);
  assert.match(linear.skipped[1].reason, /validation/);
  const fista = planComparison(completeSpec({ model: { hidden: [] }, training: { optimizer: 'fista' } }), tuning, true);
  assert.deepEqual(fista.entries.map((e) => e.name), ['none', 'l2', 'l1', 'elasticNet', 'earlyStopping']);
});

test('the choice of a tuned dropout rate is the 1-SE rule’s pick on its curve, with its setting', async () => {
  const rows = syntheticDataset(90, 2, 'binary');
  const entry = planComparison(completeSpec({ model: { hidden: [16] }, training: { epochs: 8, batchSize: 16 } }), tuning, true).entries.find((e) => e.name === 'dropout')!;
  const result = await tuneHere(entry.spec, { ...entry.tuning!, lambdas: [0.6, 0.3, 0.1], seed: 1, standardize: true }, rows);
  const choice = strengthChoice(result)!;
  const independent = lambda1se(result.curve.map((p) => ({ lambda: p.lambda, ...p.score })), metricDirection(result.metric));
  assert.equal(choice.value, independent.lambda);
  assert.equal(choice.setting, independent.lambda);
  assert.deepEqual(choice.score, result.curve.find((p) => p.lambda === choice.value)!.score);
  assert.deepEqual([choice.strength, choice.rule, choice.folds, choice.candidates], ['dropout', '1se', 3, 3]);
  assert.equal(choice.bestValue, result.lambdaMin!.lambda);
});

test('early stopping is the plain run, stopped `patience` epochs after its best validation epoch, with that epoch’s weights', () => {
  const data = syntheticDataset(120, 2, 'binary', 2, 3);
  const { train: rows, validation } = splitAt(data, 60);
  const plan = planComparison(completeSpec({ model: { hidden: [64, 64] }, training: { epochs: 150, batchSize: 8, learningRate: 0.2, earlyStopping: { patience: 5 } } }), tuning, true);
  const plain = train(plan.entries[0].spec, { train: rows, validation });
  const stopped = train(plan.entries.at(-1)!.spec, { train: rows, validation });
  assert.equal(stopped.stopReason, 'earlyStopped', 'this overfitting set stops before its budget');
  const stopEpoch = stopped.epochs.length;
  assert.equal(stopEpoch, stopped.bestEpoch + 5);
  assert.deepEqual(stopped.epochs.map((r) => r.valLoss), plain.epochs.slice(0, stopEpoch).map((r) => r.valLoss), 'the same trajectory as the plain run');
  const best = Math.min(...plain.epochs.slice(0, stopEpoch).map((r) => r.valLoss!));
  assert.equal(stopped.final!.valLoss, best);
  assert.equal(stopped.final!.epoch, stopped.bestEpoch);
});
