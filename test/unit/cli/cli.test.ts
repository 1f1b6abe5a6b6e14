/**
 * Runs the built CLI (dist/cli.js, or $REGLENS_CLI) as a user would, in a temporary folder, and reads
 * what it leaves behind with code that shares nothing with src/io.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cli = resolve(process.env.REGLENS_CLI ?? 'dist/cli.js');
const packageVersion: string = JSON.parse(readFileSync(resolve('package.json'), 'utf8')).version;

function reglens(args: string[], cwd: string) {
  assert.ok(existsSync(cli), `${cli} does not exist: build the CLI first (npm run build)`);
  const run = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'reglens-cli-'));
}

function writeConfig(folder: string, experiments: object[]): string {
  const path = join(folder, 'reglens.json');
  writeFileSync(path, JSON.stringify({ experiments }, null, 2));
  return path;
}

const iris = (name: string, regularization: object, training: object = {}) => ({
  name,
  data: { dataset: 'iris', validation: 0.2, standardize: true, seed: 3 },
  model: { hidden: [8], activation: 'tanh' },
  training: { epochs: 5, batchSize: 16, optimizer: 'sgd', learningRate: 0.1, seed: 5, ...training },
  regularization,
});

/** Tensors of a safetensors file, read from the format description alone. */
function readSafetensors(path: string): { tensors: Map<string, { shape: number[]; values: number[] }>; metadata: Record<string, string> } {
  const bytes = readFileSync(path);
  const headerLength = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8'));
  const tensors = new Map<string, { shape: number[]; values: number[] }>();
  for (const [name, entry] of Object.entries<any>(header)) {
    if (name === '__metadata__') continue;
    assert.equal(entry.dtype, 'F32');
    const values: number[] = [];
    for (let at = entry.data_offsets[0]; at < entry.data_offsets[1]; at += 4) values.push(bytes.readFloatLE(8 + headerLength + at));
    tensors.set(name, { shape: entry.shape, values });
  }
  return { tensors, metadata: header.__metadata__ };
}

/** ‖W‖_F of each layer recomputed from the file equals the report's; returns their sum. */
function assertNormsMatch(tensors: ReturnType<typeof readSafetensors>['tensors'], report: any): number {
  let total = 0;
  report.layers.forEach((layer: any, i: number) => {
    const norm = Math.hypot(...tensors.get(`layers.${i}.weight`)!.values);
    assert.ok(Math.abs(norm - layer.frobenius) < 1e-5 * norm, `layer ${i}: ${norm} from the file, ${layer.frobenius} reported`);
    total += norm;
  });
  return total;
}

test('train --json trains every experiment, saves the runs and weights that match the reports', () => {
  const folder = tempFolder();
  writeConfig(folder, [iris('iris l2', { penalty: 'l2', lambda: 0.5 }), iris('iris-none', { penalty: 'none' })]);
  const { code, stdout, stderr } = reglens(['train', '--json', '--out', 'store'], folder);
  assert.equal(code, 0, stderr);
  const output = JSON.parse(stdout);
  assert.equal(output.store, join(folder, 'store', '.reglens', 'runs'));
  assert.deepEqual(output.runs.map((r: any) => [r.experiment, r.ok, r.stopReason, r.epochs]), [
    ['iris l2', true, 'completed', 5],
    ['iris-none', true, 'completed', 5],
  ]);
  assert.match(stderr, /iris l2: epoch 1\/5/); // not a terminal: plain progress lines

  for (const run of output.runs) {
    const record = JSON.parse(readFileSync(join(run.runDir, 'run.json'), 'utf8'));
    assert.equal(record.format, 'reglens-run/1');
    assert.equal(record.id, run.runId);
    assert.equal(record.reglensVersion, packageVersion);
    assert.equal(record.config.name, run.experiment);
    assert.equal(record.epochs.length, 5);
    // Runs train one at a time, each with the helper thread for its reports where there is a second core.
    if (availableParallelism() > 1) assert.deepEqual([record.threads, record.threadsNote], [2, "the helper thread computed each epoch's report while the next epoch trained"]);
    else assert.equal(record.threads, 1);
    assert.equal(record.dataset.trainRows + record.dataset.validationRows, 150);
    assert.equal(record.lambdaEquivalents['2m'], run.experiment === 'iris l2' ? 0.5 : 0);
    assert.match(record.objective, run.experiment === 'iris l2' ? /λ=0\.5, m=120/ : /^mean CE/);
    // (λ/2m)·‖W‖² = (λ'/2)·‖W‖² with m = 120 training rows: PyTorch's weight_decay is λ/m.
    if (run.experiment === 'iris l2') assert.ok(Math.abs(record.lambdaEquivalents.pytorchWeightDecay - 0.5 / 120) < 1e-12);

    const { tensors, metadata } = readSafetensors(join(run.runDir, 'weights.safetensors'));
    assert.equal(metadata.format, 'pt');
    assert.equal(JSON.parse(metadata.model).activation, 'tanh');
    const { mean, std } = JSON.parse(metadata.standardization);
    assert.equal(mean.length, 4);
    assert.ok(std.every((s: number) => s > 0));
    assert.deepEqual([...tensors.keys()].sort(), ['layers.0.bias', 'layers.0.weight', 'layers.1.bias', 'layers.1.weight']);
    assert.deepEqual(tensors.get('layers.0.weight')!.shape, [8, 4]);
    assert.deepEqual(tensors.get('layers.0.bias')!.shape, [8]);
    assert.deepEqual(tensors.get('layers.1.weight')!.shape, [3, 8]);
    assert.deepEqual(tensors.get('layers.1.bias')!.shape, [3]);
    const last = record.epochs[record.epochs.length - 1];
    assert.deepEqual(record.summary.final, last);
    const total = assertNormsMatch(tensors, last);
    assert.ok(Math.abs(run.final.frobenius - total) < 1e-5 * total);
  }
  const [l2, none] = output.runs;
  assert.ok(l2.final.frobenius < none.final.frobenius, 'an L2 penalty shrinks the weights');
});

