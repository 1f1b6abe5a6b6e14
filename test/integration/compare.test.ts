/// <reference types="mocha" />
// Compare Regularizers on the fixture's small iris experiment: every strength tuned on the pool, the
// eight runs trained at their choices and saved as one comparison, apart from the experiment's runs.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { lambdaGrid, strengthGrids, type ComparisonRecord, type RunRecord } from '../../src/core';
import type { ComparedRegularizers } from '../../src/extension/features/compare/compareRegularizers';
import { commandIds } from '../../src/extension/registry';
import { runLabel } from '../../src/protocol/runLabel';
import { activeApi, eventually, workspaceUri } from './helpers';

const experiment = 'iris-tune';
const configUri = () => workspaceUri('reglens.json');
const storedRuns = () => (existsSync(workspaceUri('.reglens', 'runs', experiment).fsPath) ? readdirSync(workspaceUri('.reglens', 'runs', experiment).fsPath).sort() : []);
const dashboardTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview);

suite('Compare Regularizers', () => {
  suiteSetup(async () => {
    await activeApi();
  });

  suiteTeardown(async () => {
    await vscode.window.tabGroups.close(dashboardTabs());
  });

  test('tunes each strength, trains the eight runs at their choices and saves them as one comparison', async function () {
    // 78 (strength, fold) trainings and 8 runs: 22 s on a quiet machine, over the default 60 s on a loaded one.
    this.timeout(180_000);
    const runsBefore = storedRuns();
    const compared = await vscode.commands.executeCommand<ComparedRegularizers | undefined>(commandIds.compareRegularizers, experiment, configUri());
    assert.ok(compared, 'the comparison returned nothing');
    const { record, runs } = compared;
    assert.deepEqual(record.entries.map((e) => e.name), ['none', 'l2', 'l1', 'elasticNet', 'dropout', 'maxNorm', 'inputNoise', 'earlyStopping']);
    assert.deepEqual(runs.map((run) => run.id), record.entries.map((e) => e.runId));

    const at = (name: string) => record.entries.findIndex((e) => e.name === name);
    for (const name of ['l2', 'l1', 'elasticNet']) {
      const entry = record.entries[at(name)]!;
      assert.deepEqual(entry.tuning!.result.lambdas, [3, 0.3, 0.003], `${name}: the experiment's own λ grid`);
      assert.equal(runs[at(name)]!.spec.regularization.penalty, name);
      assert.equal(runs[at(name)]!.spec.regularization.lambda, entry.tuning!.result.chosen);
    }
    const dropout = record.entries[at('dropout')]!;
    assert.deepEqual(dropout.tuning!.result.lambdas, lambdaGrid(strengthGrids.dropout, false));
    assert.equal(runs[at('dropout')]!.spec.regularization.dropout, dropout.choice!.value);
    const maxNorm = record.entries[at('maxNorm')]!;
    assert.equal(runs[at('maxNorm')]!.spec.regularization.maxNorm, 1 / maxNorm.choice!.value, 'c = 1/s');
    assert.equal(runs[at('inputNoise')]!.spec.regularization.inputNoise, record.entries[at('inputNoise')]!.choice!.value);
    assert.equal(new Set(runs.map((run) => runLabel(run.spec))).size, runs.length, 'every legend names its own regularizer');

    // Early stopping: the plain run's trajectory, stopped by its validation loss.
    const plain = runs[at('none')]!;
    const stopped = runs[at('earlyStopping')]!;
    assert.deepEqual(stopped.spec.training.earlyStopping, { patience: 10, minDelta: 0, restoreBest: true });
    assert.deepEqual(stopped.epochs.map((e) => e.valLoss), plain.epochs.slice(0, stopped.epochs.length).map((e) => e.valLoss));

    const dir = workspaceUri('.reglens', 'comparisons', experiment, record.id);
    const onDisk = JSON.parse(readFileSync(vscode.Uri.joinPath(dir, 'comparison.json').fsPath, 'utf8')) as ComparisonRecord;
    assert.deepEqual(onDisk.entries.map((e) => e.runId), record.entries.map((e) => e.runId));
    for (const run of runs) {
      const stored = JSON.parse(readFileSync(vscode.Uri.joinPath(dir, 'runs', experiment, run.id, 'run.json').fsPath, 'utf8')) as RunRecord;
      assert.equal(stored.summary.stopReason, run.spec.training.earlyStopping ? stored.summary.stopReason : 'completed');
    }
    assert.deepEqual(storedRuns(), runsBefore, "the experiment's own runs are untouched");
    assert.deepEqual(readdirSync(workspaceUri('.reglens', 'comparisons', experiment).fsPath), [record.id], 'no draft folder is left');

    const tab = await eventually('the comparison tab', () => dashboardTabs().find((t) => t.label === `RegLens: regularizers compared on ${experiment}`), 5000);
    assert.ok(tab);
    assert.equal((await activeApi()).liveWorkers(), 0);

    await vscode.window.tabGroups.close(dashboardTabs());
    assert.equal(await vscode.commands.executeCommand<boolean>(commandIds.showComparison, experiment, record.id, configUri()), true);
    await eventually('the reopened comparison', () => dashboardTabs().find((t) => t.label.includes('regularizers compared')), 5000);
  });
});

suite('New Config', () => {
  test('offers the visual decision-boundary example besides digits', async () => {
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>(commandIds.newConfig, 'boundary');
    try {
      assert.ok(written, 'nothing was written');
      assert.equal(written.fsPath, workspaceUri('boundary.reglens.json').fsPath);
      const extension = vscode.extensions.getExtension('reglens.reglens')!;
      assert.equal(readFileSync(written.fsPath, 'utf8'), readFileSync(vscode.Uri.joinPath(extension.extensionUri, 'media', 'example-boundary.reglens.json').fsPath, 'utf8'));
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, written.fsPath, 'the new config is opened');
      assert.ok(existsSync(workspaceUri('reglens.json').fsPath), 'the digits config is left alone');
    } finally {
      // The other suites train every config file of the workspace: leave only theirs.
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      if (written) await vscode.workspace.fs.delete(written);
    }
  });
});
