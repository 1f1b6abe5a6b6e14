/** The log fixtures written by test/fixtures/logs/make_fixtures.py, and what it says a reader must return. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogRun } from '../../../src/io/logs';
import { repoRoot } from '../paths';

export const logFixtures = join(repoRoot, 'test', 'fixtures', 'logs');

type Point = [number, number | null, number | string];
export interface ExpectedRun {
  series: Record<string, Point[]>;
  analysis: { bestEpoch: number; onset: number | null; finalGap: number; finalAccuracyGap: number | null };
  used: Record<string, string>;
}

export const expected = JSON.parse(readFileSync(join(logFixtures, 'expected.json'), 'utf8'));

/** Python writes nan and inf as strings in expected.json. */
function number(value: number | string): number {
  return typeof value === 'number' ? value : Number(value.replace('inf', 'Infinity').replace('nan', 'NaN'));
}

/** Every series and every point of a run, exactly (NaN equals NaN). */
export function assertSeries(run: LogRun | undefined, series: Record<string, Point[]>): void {
  assert.ok(run, 'the run is missing');
  assert.deepEqual(Object.keys(run.series).sort(), Object.keys(series).sort());
  for (const [name, points] of Object.entries(series)) {
    const want = { steps: points.map((p) => p[0]), epochs: points.map((p) => p[1]), values: points.map((p) => number(p[2])) };
    assert.deepEqual(run.series[name], want, `series ${name}`);
  }
}
