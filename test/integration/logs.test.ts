/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { commandIds } from '../../src/extension/registry';
import { activeApi, eventually, workspaceUri } from './helpers';

/** A Keras CSVLogger file: validation loss lowest at epoch 3 (1-based), then rising while training loss falls. */
const header = 'epoch,loss,val_loss\r\n';
const rows = ['0,1.0,1.1', '1,0.8,0.9', '2,0.6,0.7', '3,0.5,0.75', '4,0.4,0.8'].map((row) => `${row}\r\n`);

suite('Training logs in a real extension host', () => {
  test('Open Training Log shows a log in the dashboard and follows it while it grows', async () => {
    const api = await activeApi();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(commandIds.openTrainingLog));
    mkdirSync(workspaceUri('logs').fsPath, { recursive: true });
    const uri = workspaceUri('logs', 'training.log');
    writeFileSync(uri.fsPath, header + rows.slice(0, 2).join('') + '2,0.6');

    const shown: { id: string; points: number; bestEpoch: number | null }[][] = [];
    const listener = api.onDidShowTrainingLogs((runs) => shown.push(runs));
    try {
      await vscode.commands.executeCommand(commandIds.openTrainingLog, uri);
      const first = await eventually('the log shown', () => shown.at(-1));
      assert.equal(first.length, 1);
      assert.match(first[0].id, /training\.log#training$/);
      assert.equal(first[0].points, 4, 'two complete rows of two series; the partial row waits');
      const dashboardTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('reglens.dashboard'));
      await eventually('the dashboard tab', dashboardTab);

      appendFileSync(uri.fsPath, ',0.7\r\n' + rows.slice(3).join(''));
      const grown = await eventually('the grown log shown', () => shown.find((runs) => runs[0]?.points === 10));
      assert.equal(grown[0].bestEpoch, 3);
    } finally {
      listener.dispose();
      rmSync(uri.fsPath, { force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
