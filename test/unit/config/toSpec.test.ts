import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultModel, defaultTraining } from '../../../src/core';
import { experimentSpecs } from '../../../src/config/toSpec';
import type { ReglensConfig } from '../../../src/config/types';

const config: ReglensConfig = {
  defaults: {
    model: { hidden: [16], activation: 'tanh' },
    training: { epochs: 7, earlyStopping: { patience: 4 } },
    regularization: { penalty: 'l2', lambda: 0.1 },
    tuning: { folds: 3 },
  },
  experiments: [
    { name: 'bundled', data: { dataset: 'wine' } },
    {
      name: 'synthetic',
      data: { dataset: 'spiral', classes: 4, validation: 0 },
      model: { hidden: [] },
      training: { earlyStopping: null, optimizer: 'adam' },
      regularization: { penalty: 'l1' },
      tuning: { lambdas: [0, 1] },
    },
    { name: 'csv', data: { csv: 'd/x.csv', target: 'y', standardize: false } },
  ],
};

test('data: the kind follows from the keys and the dataset name; split defaults are filled in', () => {
  const [bundled, synthetic, csv] = experimentSpecs(config).map((e) => e.data);
  assert.deepEqual(bundled, { kind: 'bundled', dataset: 'wine', validation: 0.2, standardize: true, seed: 1 });
  assert.equal(synthetic.kind, 'synthetic');
  assert.equal(synthetic.kind === 'synthetic' && synthetic.classes, 4);
  assert.equal(synthetic.validation, 0);
  assert.deepEqual(csv, { kind: 'csv', csv: 'd/x.csv', target: 'y', task: 'auto', group: null, validation: 0.2, standardize: false, seed: 1 });
});

test('defaults merge under each experiment, section by section, and the experiment wins', () => {
  const [bundled, synthetic] = experimentSpecs(config);
  assert.deepEqual(bundled.spec.model, { ...defaultModel, hidden: [16], activation: 'tanh' });
  assert.equal(bundled.spec.training.epochs, 7);
  assert.equal(bundled.spec.training.learningRate, defaultTraining.learningRate);
  assert.equal(bundled.spec.training.earlyStopping?.patience, 4);
  assert.equal(bundled.spec.training.earlyStopping?.restoreBest, true);
  assert.deepEqual(synthetic.spec.model.hidden, []);
  assert.equal(synthetic.spec.model.activation, 'tanh');
  assert.equal(synthetic.spec.training.earlyStopping, null, 'an explicit null turns off the default early stopping');
  assert.equal(synthetic.spec.training.optimizer, 'adam');
  assert.equal(synthetic.spec.regularization.penalty, 'l1');
  assert.equal(synthetic.spec.regularization.lambda, 0.1);
  assert.equal(bundled.tuning.folds, 3);
  assert.deepEqual(synthetic.tuning.lambdas, [0, 1]);
  assert.equal(synthetic.tuning.folds, 3);
});

test('each spec keeps the experiment object as written, for the run record', () => {
  const specs = experimentSpecs(config);
  assert.deepEqual(specs.map((s) => s.name), ['bundled', 'synthetic', 'csv']);
  assert.equal(specs[1].config, config.experiments[1]);
});
