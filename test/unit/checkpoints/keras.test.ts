/** Keras-layout HDF5 files written by h5py, read through h5wasm: kernels shown as [out, in], numbers from numpy. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointError, openCheckpoint } from '../../../src/io/checkpoints';
import { inspectTensor } from '../../../src/io/checkpoints/inspectTensors';
import { checkAgainstNumpy, fixture } from './fixtures';

for (const file of ['mlp.weights.h5', 'mlp_legacy.h5', 'mlp.keras']) {
  test(`${file}: every diagnostic agrees with numpy, Dense kernels transposed, convolutions as out × in·kh·kw`, () => checkAgainstNumpy(file));
}

test('a Keras Conv2D kernel [kh, kw, in, out] is reported as [out, in, kh, kw] and analysed as out × in·kh·kw', async () => {
  const checkpoint = await openCheckpoint(fixture('mlp.weights.h5'));
  const conv = checkpoint.tensors.find((t) => t.name === 'layers/conv2d/vars/0')!;
  assert.deepEqual(conv.shape, [3, 3, 8, 16]);
  const layer = await inspectTensor(conv);
  assert.deepEqual(layer.shape, [16, 8, 3, 3]);
  assert.deepEqual({ rows: layer.matrix?.rows, cols: layer.matrix?.cols }, { rows: 16, cols: 72 });
  assert.match(layer.matrix?.note ?? '', /analysed as 16 × 72/);
  await checkpoint.close();
});

test('a file that is not HDF5 is refused with its name', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'reglens-h5-')), 'junk.h5');
  writeFileSync(path, 'not hdf5 at all'.repeat(100));
  await assert.rejects(openCheckpoint(path), /junk\.h5: not a readable HDF5 file/);
});

test('a dataset declared larger than an HDF5 read may take is refused by name, before anything is allocated', async () => {
  const checkpoint = await openCheckpoint(fixture('huge.weights.h5'));
  try {
    const [tensor] = checkpoint.tensors;
    assert.deepEqual(tensor.shape, [60000, 40000]);
    await assert.rejects(tensor.read(), (error: Error) => error instanceof CheckpointError && /huge\.weights\.h5.*layers\/dense\/vars\/0.*9600000000 bytes is more than/.test(error.message));
  } finally {
    await checkpoint.close();
  }
});
