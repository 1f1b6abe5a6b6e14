/** `reglens report`: one self-contained HTML page for a run or a tuning (issue 14, item 11), through the built CLI. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cli = resolve(process.env.REGLENS_CLI ?? 'dist/cli.js');

function reglens(args: string[], cwd: string) {
  assert.ok(existsSync(cli), `${cli} does not exist: build the CLI first (npm run build)`);
  const run = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Nothing the page could fetch or run. */
function assertSelfContained(html: string): void {
  assert.doesNotMatch(html, /<script|\bsrc=|\bhref=|url\(|@import/i);
  assert.deepEqual([...new Set(html.match(/https?:\/\/[^"' ]+/g) ?? [])], ['http://www.w3.org/2000/svg'], 'only the SVG namespace');
}

test('a run’s report: its charts and numbers, escaped, with nothing to fetch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reglens-report-'));
  const name = '<b>ridge</b> & co';
  writeFileSync(join(dir, 'reglens.json'), JSON.stringify({ experiments: [{
    name, data: { dataset: 'iris', validation: 0.3 }, model: { hidden: [] }, training: { epochs: 25, optimizer: 'fista', learningRate: 1, tolerance: 0 },
    regularization: { penalty: 'l2', lambda: 2 }, tuning: { lambdas: [10, 1, 0.1], folds: 3 },
  }] }));
  const run = JSON.parse(reglens(['train', '--json'], dir).stdout).runs[0];
  const written = reglens(['report', run.runId, '--out', 'run.html'], dir);
  assert.equal(written.code, 0, written.stderr);
  const html = readFileSync(join(dir, 'run.html'), 'utf8');
  assertSelfContained(html);
  assert.ok(html.includes('&lt;b&gt;ridge&lt;/b&gt; &amp; co') && !html.includes('<b>ridge</b>'), 'the name is escaped');
  const lossLine = /<polyline[^>]*points="([^"]+)"/.exec(html)![1];
  assert.equal(lossLine.split(' ').length, 25, 'one point per epoch');
  assert.match(html, /Objective: <code>mean CE\(softmax\(z\), y\) \+ \(λ\/2m\)·Σ‖W‖²_F, λ=2, m=105<\/code>/);

  const tuned = JSON.parse(reglens(['tune', '--json'], dir).stdout).tunings[0].record;
  assert.equal(reglens(['report', tuned.id], dir).code, 0);
  const page = readFileSync(join(dir, `${tuned.id}.html`), 'utf8');
  assertSelfContained(page);
  assert.match(page, /λ_1se/);
  assert.equal((page.match(/<tr>/g) ?? []).length, 1 + 3, 'header and one row per λ');
  assert.equal(reglens(['report', 'nothing-here'], dir).code, 2);
});
