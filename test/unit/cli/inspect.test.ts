/** `reglens inspect` as a user runs it: the JSON field names of the issue, numbers from numpy, errors and exit codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { close, expected, fixturesDir } from '../checkpoints/fixtures';

const cli = resolve(process.env.REGLENS_CLI ?? 'dist/cli.js');

function reglens(args: string[]) {
  assert.ok(existsSync(cli), `${cli} does not exist: build the CLI first (npm run build)`);
  const run = spawnSync(process.execPath, [cli, 'inspect', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('--json prints files, layers with the documented names, and the model', () => {
  const run = reglens([join(fixturesDir, 'mlp.pt'), join(fixturesDir, 'mlp.keras'), '--json', '--layers', 'weight|vars/0$']);
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.deepEqual(out.files.map((f: { format: string }) => f.format), ['torch', 'keras']);
  const names = ['name', 'shape', 'dtype', 'parameters', 'frobenius', 'l1', 'maxAbs', 'exactZeros', 'spectralNorm', 'stableRank', 'alpha', 'alphaXmin'];
  for (const layer of out.layers) for (const key of names) assert.ok(key in layer, `${layer.name} lacks ${key}`);
  assert.equal(out.layers.length, 3 + 4, 'the --layers filter keeps weights only');
  const want = expected['mlp.pt'].find((t) => t.name === 'layers.0.weight')!;
  const got = out.layers.find((l: { name: string }) => l.name === 'layers.0.weight');
  close(got.frobenius, want.frobenius, 1e-6, 0, '‖W‖_F');
  close(got.alpha, want.alpha!, 0, 0.01, 'α');
  const sumSquares = out.layers.reduce((s: number, l: { frobenius: number }) => s + l.frobenius ** 2, 0);
  close(out.model.sumSquares, sumSquares, 1e-12, 0, 'Σ‖W‖²_F');
  close(out.model.l2Penalty['2m'], sumSquares / 2, 1e-12, 0, 'λ/2m penalty at λ = m = 1');
});

test('an unreadable file is reported by name with exit code 1; the others are still inspected', () => {
  const run = reglens([join(fixturesDir, 'exploit.pt'), join(fixturesDir, 'mlp.f16.safetensors'), '--json']);
  assert.equal(run.code, 1);
  const out = JSON.parse(run.stdout);
  assert.match(out.files[0].error, /exploit\.pt: .*refused global 'posix\.system'/);
  assert.equal(out.files[1].error, null);
  assert.equal(out.layers.length, 6);
});

test('a bad --layers expression is a usage error', () => {
  const run = reglens([join(fixturesDir, 'mlp.pt'), '--layers', '(']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /--layers is not a regular expression/);
});

test('--compare measures every checkpoint after the first against the first, as numpy computes it', () => {
  const files = ['mlp.pt', 'mlp.bf16.safetensors', 'mlp.f16.safetensors'];
  const run = reglens([...files.map((f) => join(fixturesDir, f)), '--compare', '--json']);
  assert.equal(run.code, 0, run.stderr);
  const { comparisons } = JSON.parse(run.stdout);
  assert.deepEqual(
    comparisons.map((c: { base: string; other: string }) => [c.base, c.other]),
    files.slice(1).map((f) => [join(fixturesDir, files[0]), join(fixturesDir, f)]),
  );
  for (const [i, file] of files.slice(1).entries()) {
    const want = (expected as unknown as Record<string, Record<string, number>>)[`comparison mlp.pt ${file}`];
    assert.ok(Object.keys(want).length >= 5);
    for (const [name, change] of Object.entries(want)) {
      const got = comparisons[i].changes.find((c: { name: string }) => c.name === name);
      close(got?.relativeChange, change, 1e-9, 1e-15, `${file}: ${name} relative change`);
    }
    assert.equal(comparisons[i].changes.find((c: { name: string }) => c.name === 'layers.1.bias').relativeChange, null, 'an all-zero base has no relative change');
    assert.deepEqual(comparisons[i].unmatched, []);
  }
  const text = reglens([...files.map((f) => join(fixturesDir, f)), '--compare', '--layers', 'weight']);
  assert.equal(text.code, 0, text.stderr);
  for (const file of files.slice(1)) assert.ok(text.stdout.includes(`${join(fixturesDir, file)} against ${join(fixturesDir, files[0])}`), `a table for ${file}`);
  assert.equal(reglens([join(fixturesDir, 'mlp.pt'), '--compare']).code, 2);
});

test('--threads 1 and --threads 2 print the same bytes; --threads takes a whole number from 1', () => {
  const files = ['cnn.pth', 'mlp.bf16.safetensors', 'mlp.keras'].map((f) => join(fixturesDir, f));
  const one = reglens([...files, '--json', '--threads', '1']);
  const two = reglens([...files, '--json', '--threads', '2']);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(two.stdout, one.stdout);
  assert.equal(JSON.parse(one.stdout).layers.length, 8 + 6 + 8);
  const bad = reglens([files[0], '--threads', '0']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--threads must be a whole number from 1 to 256, got '0'/);
});

test('--norms-only: the same norms, no spectrum', () => {
  const path = join(fixturesDir, 'mlp.pt');
  const full = JSON.parse(reglens([path, '--json']).stdout);
  const norms = JSON.parse(reglens([path, '--json', '--norms-only']).stdout);
  // Streamed chunks and matrix rows sum in different orders: equal to rounding.
  for (const [i, layer] of norms.layers.entries()) close(layer.frobenius, full.layers[i].frobenius, 1e-12, 0, `${layer.name} ‖W‖_F`);
  assert.ok(norms.layers.every((l: { alpha: number | null; spectralNorm: number | null }) => l.alpha === null && l.spectralNorm === null));
  assert.ok(full.layers.some((l: { alpha: number | null }) => l.alpha !== null));
});

test('a reader that closes the pipe early (| head) ends the CLI quietly, with exit code 0', async () => {
  assert.ok(existsSync(cli), `${cli} does not exist: build the CLI first (npm run build)`);
  const child = spawn(process.execPath, [cli, 'inspect', join(fixturesDir, 'mlp.pt'), join(fixturesDir, 'mlp.keras'), join(fixturesDir, 'cnn.pth'), join(fixturesDir, 'embedding.bin')]);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.destroy(); // closed before the CLI writes its first line, as `head` closes it after one
  const code = await new Promise<number | null>((done) => child.on('close', done));
  assert.equal(stderr, '', 'no EPIPE trace');
  assert.equal(code, 0);
});