test('with restoreBest the saved weights and the final report are the best epoch\'s', () => {
  const folder = tempFolder();
  const earlyStopping = { patience: 100, restoreBest: true };
  writeConfig(folder, [{ ...iris('best', { penalty: 'none' }, { epochs: 30, learningRate: 0.5, earlyStopping }), model: { hidden: [32] } }]);
  const { code, stdout, stderr } = reglens(['train', '--json'], folder);
  assert.equal(code, 0, stderr);
  const [run] = JSON.parse(stdout).runs;
  const record = JSON.parse(readFileSync(join(run.runDir, 'run.json'), 'utf8'));
  assert.equal(record.epochs.length, 30);
  assert.ok(record.summary.bestEpoch < 30, `the best epoch is ${record.summary.bestEpoch}: choose a setup that overfits`);
  assert.equal(record.summary.final.epoch, record.summary.bestEpoch);
  assertNormsMatch(readSafetensors(join(run.runDir, 'weights.safetensors')).tensors, record.summary.final);
});

test('train without --json prints a summary table and saves next to the config', () => {
  const folder = tempFolder();
  const config = writeConfig(folder, [iris('only', { penalty: 'l1', lambda: 0.1 }), iris('skipped', { penalty: 'none' })]);
  const { code, stdout, stderr } = reglens(['train', config, '--experiment', 'only'], tempFolder());
  assert.equal(code, 0, stderr);
  assert.match(stdout, /experiment\s+penalty\s+λ\s+train loss\s+val loss/);
  assert.match(stdout, /^only\s+l1\s+0\.1000\s/m);
  assert.doesNotMatch(stdout, /skipped/);
  assert.ok(existsSync(join(folder, '.reglens', 'runs', 'only')));
  assert.ok(!existsSync(join(folder, '.reglens', 'runs', 'skipped')));
});

test('a bad config exits with 2 and names the place of each problem', () => {
  const folder = tempFolder();
  const path = writeConfig(folder, [iris('bad', { penalty: 'l2', lambda: -1 })]);
  const text = readFileSync(path, 'utf8');
  const line = text.split('\n').findIndex((l) => l.includes('"lambda": -1')) + 1;
  const { code, stderr } = reglens(['train', 'reglens.json'], folder);
  assert.equal(code, 2);
  assert.match(stderr, new RegExp(`^reglens\\.json:${line}:\\d+: error: `, 'm'));
  assert.ok(!existsSync(join(folder, '.reglens')), 'nothing is trained');
});

