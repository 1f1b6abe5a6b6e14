/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core';
import type { RunOutcome } from '../../src/worker/keptRun';
import { commandIds } from '../../src/extension/registry';
import { formatNumber } from '../../src/protocol/labels';
import { activeApi, eventually, lensTitles, sleep, stallMeter, workspaceUri } from './helpers';

const configUri = () => workspaceUri('reglens.json');

function runJson(experiment: string, runId: string): vscode.Uri {
  return workspaceUri('.reglens', 'runs', experiment, runId, 'run.json');
}

function readRun(experiment: string, runId: string): RunRecord {
  return JSON.parse(readFileSync(runJson(experiment, runId).fsPath, 'utf8')) as RunRecord;
}

suite('RegLens in a real extension host', () => {
  test('activates quickly and registers its commands', async () => {
    const api = await activeApi();
    console.log(`RegLens activation: ${api.activationMs.toFixed(1)} ms`);
    assert.ok(api.activationMs < 500, `activation took ${api.activationMs} ms`);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['train', 'trainAll', 'stop', 'openDashboard', 'showRun', 'compareRuns', 'deleteRun', 'newConfig', 'convertLambda', 'showObjective']) {
      assert.ok(commands.includes(`reglens.${id}`), `reglens.${id} is not registered`);
    }
    assert.equal((await activeApi()).liveWorkers(), 0, 'a worker started before any run');
  });

  test('Convert λ gives the equivalents of DESIGN §3', async () => {
    // (λ/2m)·Σw² = (λ'/2)·Σw² = λ''·Σw²  ⇒  λ' = λ/m, λ'' = λ/2m.
    const m = 1437;
    const result = await vscode.commands.executeCommand<Record<string, number>>(commandIds.convertLambda, 0.01, '2m', m);
    assert.ok(Math.abs(result.half - 0.01 / m) < 1e-15);
    assert.ok(Math.abs(result.sum - 0.01 / (2 * m)) < 1e-15);
    assert.equal(result.pytorchWeightDecay, result.half);
    assert.equal(result.keras, result.sum);
  });

  test('Train writes the run to .reglens/runs and the λ lens shows its result', async () => {
    await vscode.window.showTextDocument(configUri());
    const lambdaLens = (titles: string[]) => titles.find((title) => title.startsWith('λ = 0.01'));
    const before = await eventually('the λ lens', async () => lambdaLens(await lensTitles(configUri())));
    assert.match(before, /no run yet/);
    assert.ok((await lensTitles(configUri())).includes('$(play) Train'));

    const outcome = await vscode.commands.executeCommand<RunOutcome>(commandIds.train, 'iris-quick', configUri());
    assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
    const runId = outcome.kind === 'done' ? outcome.record.id : '';
    const record = readRun('iris-quick', runId);
    assert.equal(record.experiment, 'iris-quick');
    assert.equal(record.epochs.length, 15);
    assert.equal(record.spec.regularization.lambda, 0.01);

    const after = await eventually('the λ lens to show the run', async () => {
      const title = lambdaLens(await lensTitles(configUri()));
      return title && !title.includes('no run yet') ? title : undefined;
    });
    const valLoss = record.summary.final?.valLoss;
    assert.ok(valLoss !== null && valLoss !== undefined);
    assert.match(after, /val loss .* gap .* sparsity \d+/);
    assert.ok(after.includes(`val loss ${formatNumber(valLoss, 3)}`), `${after} does not show val loss ${valLoss}`);
    assert.equal((await activeApi()).liveWorkers(), 0);

    await vscode.commands.executeCommand(commandIds.openDashboard, 'iris-quick', configUri());
    const dashboardTab = () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('reglens.dashboard'));
    const tab = await eventually('the dashboard tab', dashboardTab, 5000);
    assert.match(tab.label, /iris-quick/);
  });

  test('a digits run leaves the event loop free, and Stop keeps its epochs and leaves no worker', async () => {
    const api = await activeApi();
    let epochs = 0;
    // The same meter with nothing training: on a loaded machine the OS alone makes gaps.
    const idle = stallMeter();
    await sleep(2000);
    const idleStall = idle.stop();
    console.log(`extension host idle: longest gap ${idleStall.wall.toFixed(1)} ms (busy ${idleStall.busy.toFixed(1)} ms); gaps over 15 ms [ms, gap, cpu]: ${JSON.stringify(idle.gaps)}`);
    const listener = api.onDidReportEpoch(({ experiment }) => experiment === 'digits-long' && epochs++);
    const training = vscode.commands.executeCommand<RunOutcome>(commandIds.train, 'digits-long', configUri());
    await eventually('the first digits epoch', () => (epochs > 0 ? true : undefined), 30000);
    assert.equal((await activeApi()).liveWorkers(), 1);

    const meter = stallMeter();
    await sleep(3000);
    const stall = meter.stop();
    await vscode.commands.executeCommand(commandIds.stop);
    const outcome = await training;
    listener.dispose();
    console.log(
      `extension host while digits trained: longest gap ${stall.wall.toFixed(1)} ms, of it busy on the CPU ${stall.busy.toFixed(1)} ms ` +
        `(5 ms timer, ${epochs} epochs so far); gaps over 15 ms [ms, gap, cpu]: ${JSON.stringify(meter.gaps)}`,
    );
    assert.ok(stall.busy < 50, `the extension host's event loop was blocked for ${stall.busy} ms`);

    assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
    const runId = outcome.kind === 'done' ? outcome.record.id : null;
    assert.ok(runId, 'the cancelled run was not saved');
    const record = readRun('digits-long', runId);
    assert.equal(record.summary.stopReason, 'cancelled');
    assert.ok(record.epochs.length > 0 && record.epochs.length < 100000, `${record.epochs.length} epochs saved`);
    assert.equal((await activeApi()).liveWorkers(), 0, 'a worker is left after Stop');
  });

  test('a broken config gets a diagnostic at the exact range, cleared when fixed', async () => {
    const uri = workspaceUri('broken.reglens.json');
    const text = '{\n  "experiments": [\n    { "name": "dup", "data": { "dataset": "iris" } },\n    { "name": "dup", "data": { "dataset": "wine" } }\n  ]\n}\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const duplicate = () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'duplicate-name');
    const diagnostic = await eventually('the duplicate-name diagnostic', duplicate);
    const second = text.indexOf('"dup"', text.indexOf('"dup"') + 1);
    assert.deepEqual(
      [diagnostic.range.start, diagnostic.range.end].map((p) => [p.line, p.character]),
      [
        [3, second - text.lastIndexOf('\n', second) - 1],
        [3, second - text.lastIndexOf('\n', second) - 1 + '"dup"'.length],
      ],
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    // Training a broken config is refused with a message (not an exception), and no worker starts.
    assert.equal(await vscode.commands.executeCommand(commandIds.train, 'dup', uri), undefined);
    assert.equal((await activeApi()).liveWorkers(), 0);

    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(second), document.positionAt(second + 5)), '"dup2"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await eventually('the diagnostic to clear', () => (duplicate() ? undefined : true), 5000);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(uri);
    assert.ok(!existsSync(uri.fsPath));
  });
});
