/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { commandIds } from '../../src/extension/registry';
import { activeApi, eventually, lensTitles, workspaceUri } from './helpers';

/** out/test/integration → the repository: the Hugging Face output folder (trainer_state.json and model.safetensors per checkpoint). */
const hfOutput = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'logs', 'hf', 'output');

suite('Models trained elsewhere, from the config', () => {
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test("an external entry gets Diagnose and Compare lenses; Compare shows its log and checkpoints by step together", async () => {
    const api = await activeApi();
    cpSync(hfOutput, workspaceUri('hf', 'output').fsPath, { recursive: true });
    const config = workspaceUri('external.reglens.json');
    writeFileSync(config.fsPath, JSON.stringify({
      experiments: [{ name: 'tiny', data: { dataset: 'iris' }, training: { epochs: 2 } }],
      external: [
        { name: 'hf', checkpoints: 'hf/output', log: 'hf/output/checkpoint-160/trainer_state.json' },
        { name: 'elsewhere', checkpoints: '../../outside' },
      ],
    }, null, 2));
    const series: { id: string; steps: number[]; done: boolean }[][] = [];
    const logs: { id: string }[][] = [];
    const listeners = [api.onDidShowCheckpointSeries((shown) => series.push(shown)), api.onDidShowTrainingLogs((shown) => logs.push(shown))];
    try {
      await vscode.window.showTextDocument(config);
      const titles = await eventually('the external lenses', async () => {
        const found = (await lensTitles(config)).filter((t) => t.includes('Diagnose') || t.includes('Compare'));
        return found.length > 0 ? found : undefined;
      });
      // The entry outside the workspace has an error and no lens.
      assert.deepEqual(titles, ['$(search) Diagnose', '$(graph-line) Compare']);

      await vscode.commands.executeCommand(commandIds.compareExternal, 'hf', config);
      const done = await eventually('the series read to its end', () => series.find((shown) => shown[0]?.done));
      assert.deepEqual(done.map((s) => s.steps), [[40, 80, 120, 160]]);
      assert.match(done[0].id, /hf\/output$/);
      const shownLog = await eventually('the log beside it', () => logs.find((shown) => shown.length > 0));
      assert.deepEqual(shownLog.map((run) => run.id), ['hf/output/checkpoint-160/trainer_state.json#output']);
    } finally {
      listeners.forEach((l) => l.dispose());
      rmSync(config.fsPath, { force: true });
      rmSync(workspaceUri('hf').fsPath, { recursive: true, force: true });
    }
  });
});
