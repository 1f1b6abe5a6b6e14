// The summary table names the training-step regularizers of each run in an "also" column, shown
// only when some run uses one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summaryTable } from '../../../src/cli/summary';
import { completeSpec, type PartialTrainSpec } from '../../../src/core/spec';
import { train } from '../../../src/core/trainer';
import { runRecord } from '../../../src/io/runExperiment';
import { splitAt, syntheticDataset } from '../core/fixtures';

const data = splitAt(syntheticDataset(60, 3, 'binary'), 40);
const summary = { source: 'test', task: 'binary' as const, features: 3, classes: 2, trainRows: 40, validationRows: 20, featureNames: [], classNames: [] };

function outcome(name: string, partial: PartialTrainSpec) {
  const spec = completeSpec({ ...partial, training: { epochs: 2 } });
  const record = runRecord({ name, data: { kind: 'synthetic', dataset: 'moons', samples: 60, noise: 0.2, features: 2, classes: 2, validation: 0.3, standardize: true, seed: 1 }, spec }, summary, train(spec, data), {
    createdAt: new Date(0),
  });
  return { experiment: name, record, dir: '.' };
}

test('an "also" column lists dropout, max-norm, noise and smoothing, and is left out when no run uses them', () => {
  const plain = outcome('plain', { regularization: { penalty: 'l2', lambda: 1 } });
  const mixed = summaryTable([plain, outcome('mixed', { regularization: { dropout: 0.5, maxNorm: 3, inputNoise: 0.1, labelSmoothing: 0.2 } })]);
  assert.match(mixed, /^experiment\s+penalty\s+λ\s+also\s+train loss/m);
  assert.match(mixed, /^mixed\s+none\s+dropout 0\.5, max-norm 3, noise σ=0\.1, smoothing ε=0\.2\s+\d/m);
  assert.doesNotMatch(summaryTable([plain]), /also/);
});
