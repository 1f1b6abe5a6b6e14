/**
 * Writes fixtures/runs.json: real runs for the browser test, trained by the core on digits
 * (64 → 32 → 10, 30% of the rows for training so the gap shows): L1, L2 and no penalty for
 * 15 epochs each, the last two for comparison mode.
 * Run from the repository root:
 *   npx esbuild test/webview/makeFixture.ts --bundle --platform=node --outfile=/tmp/f-fixture.js && node /tmp/f-fixture.js
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { completeSpec, train, type DatasetSummary, type PartialTrainSpec, type RunRecord } from '../../src/core';
import { parseCsv, splitTrainValidation, standardize } from '../../src/core';
import { runRecord } from '../../src/io/runExperiment';

const csv = gunzipSync(new Uint8Array(readFileSync(join(process.cwd(), 'media/data/digits.csv.gz')))).toString('utf8');
const split = splitTrainValidation(parseCsv(csv, { target: 'target', task: 'classification' }), 0.7, 1);
const { data } = standardize(split);

const summary: DatasetSummary = {
  source: 'digits',
  task: data.train.task,
  features: data.train.features,
  classes: data.train.classes,
  trainRows: data.train.rows,
  validationRows: data.validation?.rows ?? 0,
  featureNames: data.train.featureNames,
  classNames: data.train.classNames,
};

function run(id: string, partial: PartialTrainSpec): RunRecord {
  const spec = completeSpec({ ...partial, model: { hidden: [32], activation: 'tanh' }, diagnostics: { histogramEpochs: [1, 8] } });
  const createdAt = new Date('2026-01-01T00:00:00.000Z');
  const record = runRecord({ name: 'digits', data: { kind: 'bundled', dataset: 'digits', validation: 0.7, standardize: true, seed: 1 }, spec }, summary, train(spec, data), { config: partial, createdAt });
  return { ...record, id, reglensVersion: 'fixture' };
}

const runs = [
  run('digits-l1', { training: { epochs: 15, learningRate: 0.05, seed: 3 }, regularization: { penalty: 'l1', lambda: 40 } }),
  run('digits-l2', { training: { epochs: 15, learningRate: 0.05, seed: 3 }, regularization: { penalty: 'l2', lambda: 40 } }),
  run('digits-none', { training: { epochs: 15, learningRate: 0.05, seed: 3 } }),
];
writeFileSync(join(process.cwd(), 'test/webview/fixtures/runs.json'), JSON.stringify(runs) + '\n');
for (const r of runs) {
  console.log(r.id, r.summary.stopReason, r.epochs.length, 'epochs, best', r.summary.bestEpoch, 'onset', r.summary.overfittingOnset, r.objective);
  console.log('  gap', r.epochs.map((e) => e.gap?.toFixed(3)).join(' '));
  console.log('  sparsity', r.epochs.map((e) => e.layers.map((l) => l.exactZeros.toFixed(2)).join('/')).join(' '));
}
