/** The checkpoint fixtures and the values numpy and torch computed for them (make_checkpoints.py). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { openCheckpoint } from '../../../src/io/checkpoints';
import { inspectTensor } from '../../../src/io/checkpoints/inspectTensors';
import { repoRoot } from '../paths';

export const fixturesDir = join(repoRoot, 'test', 'fixtures', 'checkpoints');

export interface ExpectedTensor {
  name: string;
  file: string;
  dtype: string;
  shape: number[];
  parameters: number;
  frobenius: number;
  l1: number;
  maxAbs: number;
  exactZeros: number;
  sparsity: number;
  spectralNorm?: number;
  stableRank?: number;
  eigenvalues?: number[];
  alpha?: number | null;
  alphaXmin?: number | null;
}

export const expected: Record<string, ExpectedTensor[]> & { 'decode.safetensors': Record<string, (number | string)[]> } = JSON.parse(
  readFileSync(join(fixturesDir, 'expected.json'), 'utf8'),
);

export function fixture(name: string): string {
  return join(fixturesDir, name);
}

/** |actual − expected| ≤ rel·|expected| + abs. */
export function close(actual: number | null | undefined, want: number, rel: number, abs: number, what: string): void {
  assert.ok(typeof actual === 'number' && Math.abs(actual - want) <= rel * Math.abs(want) + abs, `${what}: got ${actual}, expected ${want}`);
}

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
  assert.equal(got.dtype, w.dtype, `${what} dtype`);
  if (!['F64', 'F32', 'F16', 'BF16'].includes(w.dtype)) {
    assert.equal(got.analysed, false, `${what}: integer tensors are listed, not analysed`);
    return;
  }
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

