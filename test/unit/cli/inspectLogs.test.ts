/** `reglens inspect` on training logs, run as a user would (the built dist/cli.js). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expected, logFixtures } from '../logs/fixtures';

const cli = resolve(process.env.REGLENS_CLI ?? 'dist/cli.js');

function reglens(args: string[]) {
  assert.ok(existsSync(cli), `${cli} does not exist: build the CLI first (npm run build)`);
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('inspect --json gives every run of the logs with its series, best epoch, onset and final gap', () => {
  const paths = ['tensorboard', 'keras/training.log', 'lightning', 'hf/output'].map((p) => join(logFixtures, p));
  const { code, stdout, stderr } = reglens(['inspect', '--json', ...paths]);
  assert.equal(code, 0, stderr);
  const { runs } = JSON.parse(stdout);
  const want: [string, any][] = [
    ['keras', expected.tensorboard.keras], ['simple', expected.tensorboard.simple], ['tensor', expected.tensorboard.tensor],
    ['training', expected.keras.training], ['lightning_logs/version_0', expected.lightning.version_0], ['output', expected.hf.output],
  ];
  assert.deepEqual(runs.map((r: any) => r.name), want.map(([name]) => name));
  runs.forEach((run: any, i: number) => {
    const [, w] = want[i];
    assert.equal(run.bestEpoch, w.analysis.bestEpoch, run.name);
    assert.equal(run.onset, w.analysis.onset, run.name);
    assert.ok(Math.abs(run.finalGap - w.analysis.finalGap) < 1e-12, run.name);
    if (w.analysis.finalAccuracyGap === null) assert.equal(run.finalAccuracyGap, null, run.name);
    else assert.ok(Math.abs(run.finalAccuracyGap - w.analysis.finalAccuracyGap) < 1e-12, run.name);
    assert.deepEqual(run.used, w.used);
    for (const [name, points] of Object.entries<any[]>(w.series)) {
      // JSON has no NaN: the CLI writes null, as JSON.stringify does.
      assert.deepEqual(run.series[name].values, points.map((p) => (typeof p[2] === 'number' ? p[2] : null)), `${run.name} ${name}`);
      assert.deepEqual(run.series[name].steps, points.map((p) => p[0]));
    }
  });
});

test('inspect names the series to use when guessing fails, and says which file is missing', () => {
  const keras = join(logFixtures, 'keras', 'training.log');
  const { stdout } = reglens(['inspect', '--json', '--train-loss', 'accuracy', '--val-loss', 'val_accuracy', keras]);
  const [run] = JSON.parse(stdout).runs;
  assert.deepEqual([run.used.trainLoss, run.used.valLoss], ['accuracy', 'val_accuracy']);
  const table = reglens(['inspect', keras]);
  assert.match(table.stdout, /training\s+keras-csv\s+4\s+loss \/ val_loss\s+epoch 6\s+epoch 6\s+0\.5083/);
  const missing = reglens(['inspect', join(logFixtures, 'nothing-here')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /nothing-here: no such file or folder/);
});

test('inspect FOLDER --json gives the checkpoint series and, from the log beside it, the losses at each checkpoint', () => {
  const folder = join(logFixtures, 'hf', 'output');
  const { code, stdout, stderr } = reglens(['inspect', '--json', '--lambda', '0.1', '--m', '50', folder]);
  assert.equal(code, 0, stderr);
  const { series, runs } = JSON.parse(stdout);
  const weights = JSON.parse(readFileSync(join(logFixtures, '..', 'series', 'expected.json'), 'utf8')).hf;
  assert.equal(series.length, 1);
  assert.deepEqual(series[0].points.map((p: any) => p.step), weights.map((p: any) => p.step));
  series[0].points.forEach((p: any, i: number) => {
    assert.ok(Math.abs(p.sumSquares - weights[i].sumSquares) < 1e-5 * weights[i].sumSquares, `Σ‖W‖²_F at ${p.step}`);
    assert.ok(Math.abs(p.meanAlpha - weights[i].meanAlpha) < 0.01, `mean α at ${p.step}`);
  });
  // The log's training loss and eval_loss logged at or before each checkpoint's step, from the fixture's own series.
  const latest = (name: string, step: number) => expected.hf.output.series[name].filter((p: any) => p[0] <= step).at(-1)[2];
  const [along] = series[0].alongside;
  assert.equal(along.run, 'output');
  assert.deepEqual(along.steps, weights.map((p: any) => {
    const trainLoss = latest('loss', p.step), valLoss = latest('eval_loss', p.step);
    return { step: p.step, trainLoss, valLoss, gap: valLoss - trainLoss };
  }));
  assert.deepEqual(runs.map((r: any) => r.name), ['output']);
  const table = reglens(['inspect', folder]);
  assert.match(table.stdout, /4 checkpoints by step, beside the log of run output/);
});
