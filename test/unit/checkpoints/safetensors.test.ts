/** safetensors files written by the fixture script, read back and diagnosed: numbers from numpy and torch. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openCheckpoint } from '../../../src/io/checkpoints';
import { inspectTensor } from '../../../src/io/checkpoints/inspectTensors';
import { checkAgainstNumpy, close, expected, fixture } from './fixtures';

for (const file of ['mlp.f32.safetensors', 'mlp.f16.safetensors', 'mlp.bf16.safetensors', 'sharded/model.safetensors.index.json']) {
  test(`${file}: every diagnostic agrees with numpy`, () => checkAgainstNumpy(file));
}

test('F16, BF16 and F64 decode exactly as torch decodes them; integer tensors are listed, not analysed', async () => {
  const checkpoint = await openCheckpoint(fixture('decode.safetensors'));
  const want = expected['decode.safetensors'];
  for (const name of ['half', 'bfloat16', 'float64']) {
    const got = Array.from(await checkpoint.tensors.find((t) => t.name === name)!.read());
    const numbers = want[name].map((x) => (typeof x === 'number' ? x : x === 'inf' ? Infinity : x === '-inf' ? -Infinity : NaN));
    assert.deepEqual(got, numbers, name);
  }
  const counts = checkpoint.tensors.find((t) => t.name === 'counts')!;
  assert.equal(counts.dtype, 'I64');
  const layer = await inspectTensor(counts);
  assert.equal(layer.analysed, false);
  assert.equal(layer.frobenius, null);
  await assert.rejects(counts.read(), /I64 is listed, not analysed/);
  await checkpoint.close();
});

test('the exact spectrum of a real matrix is numpy svdvals²', async () => {
  const checkpoint = await openCheckpoint(fixture('mlp.f32.safetensors'));
  const { matrixSpectrum } = await import('../../../src/core');
  for (const w of expected['mlp.f32.safetensors'].filter((t) => t.eigenvalues)) {
    const tensor = checkpoint.tensors.find((t) => t.name === w.name)!;
    const spectrum = matrixSpectrum(await tensor.readMatrix());
    const top = w.eigenvalues![0];
    w.eigenvalues!.forEach((e, i) => close(spectrum.eigenvalues[i], e, 1e-6, 1e-12 * top, `${w.name} λ${i}`));
  }
  await checkpoint.close();
});
