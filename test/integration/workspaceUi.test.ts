/// <reference types="mocha" />
// Issue 16 items 1, 2, 3, 5 and 9 in a real VS Code: a broken experiment blocks only itself with one
// error, tunings reopen in their own panel beside a run's, and answers are documents.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TuningRecord } from '../../src/core';
import { commandIds } from '../../src/extension/registry';
import type { RunOutcome } from '../../src/worker/keptRun';
import { activeApi, eventually, workspaceUri } from './helpers';

const configUri = () => workspaceUri('partial.reglens.json');
// out/test/integration → the repository's test fixtures.
const [tuning] = JSON.parse(readFileSync(join(__dirname, '../../../test/webview/fixtures/tunings.json'), 'utf8')) as TuningRecord[];
const text = `{
  "experiments": [
    { "name": "${tuning!.experiment}", "data": { "dataset": "iris" }, "training": { "epochs": 3 }, "regularization": { "penalty": "l1", "lambda": 0.01 } },
    { "name": "partial-bad", "data": { "dataset": "iris" }, "regularization": { "penalty": "l2", "lambda": -5 } }
  ]
}
`;

function dashboardTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('reglens.dashboard'));
}

suite('the UI as a user meets it', () => {
  let runId: string | undefined;

  suiteSetup(async () => {
    await activeApi();
    writeFileSync(configUri().fsPath, text);
    const tunings = workspaceUri('.reglens', 'tunings', tuning!.experiment);
    mkdirSync(tunings.fsPath, { recursive: true });
    writeFileSync(vscode.Uri.joinPath(tunings, `${tuning!.id}.json`).fsPath, JSON.stringify(tuning));
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(configUri());
  });

  test('a negative λ is one error, at λ; the valid experiment of the same file trains, the broken one does not', async () => {
    const document = await vscode.workspace.openTextDocument(configUri());
    await vscode.window.showTextDocument(document);
    const lambda = document.positionAt(text.indexOf('-5'));
    const atLambda = () => vscode.languages.getDiagnostics(configUri()).filter((d) => d.range.contains(lambda));
    const [error] = await eventually('the λ error', () => (atLambda().length > 0 ? atLambda() : undefined));
    assert.equal(error!.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(error!.source, 'RegLens');

    const outcome = await vscode.commands.executeCommand<RunOutcome | undefined>(commandIds.train, tuning!.experiment, configUri());
    assert.equal(outcome?.kind, 'done', JSON.stringify(outcome));
    runId = outcome?.kind === 'done' ? outcome.record.id : undefined;
    assert.equal(await vscode.commands.executeCommand(commandIds.train, 'partial-bad', configUri()), undefined);
    assert.equal((await activeApi()).liveWorkers(), 0);
    // VS Code's JSON support has had the whole training to validate the file against the schema it got: still one problem there.
    assert.deepEqual(atLambda().map((d) => [d.source, d.message]), [[error!.source, error!.message]]);
  });

  test('a stored tuning reopens in its own panel, and showing a run beside it does not replace it', async () => {
    assert.ok(runId, 'the previous test trained no run');
    const before = dashboardTabs().length;
    await vscode.commands.executeCommand(commandIds.showTuning, tuning!.experiment, tuning!.id, configUri());
    await eventually('the tuning panel', () => (dashboardTabs().some((tab) => tab.label.includes('λ tuning')) ? true : undefined));
    await vscode.commands.executeCommand(commandIds.showRun, tuning!.experiment, runId);
    await eventually('a second dashboard panel', () => (dashboardTabs().length === before + 2 ? true : undefined));
    assert.ok(dashboardTabs().some((tab) => tab.label.includes('λ tuning')), dashboardTabs().map((t) => t.label).join(', '));
    // Asked again, the tuning's panel is revealed, not doubled.
    await vscode.commands.executeCommand(commandIds.showTuning, tuning!.experiment, tuning!.id, configUri());
    assert.equal(dashboardTabs().length, before + 2);
  });

  test('Convert λ answers with lines to pick and copy: the config block under each RegLens scale', async () => {
    const m = 1437;
    const result = (await vscode.commands.executeCommand(commandIds.convertLambda, 0.01, '2m', m)) as { sum: number; half: number; lines: { label: string; copy: string }[] };
    const twelve = (value: number) => String(Number(value.toPrecision(12)));
    for (const [scale, lambda] of [['sum', 0.01 / (2 * m)], ['half', 0.01 / m], ['2m', 0.01]] as const) {
      const line = result.lines.find((l) => l.copy.includes(`"scale": "${scale}"`));
      assert.ok(line?.copy.includes(`"lambda": ${twelve(lambda)}`), `${scale}: ${JSON.stringify(result.lines)}`);
    }
  });
});