test('usage mistakes exit with 2 and a message', () => {
  const folder = tempFolder();
  const unknownOption = reglens(['train', '--epochs', '3'], folder);
  assert.equal(unknownOption.code, 2);
  assert.match(unknownOption.stderr, /--epochs/);
  const missing = reglens(['train', 'nowhere.json'], folder);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read nowhere\.json: no such file/);
  writeConfig(folder, [iris('a', { penalty: 'none' })]);
  const unknownExperiment = reglens(['train', '--experiment', 'b'], folder);
  assert.equal(unknownExperiment.code, 2);
  assert.match(unknownExperiment.stderr, /no experiment named 'b' \(it has: a\)/);
  assert.equal(reglens(['frobnicate'], folder).code, 2);
  const nothing = reglens([], folder);
  assert.equal(nothing.code, 2);
  assert.match(nothing.stderr, /a command is missing/);
  const help = reglens(['--help'], folder);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /reglens train \[config\]/);
});

test('a diverging run exits with 1, says so, and is still saved', () => {
  const folder = tempFolder();
  writeConfig(folder, [
    {
      name: 'boom',
      data: { dataset: 'diabetes', validation: 0.2, seed: 3 },
      model: { hidden: [8], activation: 'relu' },
      training: { epochs: 5, learningRate: 1e6 },
    },
  ]);
  const { code, stdout, stderr } = reglens(['train', '--json'], folder);
  assert.equal(code, 1, stderr);
  const [run] = JSON.parse(stdout).runs;
  assert.equal(run.stopReason, 'diverged');
  assert.equal(run.ok, false);
  assert.match(stderr, /boom: Diverged/);
  assert.ok(existsSync(join(run.runDir, 'run.json')));
});

test('bad data exits with 1 and names the row; the other experiments still train', () => {
  const folder = tempFolder();
  writeFileSync(join(folder, 'points.csv'), 'a,b,label\n1,2,yes\n3,oops,no\n');
  writeConfig(folder, [{ name: 'csv', data: { csv: 'points.csv', target: 'label' } }, iris('fine', { penalty: 'none' })]);
  const { code, stdout, stderr } = reglens(['train', '--json'], folder);
  assert.equal(code, 1, stderr);
  const [csv, fine] = JSON.parse(stdout).runs;
  assert.equal(csv.ok, false);
  assert.match(csv.error, /points\.csv.*(row|line) 3/i);
  assert.match(stderr, /csv: failed: /);
  assert.equal(fine.stopReason, 'completed');
});

test('example writes the example config and does not overwrite it without --force', () => {
  const folder = tempFolder();
  const first = reglens(['example', 'here'], folder);
  assert.equal(first.code, 0, first.stderr);
  const written = join(folder, 'here', 'reglens.json');
  assert.match(readFileSync(written, 'utf8'), /"experiments"/);
  assert.match(readFileSync(join(folder, 'here', 'boundary.reglens.json'), 'utf8'), /"moons-dropout"/);
  assert.match(first.stdout, /boundary\.reglens\.json/);
  writeFileSync(written, '{ "mine": true }');
  const again = reglens(['example', 'here'], folder);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /exists; use --force/);
  assert.equal(readFileSync(written, 'utf8'), '{ "mine": true }');
  assert.equal(reglens(['example', 'here', '--force'], folder).code, 0);
  assert.match(readFileSync(written, 'utf8'), /"experiments"/);
});

test('tune cross-validates the λ grid, marks λ_min and λ_1se, and saves the tuning', () => {
  const folder = tempFolder();
  const tuned = { ...iris('iris-l2', { penalty: 'l2', lambda: 1 }), tuning: { lambdas: [0.01, 1, 100], folds: 3, rule: '1se' } };
  writeConfig(folder, [tuned]);
  const run = reglens(['tune', '--json'], folder);
  assert.equal(run.code, 0, run.stderr);
  const [outcome] = JSON.parse(run.stdout).tunings;
  const { result } = outcome.record;
  assert.deepEqual(result.lambdas, [100, 1, 0.01]);
  assert.equal(result.curve.length, 3);
  assert.ok(result.lambda1se.lambda >= result.lambdaMin.lambda);
  assert.equal(result.chosen, result.lambda1se.lambda);
  const saved = JSON.parse(readFileSync(outcome.path, 'utf8'));
  assert.equal(saved.format, 'reglens-tuning/1');
  assert.deepEqual(saved.result.curve, result.curve);
  assert.equal(reglens(['tune', '--strategy', 'random'], folder).code, 2);
});
