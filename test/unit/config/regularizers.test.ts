// The config side of dropout, max-norm, input noise and label smoothing: schema ranges, the checks
// the schema cannot express (with their locations), and the spec they become.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { experimentSpecs } from '../../../src/config/toSpec';
import { validateConfig } from '../../../src/config/validate';
import type { ConfigHost } from '../../../src/config/host';
import { find } from './textPosition';

const host: ConfigHost = { workspaceFolder: '/ws', configDir: '/ws', look: () => ({ kind: 'missing' }), readHeader: () => ({ problem: 'no file' }) };

const config = (data: string, model: string, training: string, regularization: string) =>
  `{\n  "experiments": [\n    {\n      "name": "a",\n      "data": ${data},\n      "model": ${model},\n      "training": ${training},\n      "regularization": ${regularization}\n    }\n  ]\n}\n`;

const codes = (text: string) => validateConfig(text, host).map((p) => p.code);

test('the four settings reach the spec; a single dropout rate stays a number', () => {
  const text = config('{ "dataset": "moons" }', '{ "hidden": [8, 8] }', '{}', '{ "dropout": [0.5, 0.2], "maxNorm": 3, "inputNoise": 0.1, "labelSmoothing": 0.1 }');
  assert.deepEqual(codes(text), []);
  const [experiment] = experimentSpecs(parse(text));
  const { dropout, maxNorm, inputNoise, labelSmoothing } = experiment.spec.regularization;
  assert.deepEqual({ dropout, maxNorm, inputNoise, labelSmoothing }, { dropout: [0.5, 0.2], maxNorm: 3, inputNoise: 0.1, labelSmoothing: 0.1 });
  const [plain] = experimentSpecs(parse(config('{ "dataset": "moons" }', '{}', '{}', '{ "dropout": 0.3 }')));
  assert.equal(plain.spec.regularization.dropout, 0.3);
});

test('out-of-range values are schema errors', () => {
  for (const bad of ['{ "dropout": 1 }', '{ "dropout": [0.5, -0.1] }', '{ "maxNorm": -1 }', '{ "inputNoise": -0.5 }', '{ "labelSmoothing": 1 }']) {
    assert.ok(codes(config('{ "dataset": "moons" }', '{ "hidden": [8, 8] }', '{}', bad)).length > 0, bad);
  }
});

test('a dropout list of the wrong length, a step regularizer with fista, smoothing a regression: errors where they are written', () => {
  const wrongLength = config('{ "dataset": "moons" }', '{ "hidden": [8, 8] }', '{}', '{ "dropout": [0.5] }');
  const problem = validateConfig(wrongLength, host).find((p) => p.code === 'dropout-layers')!;
  assert.equal(problem.range.offset, find(wrongLength, '[0.5]').offset);
  assert.match(problem.message, /1 rates but the model has 2 hidden layers/);
  assert.ok(codes(config('{ "dataset": "moons" }', '{ "hidden": [] }', '{ "optimizer": "fista" }', '{ "maxNorm": 2 }')).includes('fista-step-regularizer'));
  assert.ok(!codes(config('{ "dataset": "moons" }', '{ "hidden": [] }', '{ "optimizer": "fista" }', '{ "maxNorm": 0 }')).includes('fista-step-regularizer'));
  assert.ok(codes(config('{ "dataset": "polynomial" }', '{}', '{}', '{ "labelSmoothing": 0.1 }')).includes('labelSmoothing-regression'));
  assert.ok(!codes(config('{ "dataset": "moons" }', '{}', '{}', '{ "labelSmoothing": 0.1 }')).includes('labelSmoothing-regression'));
});
