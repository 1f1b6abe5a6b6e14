import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeSpec, generateSynthetic, type TuningRecord } from '../../../src/core';
import { tuneHere } from '../tuning/tuneHere';
import { tuningLines } from '../../../src/extension/format';
import { formatNumber } from '../../../src/protocol/labels';

test('the output channel shows every λ of the curve with its score, and marks λ_min and λ_1se', async () => {
  const rows = generateSynthetic({ dataset: 'moons', samples: 90, noise: 0.25, features: 2, classes: 2, seed: 4 });
  const spec = completeSpec({ model: { hidden: [4] }, training: { epochs: 6, optimizer: 'adam', learningRate: 0.02 }, regularization: { penalty: 'l2' } });
  const settings = { lambdas: [30, 1, 0.01], includeZero: false, folds: 3, metric: 'valLoss', rule: '1se', strategy: 'grid', warmStart: false, seed: 1, standardize: true } as const;
  const result = await tuneHere(spec, { ...settings, lambdas: [...settings.lambdas] }, rows);
  const record = { experiment: 'moons-l2', spec, rows: rows.rows, result } as unknown as TuningRecord;
  const lines = tuningLines(record);
  assert.match(lines[0]!, /^moons-l2: l2 λ by 3-fold CV on 90 rows \(grid\), scored by val loss$/);
  const points = lines.filter((line) => line.startsWith('  λ = '));
  assert.equal(points.length, 3);
  const marked = (name: string) => points.filter((line) => line.includes(name));
  assert.equal(marked('λ_min').length, 1);
  assert.equal(marked('λ_1se').length, 1);
  const shown = new Map([[30, '30'], [1, '1'], [0.01, '0.01']]);
  assert.ok(marked('λ_min')[0]!.startsWith(`  λ = ${shown.get(result.lambdaMin!.lambda)}:`));
  assert.ok(marked('λ_1se')[0]!.startsWith(`  λ = ${shown.get(result.lambda1se!.lambda)}:`));
  assert.ok(points[0]!.includes(`val loss ${formatNumber(result.curve[0]!.valLoss.mean, 3)} ± `));
  assert.match(lines.at(-1)!, /cost: \d+ epochs \(the plain grid's: 72\)/, '3 λ × (3 folds + the input path on all rows) × 6 epochs');
});
