/** The recorded runs of test/webview/fixtures (digits: L1, L2, no penalty), read fresh for each test. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord, TuningRecord } from '../../../src/core';
import { arrayOf } from '../../../src/protocol/check';
import { runRecord, tuningRecord } from '../../../src/protocol/records';

/** Checked as the views check them: fields recorded before they existed take their defaults. */
export function fixtureRuns(): RunRecord[] {
  const checked = arrayOf(runRecord)(JSON.parse(readFileSync(join(process.cwd(), 'test/webview/fixtures/runs.json'), 'utf8')), 'runs');
  if (!checked.ok) throw new Error(checked.error);
  return checked.value;
}

/** The tunings of test/webview/fixtures (iris lasso by grid with a path; digits MLP by halving), read fresh and checked. */
export function fixtureTunings(): TuningRecord[] {
  const checked = arrayOf(tuningRecord)(JSON.parse(readFileSync(join(process.cwd(), 'test/webview/fixtures/tunings.json'), 'utf8')), 'tunings');
  if (!checked.ok) throw new Error(checked.error);
  return checked.value;
}
