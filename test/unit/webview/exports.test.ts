import assert from 'node:assert/strict';
import { test } from 'node:test';
import { epochsCsv, exportBaseName, runsJson } from '../../../src/webview/exports';
import { fixtureRuns } from './fixture';

/** Splits one CSV line, honouring quotes. */
function cells(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') (current += '"'), i++;
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) out.push(current), (current = '');
    else current += c;
  }
  return [...out, current];
}

test('CSV: one row per run and epoch, every column named, numbers as recorded', () => {
  const runs = fixtureRuns();
  const lines = epochsCsv(runs).trimEnd().split('\n');
  assert.equal(lines.length, 1 + runs.reduce((n, r) => n + r.epochs.length, 0));
  const header = cells(lines[0]);
  const row = cells(lines[1]);
  assert.equal(row.length, header.length);
  const at = (name: string) => row[header.indexOf(name)];
  const first = runs[0].epochs[0];
  assert.equal(at('run'), runs[0].id);
  assert.equal(at('penalty'), 'L1, λ=40, λ/2m', 'the label with commas survives quoting');
  assert.equal(at('objective'), runs[0].objective);
  assert.equal(Number(at('trainLoss')), first.trainLoss);
  assert.equal(Number(at('layer2.exactZeros')), first.layers[1].exactZeros);
  assert.equal(at('layer2.linearFraction'), '', 'null is an empty cell');
});

test('JSON: one run as an object, several as an array', () => {
  const runs = fixtureRuns();
  assert.deepEqual(JSON.parse(runsJson([runs[0]])), runs[0]);
  assert.deepEqual(JSON.parse(runsJson(runs)), runs);
});

test('export names are plain file names', () => {
  const [run] = fixtureRuns();
  assert.equal(exportBaseName([{ ...run, experiment: '../../etc/pass wd', id: 'r1' }]), 'etc-pass-wd-r1');
  assert.equal(exportBaseName(fixtureRuns()), 'compare-3-runs');
});
