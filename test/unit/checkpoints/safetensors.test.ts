/** safetensors files written by the fixture script, read back and diagnosed: numbers from numpy and torch. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openCheckpoint } from '../../../src/io/checkpoints';
import { inspectTensor } from '../../../src/io/checkpoints/inspectTensors';
import { close, expected, fixture, type ExpectedTensor } from './fixtures';

/** Every diagnostic of every tensor of `file` agrees with numpy to float32 tolerance, α to 0.01. */
export async function checkAgainstNumpy(file: string, rename: (name: string) => string = (n) => n): Promise<void> {
  const checkpoint = await openCheckpoint(fixture(file));
  try {
    const want = expected[file];
    assert.deepEqual(checkpoint.tensors.map((t) => t.name).filter((n) => want.some((w) => rename(w.name) === n)).sort(), want.map((w) => rename(w.name)).sort());
    for (const w of want) {
      const tensor = checkpoint.tensors.find((t) => t.name === rename(w.name))!;
      const got = await inspectTensor(tensor);
      compareLayer(got, w, `${file} ${w.name}`);
    }
  } finally {
    await checkpoint.close();
  }
}

function compareLayer(got: Awaited<ReturnType<typeof inspectTensor>>, w: ExpectedTensor, what: string): void {
  assert.deepEqual(got.shape, w.shape, `${what} shape`);
  assert.equal(got.parameters, w.parameters, `${what} parameters`);
  close(got.frobenius, w.frobenius, 1e-6, 1e-12, `${what} ‖W‖_F`);
  close(got.l1, w.l1, 1e-6, 1e-12, `${what} ‖W‖₁`);
  close(got.maxAbs, w.maxAbs, 0, 0, `${what} max|w|`);
  assert.equal(got.exactZeros, w.exactZeros, `${what} exact zeros`);
  close(got.sparsity, w.sparsity, 0, 0, `${what} sparsity`);
  if (w.eigenvalues === undefined) {
    assert.equal(got.matrix, null, `${what} is a vector`);
    return;
  }
  close(got.spectralNorm, w.spectralNorm!, 1e-6, 1e-12, `${what} ‖W‖₂`);
  close(got.stableRank, w.stableRank!, 1e-5, 0, `${what} stable rank`);
  assert.equal(got.spectrumMethod, 'exact');
  close(got.alpha, w.alpha!, 0, 0.01, `${what} α`);
  close(got.alphaXmin, w.alphaXmin!, 1e-5, 1e-12, `${what} x_min`);
}

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
    const spectrum = matrixSpectrum(await tensor.read(), tensor.matrix!.rows, tensor.matrix!.cols);
    const top = w.eigenvalues![0];
    w.eigenvalues!.forEach((e, i) => close(spectrum.eigenvalues[i], e, 1e-6, 1e-12 * top, `${w.name} λ${i}`));
  }
  await checkpoint.close();
});
