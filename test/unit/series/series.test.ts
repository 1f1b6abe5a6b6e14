/** Checkpoint folders as series over steps, against numpy (test/fixtures/series/make_series.py). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, copyFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lossesAtSteps, type SeriesPoint } from '../../../src/core';
import { findCheckpointSeries, inspectSeries, openCheckpoint, stepOf, type FoundSeries } from '../../../src/io/checkpoints';
import { inspectTensor } from '../../../src/io/checkpoints/inspectTensors';
import { compareWith } from '../../../src/worker/compare';
import { repoRoot } from '../paths';

const seriesDir = join(repoRoot, 'test', 'fixtures', 'series');
const hfOutput = join(repoRoot, 'test', 'fixtures', 'logs', 'hf', 'output');

interface ExpectedPoint {
  step: number;
  sumSquares: number;
  sparsity: number;
  meanAlpha: number;
  parameters: number;
  layers: { name: string; frobenius: number; alpha: number; sparsity: number }[];
}
const fixtureValues = JSON.parse(readFileSync(join(seriesDir, 'expected.json'), 'utf8'));
const expected: { steps: ExpectedPoint[]; hf: ExpectedPoint[] } = fixtureValues;
const deltas: Record<string, { relativeChange: number }> = fixtureValues['steps delta 100 1000'];

const close = (got: number | null, want: number, tolerance: number, what: string) =>
  assert.ok(got !== null && Math.abs(got - want) <= tolerance * Math.max(1, Math.abs(want)), `${what}: ${got} vs ${want}`);

async function points(found: FoundSeries): Promise<{ points: SeriesPoint[]; problems: string[] }> {
  const out = { points: [] as SeriesPoint[], problems: [] as string[] };
  for await (const event of inspectSeries(found, { lambda: 0.1, m: 50, layers: null })) {
    if (event.kind === 'point') out.points.push(event.point);
    else out.problems.push(event.message);
  }
  return out;
}

function assertPoints(got: SeriesPoint[], want: ExpectedPoint[]): void {
  assert.deepEqual(got.map((p) => p.step), want.map((p) => p.step));
  got.forEach((p, i) => {
    const w = want[i];
    close(p.sumSquares, w.sumSquares, 1e-5, `Σ‖W‖²_F at ${w.step}`);
    close(p.sparsity, w.sparsity, 1e-12, `sparsity at ${w.step}`);
    close(p.meanAlpha, w.meanAlpha, 0.01, `mean α at ${w.step}`);
    assert.equal(p.parameters, w.parameters);
    assert.deepEqual(p.layers.map((l) => l.name), w.layers.map((l) => l.name));
    p.layers.forEach((l, k) => {
      close(l.frobenius, w.layers[k].frobenius, 1e-5, `${l.name} ‖W‖_F at ${w.step}`);
      close(l.alpha, w.layers[k].alpha, 0.01, `${l.name} α at ${w.step}`);
    });
    // The L2 penalty at λ = 0.1, m = 50 under each convention, from the sum of squares.
    close(p.l2Penalty['2m'], (0.1 / 100) * w.sumSquares, 1e-5, '(λ/2m)·Σ‖W‖²_F');
    close(p.l2Penalty.sum, 0.1 * w.sumSquares, 1e-5, 'λ·Σ‖W‖²_F');
  });
}

test('step numbers come from the word before them, or a number ending the name; others have none', () => {
  assert.deepEqual(stepOf('model_step200.pt'), { step: 200, unit: 'step' });
  assert.deepEqual(stepOf('checkpoint-40'), { step: 40, unit: 'step' });
  assert.deepEqual(stepOf('epoch=3-step=1200.pt'), { step: 1200, unit: 'step' });
  assert.deepEqual(stepOf('weights_epoch7.safetensors'), { step: 7, unit: 'epoch' });
  assert.deepEqual(stepOf('weights-300.safetensors'), { step: 300, unit: 'step' });
  assert.equal(stepOf('mlp.f32.safetensors'), null);
  assert.equal(stepOf('notes.pt'), null);
  assert.equal(stepOf('step99999999999999999999.pt'), null);
});

test('a folder of files with step numbers is a series in numeric order, values as numpy computes them', async () => {
  const found = await findCheckpointSeries(join(seriesDir, 'steps'));
  assert.deepEqual(found.checkpoints.map((c) => c.step), [100, 200, 1000]);
  assert.equal(found.unit, 'step');
  assert.deepEqual(found.skipped, ['notes.pt: no step or epoch number in its name']);
  const { points: got, problems } = await points(found);
  assert.deepEqual(problems, []);
  assertPoints(got, expected.steps);
});

test("Hugging Face checkpoint-N folders give their model file, not the optimizer's or the trainer's", async () => {
  const found = await findCheckpointSeries(hfOutput);
  assert.deepEqual(found.checkpoints.map((c) => [c.step, c.path]), [40, 80, 120, 160].map((s) => [s, join(hfOutput, `checkpoint-${s}`, 'model.safetensors')]));
  assertPoints((await points(found)).points, expected.hf);
});

test('checkpoint folders with optimizer state, shards, duplicates, links outside and unreadable files', async () => {
  const root = mkdtempSync(join(tmpdir(), 'reglens-series-'));
  const outside = mkdtempSync(join(tmpdir(), 'reglens-outside-'));
  const fixture = join(seriesDir, 'steps', 'model_step100.pt');
  mkdirSync(join(root, 'checkpoint-10'));
  copyFileSync(fixture, join(root, 'checkpoint-10', 'pytorch_model.bin'));
  writeFileSync(join(root, 'checkpoint-10', 'optimizer.pt'), 'not read');
  mkdirSync(join(root, 'checkpoint-20'));
  writeFileSync(join(root, 'checkpoint-20', 'optimizer.pt'), 'not a model');
  mkdirSync(join(root, 'checkpoint-30'));
  writeFileSync(join(root, 'checkpoint-30', 'model.safetensors'), new Uint8Array([1, 2, 3]));
  copyFileSync(fixture, join(root, 'step-10.pt'));
  copyFileSync(fixture, join(outside, 'secret.pt'));
  symlinkSync(join(outside, 'secret.pt'), join(root, 'step-40.pt'));
  copyFileSync(fixture, join(root, 'model-00001-of-00002.safetensors'));
  const found = await findCheckpointSeries(root);
  assert.deepEqual(found.checkpoints.map((c) => c.step), [10, 30]);
  assert.deepEqual(found.skipped.sort(), [
    'checkpoint-20: no model file in it',
    'model-00001-of-00002.safetensors: a shard of one model, not a step',
    'step-10.pt: step 10 again (the first is used)',
    'step-40.pt: links outside the folder',
  ]);
  const { points: got, problems } = await points(found);
  assert.deepEqual(got.map((p) => p.step), [10]);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /checkpoint-30.*model\.safetensors/);
});

test("a log's losses at the checkpoints' steps are those logged last at or before each step", () => {
  const train = [{ step: 10, value: 1 }, { step: 20, value: 0.8 }, { step: 40, value: 0.5 }, { step: 40, value: 0.45 }];
  const val = [{ step: 20, value: 0.9 }, { step: 40, value: Number.NaN }];
  assert.deepEqual(lossesAtSteps([5, 20, 30, 40], train, val), [
    { step: 5, trainLoss: null, valLoss: null, gap: null },
    { step: 20, trainLoss: 0.8, valLoss: 0.9, gap: 0.9 - 0.8 },
    { step: 30, trainLoss: 0.8, valLoss: 0.9, gap: 0.9 - 0.8 },
    { step: 40, trainLoss: 0.45, valLoss: null, gap: null },
  ]);
});

test('the checkpoint editor compares the open checkpoint with another: ‖W‖_F, α and the relative change per layer, as numpy', async () => {
  const base = await openCheckpoint(join(seriesDir, 'steps', 'model_step100.pt'));
  try {
    const baseLayers = [];
    for (const tensor of base.tensors) baseLayers.push(await inspectTensor(tensor));
    const comparison = await compareWith(base, baseLayers, join(seriesDir, 'steps', 'model_step1000.pt'));
    const [first, last] = [expected.steps[0], expected.steps[2]];
    close(comparison.model.sumSquares, last.sumSquares, 1e-5, 'the other model\'s Σ‖W‖²_F');
    assert.deepEqual(comparison.layers.map((l) => l.name), ['layers.0.weight', 'layers.0.bias', 'layers.1.weight', 'layers.1.bias']);
    for (const w of first.layers) {
      const layer = comparison.layers.find((l) => l.name === w.name)!;
      const other = last.layers.find((l) => l.name === w.name)!;
      close(layer.frobenius[0], w.frobenius, 1e-5, `${w.name} base ‖W‖_F`);
      close(layer.frobeniusChange, other.frobenius - w.frobenius, 1e-5, `${w.name} Δ‖W‖_F`);
      close(layer.alphaChange, other.alpha - w.alpha, 0.02, `${w.name} Δα`);
      close(layer.relativeChange, deltas[w.name].relativeChange, 1e-5, `${w.name} relative change`);
    }
    assert.deepEqual(comparison.unmatched, []);
  } finally {
    await base.close();
  }
});
