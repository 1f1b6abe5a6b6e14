/// <reference types="mocha" />
// Issue 12's sidebar in a real VS Code: the Checkpoints section lists a config's external model, a
// folder of stepped checkpoints as one series and loose checkpoint files, follows files coming and
// going, and its Compare… (the command the sidebar's button runs) opens the comparison of the series'
// first checkpoint against its latest, with numpy's relative changes (test/fixtures/series/make_series.py).
import * as assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CheckpointEditorProvider } from '../../src/extension/features/inspect/checkpointEditor';
import type { CheckpointList } from '../../src/protocol/webview';
import { commandIds } from '../../src/extension/registry';
import { activeApi, eventually, workspaceUri } from './helpers';

/** out/test/integration → the repository's fixtures. */
const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures');
const expected = JSON.parse(readFileSync(join(fixtures, 'series', 'expected.json'), 'utf8')) as Record<string, Record<string, { relativeChange: number }>>;

suite('Checkpoints in the sidebar, in a real extension host', () => {
  const folder = () => workspaceUri('sidebar-ckpt');
  const config = () => workspaceUri('ckpt.reglens.json');

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(folder().fsPath, { recursive: true, force: true });
    rmSync(config().fsPath, { force: true });
  });

  test('the sidebar lists the external model, the series and the files, and follows a file deleted', async () => {
    const api = await activeApi();
    let latest: CheckpointList | undefined;
    const listener = api.onDidListCheckpoints((list) => (latest = list));
    try {
      mkdirSync(folder().fsPath, { recursive: true });
      cpSync(join(fixtures, 'series', 'steps'), join(folder().fsPath, 'steps'), { recursive: true });
      cpSync(join(fixtures, 'logs', 'hf', 'output'), join(folder().fsPath, 'hf'), { recursive: true });
      copyFileSync(join(fixtures, 'checkpoints', 'mlp.f32.safetensors'), join(folder().fsPath, 'mlp.f32.safetensors'));
      writeFileSync(config().fsPath, JSON.stringify({
        experiments: [{ name: 'tiny', data: { dataset: 'iris' }, training: { epochs: 2 } }],
        external: [{ name: 'hf-run', checkpoints: 'sidebar-ckpt/hf', log: 'sidebar-ckpt/hf/checkpoint-160/trainer_state.json' }],
      }));
      const ours = (list: CheckpointList | undefined) => list?.items.filter((item) => item.label === 'hf-run' || item.label.startsWith('sidebar-ckpt/'));
      const shown = (list: CheckpointList | undefined) => ours(list)?.map((i) => [i.kind, i.label, i.checkpoints, i.firstStep, i.lastStep, i.log, i.actions.join(' ')]);
      const listed = await eventually('the fixtures listed', () => (ours(latest)?.length === 4 ? shown(latest) : undefined));
      assert.deepEqual(listed, [
        ['external', 'hf-run', 4, 40, 160, 'sidebar-ckpt/hf/checkpoint-160/trainer_state.json', 'diagnose series compare'],
        ['file', 'sidebar-ckpt/mlp.f32.safetensors', 1, null, null, null, 'diagnose compare'],
        // The external model's folder is not listed a second time; notes.pt has no step, so it is not in the series.
        ['series', 'sidebar-ckpt/steps', 3, 100, 1000, null, 'diagnose series compare'],
        ['file', 'sidebar-ckpt/steps/notes.pt', 1, null, null, null, 'diagnose compare'],
      ]);
      assert.equal(latest?.restricted, false);

      rmSync(join(folder().fsPath, 'mlp.f32.safetensors'));
      await eventually('the deleted file gone from the list', () => (ours(latest)?.length === 3 ? true : undefined));
    } finally {
      listener.dispose();
    }
  });

  test("Compare… on the series opens its first checkpoint compared with its latest, by default", async () => {
    const api = await activeApi();
    const first = vscode.Uri.joinPath(folder(), 'steps', 'model_step100.pt');
    const last = vscode.Uri.joinPath(folder(), 'steps', 'model_step1000.pt');
    const compared: { base: string; other: string; relativeChanges: Record<string, number | null> }[] = [];
    const listener = api.onDidCompareCheckpoints((shown) => compared.push(shown));
    try {
      // What the sidebar's Compare… on the series runs: the latest, with the base to pick.
      let settled = false;
      const running = Promise.resolve(vscode.commands.executeCommand(commandIds.compareCheckpoints, last)).finally(() => (settled = true));
      // Take the pick's default (the first item) once the pick is up.
      await eventually('the pick accepted', async () => {
        if (settled) return true;
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return undefined;
      });
      await running;
      const shown = await eventually('the comparison', () => compared[0], 60000);
      assert.equal(shown.base, first.fsPath);
      assert.equal(shown.other, last.fsPath);
      const numpy = expected['steps delta 100 1000']!;
      // numpy's reference has the weight matrices; the biases are compared too.
      assert.deepEqual(Object.keys(shown.relativeChanges).sort(), ['layers.0.bias', 'layers.0.weight', 'layers.1.bias', 'layers.1.weight']);
      for (const [layer, { relativeChange }] of Object.entries(numpy)) {
        const ours = shown.relativeChanges[layer];
        assert.ok(ours !== null && ours !== undefined && Math.abs(ours - relativeChange) <= 1e-5 * relativeChange, `${layer}: ${ours} vs numpy ${relativeChange}`);
      }
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      assert.ok(tab instanceof vscode.TabInputCustom && tab.viewType === CheckpointEditorProvider.viewType && tab.uri.fsPath === first.fsPath, 'the base open in the checkpoint editor');
    } finally {
      listener.dispose();
    }
  });
});
