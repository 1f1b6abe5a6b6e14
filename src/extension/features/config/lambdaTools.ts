/** λ across conventions and the exact objective of an experiment: small pure helpers from the core, no training code. */
import * as vscode from 'vscode';
import { lambdaEquivalents, type LambdaEquivalents, type PenaltyScale } from '../../../core';
import { scaleConventions } from '../../../protocol/labels';
import { formatNumber } from '../../../protocol/numbers';
import type { RegLensContext } from '../../context';
import type { Answers } from '../../answers';
import { runCommand } from '../../registry';
import { untrusted } from '../../text';
import { pickExperiment } from '../../workspace/pickers';

const scales = (Object.keys(scaleConventions) as PenaltyScale[]).map((scale) => ({ scale, label: scale, detail: scaleConventions[scale].detail }));

function positiveNumber(text: string, integer: boolean): string | undefined {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) return 'Enter a number ≥ 0.';
  if (integer && (!Number.isInteger(value) || value < 1)) return 'Enter a whole number ≥ 1 (the training rows).';
  return undefined;
}

/** Six significant digits, as `reglens convert` prints them: enough to paste into another library. */
const converted = (value: number) => formatNumber(value, 6);

/** The Convert λ answer: one line per convention, aligned, with what each one is; copied as shown. */
export function equivalentsAnswer(lambda: number, from: PenaltyScale, m: number, to: LambdaEquivalents): string {
  const rows = (Object.keys(scaleConventions) as PenaltyScale[]).map((scale) => `  "${scale}"`.padEnd(9) + `λ = ${converted(to[scale])}`.padEnd(18) + scaleConventions[scale].detail);
  return [`λ = ${converted(lambda)} written under "${from}", with m = ${m} training rows, is the same penalty as:`, '', ...rows, ''].join('\n');
}

export function equivalentsText(lambda: number, from: PenaltyScale, m: number, to: LambdaEquivalents): string {
  return (
    `λ = ${converted(lambda)} under "${from}" with m = ${m} equals: ` +
    `"2m" λ = ${converted(to['2m'])}, "half" λ = ${converted(to.half)} (PyTorch weight_decay), "sum" λ = ${converted(to.sum)} (Keras l2)`
  );
}

/** Asks for λ, its convention and m unless given; shows and returns the equivalents. */
export async function convertLambdaCommand(log: vscode.LogOutputChannel, answers: Answers, lambdaArg?: unknown, fromArg?: unknown, mArg?: unknown): Promise<LambdaEquivalents | undefined> {
  const lambdaText = typeof lambdaArg === 'number' ? lambdaArg : (await vscode.window.showInputBox({ title: 'Convert λ (1/3)', prompt: 'λ', value: '0.01', validateInput: (t) => positiveNumber(t, false) }));
  if (lambdaText === undefined) return undefined;
  const from = typeof fromArg === 'string' && fromArg in scaleConventions ? (fromArg as PenaltyScale) : (await vscode.window.showQuickPick(scales, { title: 'Convert λ (2/3): the convention it is written in' }))?.scale;
  if (from === undefined) return undefined;
  const mText = typeof mArg === 'number' ? mArg : (await vscode.window.showInputBox({ title: 'Convert λ (3/3)', prompt: 'm, the number of training rows', value: '1437', validateInput: (t) => positiveNumber(t, true) }));
  if (mText === undefined) return undefined;
  const [lambda, m] = [Number(lambdaText), Number(mText)];
  const equivalents = lambdaEquivalents({ lambda, scale: from }, m);
  const text = equivalentsText(lambda, from, m, equivalents);
  log.info(text);
  await answers.show('λ in every convention', equivalentsAnswer(lambda, from, m, equivalents));
  return equivalents;
}

/** The objective text of the experiment's latest run; m, the training rows, is known only once data was loaded. */
export async function showObjectiveCommand(context: RegLensContext, answers: Answers, name?: unknown, config?: unknown): Promise<string | undefined> {
  const target = await pickExperiment(context, name, config, 'Show the objective of which experiment?');
  if (!target) return undefined;
  const runs = await context.runIndex.runs(target.file);
  const latest = runs.find((run) => run.experiment === target.experiment.name);
  if (!latest) {
    const choice = await vscode.window.showInformationMessage(
      `RegLens: ${untrusted(target.experiment.name)} has no run yet. The objective names m, the number of training rows, which is known once its data is loaded: train it once.`,
      'Train',
    );
    if (choice) void runCommand('train', target.experiment.name, target.file.uri);
    return undefined;
  }
  const text = [`${target.experiment.name} (${target.file.label}) minimizes`, '', `  ${latest.objective}`, '', `as its latest run (${latest.id}) wrote it; m is the number of training rows.`, ''].join('\n');
  await answers.show(`Objective of ${target.experiment.name}`, text);
  return latest.objective;
}
