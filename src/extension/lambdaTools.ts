/** λ across conventions and the exact objective of an experiment: small pure helpers from the core, no training code. */
import * as vscode from 'vscode';
import { dirname } from 'node:path';
import { lambdaEquivalents, type LambdaEquivalents } from '../core/objective';
import type { PenaltyScale } from '../core/spec';
import type { RunIndex } from './runIndex';
import { pickExperiment, asUri } from './pickers';

const scales: { scale: PenaltyScale; label: string; detail: string }[] = [
  { scale: '2m', label: '2m', detail: '(λ/2m)·Σ‖W‖²_F: the course convention, RegLens default' },
  { scale: 'half', label: 'half', detail: '(λ/2)·Σ‖W‖²_F: PyTorch weight_decay on a mean loss' },
  { scale: 'sum', label: 'sum', detail: 'λ·Σ‖W‖²_F: Keras l2(λ)' },
];

function positiveNumber(text: string, integer: boolean): string | undefined {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) return 'Enter a number ≥ 0.';
  if (integer && (!Number.isInteger(value) || value < 1)) return 'Enter a whole number ≥ 1 (the training rows).';
  return undefined;
}

export function equivalentsText(lambda: number, from: PenaltyScale, m: number, to: LambdaEquivalents): string {
  return (
    `λ = ${lambda} under "${from}" with m = ${m} equals: ` +
    `"2m" λ = ${to['2m']}, "half" λ = ${to.half} (PyTorch weight_decay), "sum" λ = ${to.sum} (Keras l2)`
  );
}

/** Asks for λ, its convention and m unless given; shows and returns the equivalents. */
export async function convertLambdaCommand(log: vscode.LogOutputChannel, lambdaArg?: number, fromArg?: PenaltyScale, mArg?: number): Promise<LambdaEquivalents | undefined> {
  const lambdaText = lambdaArg ?? (await vscode.window.showInputBox({ title: 'Convert λ (1/3)', prompt: 'λ', value: '0.01', validateInput: (t) => positiveNumber(t, false) }));
  if (lambdaText === undefined) return undefined;
  const from = fromArg ?? (await vscode.window.showQuickPick(scales, { title: 'Convert λ (2/3): the convention it is written in' }))?.scale;
  if (from === undefined) return undefined;
  const mText = mArg ?? (await vscode.window.showInputBox({ title: 'Convert λ (3/3)', prompt: 'm, the number of training rows', value: '1437', validateInput: (t) => positiveNumber(t, true) }));
  if (mText === undefined) return undefined;
  const [lambda, m] = [Number(lambdaText), Number(mText)];
  const equivalents = lambdaEquivalents({ lambda, scale: from }, m);
  const text = equivalentsText(lambda, from, m, equivalents);
  log.info(text);
  void vscode.window.showInformationMessage(text);
  return equivalents;
}

/** The objective text of the experiment's latest run; m, the training rows, is known only once data was loaded. */
export async function showObjectiveCommand(runIndex: RunIndex, name?: string, configArg?: unknown): Promise<string | undefined> {
  const target = await pickExperiment(name, asUri(configArg), 'Show the objective of which experiment?');
  if (!target) return undefined;
  const runs = await runIndex.runs(dirname(target.configUri.fsPath));
  const latest = runs.find((run) => run.experiment === target.experiment.name);
  if (!latest) {
    const choice = await vscode.window.showInformationMessage(
      `RegLens: ${target.experiment.name} has no run yet. The objective names m, the number of training rows, which is known once its data is loaded: train it once.`,
      'Train',
    );
    if (choice) void vscode.commands.executeCommand('reglens.train', target.experiment.name, target.configUri);
    return undefined;
  }
  void vscode.window.showInformationMessage(`${target.experiment.name}: minimize ${latest.objective}`, { modal: false });
  return latest.objective;
}
