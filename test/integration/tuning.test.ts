/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { setLambda } from '../../src/config/edit';
import { locateExperiments } from '../../src/config/locate';
import type { TuningRecord } from '../../src/core';
import { commandIds } from '../../src/extension/registry';
import { activeApi, eventually, workspaceUri } from './helpers';

const configUri = () => workspaceUri('reglens.json');
const experiment = 'iris-tune';

async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
}

/** The experiment's λ as the document has it now. */
function lambdaIn(text: string, name: string): number {
  const { lambdaRange } = locateExperiments(text).find((e) => e.name === name)!;
  const lines = text.split('\n');
  return Number(lines[lambdaRange!.start.line]!.slice(lambdaRange!.start.character, lambdaRange!.end.character));
}

suite('λ tuning through the worker pool', () => {
  suiteSetup(async () => {
    await activeApi();
  });

  // The other suites find the dashboard by its tab: leave none open.
  suiteTeardown(async () => {
    const dashboards = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview);
    await vscode.window.tabGroups.close(dashboards);
  });

  test('registers the tuning commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['tune', 'applyLambda']) assert.ok(commands.includes(`reglens.${id}`), `reglens.${id} is not registered`);
  });

  test('Tune λ saves a tuning; its Apply λ_1se lens edits the config, comments intact, and undo takes it back', async () => {
    const document = await vscode.workspace.openTextDocument(configUri());
    await vscode.window.showTextDocument(document);
    const before = document.getText();
    assert.equal(lambdaIn(before, experiment), 0.05);

    const record = await vscode.commands.executeCommand<TuningRecord | undefined>(commandIds.tune, experiment, configUri());
    assert.ok(record, 'the tuning returned nothing');
    const saved = workspaceUri('.reglens', 'tunings', experiment, `${record.id}.json`);
    assert.ok(existsSync(saved.fsPath), `${saved.fsPath} was not written`);
    const onDisk = JSON.parse(readFileSync(saved.fsPath, 'utf8')) as TuningRecord;
    assert.equal(onDisk.result.stopReason, 'completed');
    assert.deepEqual(onDisk.result.lambdas, [3, 0.3, 0.003]);
    assert.equal(onDisk.result.folds, 3);
    assert.equal(onDisk.result.curve.length, 3);
    assert.ok(onDisk.result.curve.every((point) => point.epochs > 0 && Number.isFinite(point.valLoss.mean)));
    assert.equal((await activeApi()).liveWorkers(), 0, 'a worker is left after the tuning');

    const oneSe = Number(onDisk.result.lambda1se!.lambda.toPrecision(3));
    assert.notEqual(oneSe, 0.05);
    const apply = await eventually('the Apply λ_1se lens', async () => (await lenses(configUri())).find((lens) => lens.command?.title === `Apply λ_1se = ${oneSe}`));
    const titles = (await lenses(configUri())).map((lens) => lens.command?.title ?? '');
    assert.ok(titles.some((title) => /λ_min = /.test(title)), `no λ_min lens among ${JSON.stringify(titles)}`);
    // The lens sits on the experiment's λ, where the result lens is.
    const lambdaLine = locateExperiments(before).find((e) => e.name === experiment)!.lambdaRange!.start.line;
    assert.equal(apply.range.start.line, lambdaLine);

    assert.equal(await vscode.commands.executeCommand(apply.command!.command, ...(apply.command!.arguments ?? [])), true);
    const after = document.getText();
    assert.equal(lambdaIn(after, experiment), oneSe);
    assert.equal(after, setLambda(before, experiment, oneSe), 'the edit changed more than the λ');
    assert.ok(after.includes('// Picked by hand; Tune λ should suggest better.'));
    assert.equal(lambdaIn(after, 'iris-quick'), 0.01);
    await eventually('the lens to mark λ_1se as current', async () =>
      (await lenses(configUri())).find((lens) => lens.command?.title === `λ_1se = ${oneSe} (current)`),
    );

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), before);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test("the view's Extend the grid tunes again over the grid it gives, not the config's", async () => {
    const extended = [300, 30, 3, 0.3, 0.003];
    const record = await vscode.commands.executeCommand<TuningRecord | undefined>(commandIds.tune, experiment, configUri(), extended);
    assert.ok(record, 'the tuning returned nothing');
    assert.deepEqual(record.result.lambdas, extended);
    assert.deepEqual(record.result.curve.map((point) => point.lambda), extended);
  });

  test('Stop during a tuning ends it on every worker, saves nothing and leaves no worker', async () => {
    // digits-long: 100000 epochs per (λ, fold), so only Stop ends it.
    const tuning = vscode.commands.executeCommand<TuningRecord | undefined>(commandIds.tune, 'digits-long', configUri());
    // Stop at once: it must end the tuning whichever step it lands in (loading the rows, or the folds).
    await eventually('the tuning workers', async () => (((await activeApi()).liveWorkers()) > 0 ? true : undefined), 30000);
    assert.ok((await vscode.commands.executeCommand<number>(commandIds.stop)) >= 1, 'Stop found nothing running');
    assert.equal(await tuning, undefined);
    assert.ok(!existsSync(workspaceUri('.reglens', 'tunings', 'digits-long').fsPath), 'a cancelled tuning was saved');
    assert.equal((await activeApi()).liveWorkers(), 0, 'a worker is left after stopping the tuning');
  });
});
