/** The sidebar's checkpoint entries: series grouped by the series rule, other model files one each, nothing read outside the workspace. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseChoices } from '../../../src/extension/features/logs/checkpointChoices';
import { groupCheckpoints, maxCandidateFolders } from '../../../src/extension/features/logs/checkpointGroups';
import { findCheckpointSeries, type FoundSeries } from '../../../src/io/checkpoints';
import { repoRoot } from '../paths';

const fixtures = join(repoRoot, 'test', 'fixtures');
const find = (folder: string): Promise<FoundSeries | null> => findCheckpointSeries(folder).catch(() => null);

/** A workspace as the globs would find it: a folder of stepped .pt files, a Hugging Face output folder, loose checkpoints. */
function workspace(): { root: string; files: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'reglens-groups-'));
  cpSync(join(fixtures, 'series', 'steps'), join(root, 'steps'), { recursive: true });
  cpSync(join(fixtures, 'logs', 'hf', 'output'), join(root, 'hf', 'output'), { recursive: true });
  mkdirSync(join(root, 'models', 'one'), { recursive: true });
  copyFileSync(join(fixtures, 'checkpoints', 'mlp.f32.safetensors'), join(root, 'models', 'mlp.f32.safetensors'));
  copyFileSync(join(fixtures, 'checkpoints', 'mlp.pt'), join(root, 'models', 'one', 'run-3.pt'));
  // Hugging Face writes these beside the model; none is one, and none is a step of its own.
  writeFileSync(join(root, 'hf', 'output', 'checkpoint-40', 'optimizer.pt'), 'x');
  writeFileSync(join(root, 'models', 'model-00001-of-00002.safetensors'), 'x');
  const files = [
    ...['model_step100.pt', 'model_step200.pt', 'model_step1000.pt', 'notes.pt'].map((name) => join(root, 'steps', name)),
    ...[40, 80, 120, 160].map((step) => join(root, 'hf', 'output', `checkpoint-${step}`, 'model.safetensors')),
    join(root, 'hf', 'output', 'checkpoint-40', 'optimizer.pt'),
    join(root, 'models', 'mlp.f32.safetensors'),
    join(root, 'models', 'model-00001-of-00002.safetensors'),
    join(root, 'models', 'one', 'run-3.pt'),
  ];
  return { root, files };
}

test('a stepped folder and a Hugging Face output folder are one series each; other model files are one entry each', async () => {
  const { root, files } = workspace();
  const groups = await groupCheckpoints(files, [root], find);
  assert.deepEqual(
    groups.map((g) => [g.kind, g.path.slice(root.length + 1), g.unit, g.checkpoints.map((c) => c.step)]),
    [
      ['series', 'hf/output', 'step', [40, 80, 120, 160]],
      ['file', 'models/mlp.f32.safetensors', 'step', [null]],
      // One stepped checkpoint is not a series.
      ['file', 'models/one/run-3.pt', 'step', [null]],
      ['series', 'steps', 'step', [100, 200, 1000]],
      // In the series' folder without a step: findCheckpointSeries leaves it out, so it is a file of its own.
      ['file', 'steps/notes.pt', 'step', [null]],
    ],
  );
  assert.equal(groups.find((g) => g.path.endsWith('steps') && g.kind === 'series')!.checkpoints.at(-1)!.path, join(root, 'steps', 'model_step1000.pt'));
});

test('series are looked for only inside the roots, in at most the bounded number of folders', async () => {
  const asked: string[] = [];
  const record = async (folder: string) => (asked.push(folder), null);
  await groupCheckpoints(['/ws/model.pt', '/ws/a/b.pt', '/elsewhere/c.pt'], ['/ws'], record);
  assert.deepEqual(asked.sort(), ['/ws', '/ws/a']);

  asked.length = 0;
  const many = Array.from({ length: maxCandidateFolders * 2 }, (_, i) => `/ws/f${i}/model.pt`);
  const groups = await groupCheckpoints(many, ['/ws'], record);
  assert.equal(asked.length, maxCandidateFolders);
  assert.equal(groups.length, many.length, 'files are listed whether or not their folder was looked at');
});

test("Compare… offers the series' first checkpoint first (before vs after), then every other entry's latest", () => {
  const steps = { label: 'steps', unit: 'step' as const, checkpoints: [100, 200, 1000].map((step) => ({ step, path: `/ws/steps/s${step}.pt` })) };
  const base = { label: 'base.safetensors', unit: 'step' as const, checkpoints: [{ step: null, path: '/ws/base.safetensors' }] };
  const noWd = { label: 'no-wd', unit: 'epoch' as const, checkpoints: [1, 2].map((step) => ({ step, path: `/ws/no-wd/e${step}.pt` })) };
  const empty = { label: 'log only', unit: 'step' as const, checkpoints: [] };

  const forLatest = baseChoices([steps, base, noWd, empty], '/ws/steps/s1000.pt');
  assert.deepEqual(forLatest.map((c) => [c.label, c.path]), [
    ['steps · step 100', '/ws/steps/s100.pt'],
    ['steps · step 200', '/ws/steps/s200.pt'],
    ['base.safetensors', '/ws/base.safetensors'],
    ['no-wd', '/ws/no-wd/e2.pt'],
  ]);
  assert.equal(forLatest[0].description, 'the first of this series');
  assert.equal(forLatest[3].description, 'its latest, epoch 2');

  // A file: the others' latest, in the listed order; never itself.
  assert.deepEqual(baseChoices([steps, base, noWd], '/ws/base.safetensors').map((c) => c.path), ['/ws/steps/s1000.pt', '/ws/no-wd/e2.pt']);
  assert.deepEqual(baseChoices([base], '/ws/base.safetensors'), []);
});
