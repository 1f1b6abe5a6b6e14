/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CheckpointEditorProvider } from '../../src/extension/features/inspect/checkpointEditor';
import { commandIds } from '../../src/extension/registry';
import { activeApi, eventually } from './helpers';

/** out/test/integration → the repository, where the checkpoint fixtures are. */
const fixture = (name: string) => vscode.Uri.file(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'checkpoints', name));

function activeCustomEditor(): vscode.TabInputCustom | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom ? input : undefined;
}

suite('Checkpoints in a real extension host', () => {
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('a .safetensors file opens in the checkpoint editor', async () => {
    await activeApi();
    await vscode.commands.executeCommand('vscode.open', fixture('mlp.bf16.safetensors'));
    const input = await eventually('the checkpoint editor', activeCustomEditor);
    assert.equal(input.viewType, CheckpointEditorProvider.viewType);
    assert.equal(input.uri.fsPath, fixture('mlp.bf16.safetensors').fsPath);
  });

  test('Diagnose Checkpoint… opens a .bin (where the editor is only an option) in the checkpoint editor', async () => {
    await activeApi();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(commandIds.diagnoseCheckpoint));
    await vscode.commands.executeCommand(commandIds.diagnoseCheckpoint, fixture('embedding.bin'));
    const input = await eventually('the checkpoint editor', () => (activeCustomEditor()?.uri.fsPath.endsWith('embedding.bin') ? activeCustomEditor() : undefined));
    assert.equal(input.viewType, CheckpointEditorProvider.viewType);
  });
});
