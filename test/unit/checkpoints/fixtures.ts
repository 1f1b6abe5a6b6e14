/** The checkpoint fixtures and the values numpy and torch computed for them (make_checkpoints.py). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
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
