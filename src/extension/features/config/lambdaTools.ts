/** λ across conventions and the exact objective of an experiment: small pure helpers from the core, no training code. */
import * as vscode from 'vscode';
import { conventions, defaultMixing, findConvention, lambdaEquivalents, writtenPenalty, type Convention, type LambdaEquivalents, type PenaltyScale, type WrittenPenalty } from '../../../core';
import { scaleConventions } from '../../../protocol/labels';
import type { RegLensContext } from '../../context';
import type { Answers } from '../../answers';
import { runCommand } from '../../registry';
import { untrusted } from '../../text';
import { pickExperiment } from '../../workspace/pickers';
import { converterLines, type ConverterLine } from './converterLines';

type Source = { from: 'reglens'; scale: PenaltyScale } | { from: Convention };

const sources = [
  ...(Object.keys(scaleConventions) as PenaltyScale[]).map((scale) => ({ label: `RegLens λ, scale "${scale}"`, detail: scaleConventions[scale].detail, source: { from: 'reglens', scale } as Source })),
  ...conventions.map((c) => ({ label: `${c.library} ${c.call}`, description: c.id, detail: c.objective, source: { from: c } as Source })),
];
const penalties = (['l2', 'l1', 'elasticNet'] as const).map((penalty) => ({ label: penalty, penalty }));

function numberAtLeast(text: string, least: number, integer: boolean): string | undefined {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < least) return `Enter a number ≥ ${least}.`;
  if (integer && !Number.isInteger(value)) return 'Enter a whole number.';
  return undefined;
}

async function askNumber(title: string, prompt: string, value: string, least = 0, integer = false): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({ title, prompt, value, validateInput: (t) => numberAtLeast(t, least, integer) });
  return text === undefined ? undefined : Number(text);
}

/** The penalty as the user writes it in the chosen convention: its strength, then its mixing or penalty where it has one. */
async function askPenalty(source: Source): Promise<WrittenPenalty | undefined> {
  const title = 'Convert λ';
  if (source.from === 'reglens') {
    const penalty = (await vscode.window.showQuickPick(penalties, { title, placeHolder: 'The penalty' }))?.penalty;
    const value = penalty && (await askNumber(title, `λ under scale "${source.scale}"`, '0.01'));
    if (value === undefined || !penalty) return undefined;
    const mixing = penalty === 'elasticNet' ? await askNumber(title, 'l1Ratio, the share of L1 (0…1)', '0.5') : null;
    return mixing === undefined ? undefined : { from: 'reglens', value, mixing, penalty, scale: source.scale };
  }
  const c = source.from;
  const penalty = c.penalty === null && !c.penaltyOf ? (await vscode.window.showQuickPick(penalties, { title, placeHolder: `${c.call}: which penalty` }))?.penalty : c.penalty ?? 'l2';
  const value = penalty && (await askNumber(title, `${c.library} ${c.parameter}`, '1'));
  if (value === undefined || !penalty) return undefined;
  const asksMixing = c.mixingParameter !== null && (c.id !== 'sklearn.LogisticRegression' || penalty === 'elasticNet');
  const mixing = asksMixing ? await askNumber(title, `${c.library} ${c.mixingParameter}`, String(defaultMixing(c.id))) : null;
  return mixing === undefined ? undefined : { from: c.id, value, mixing, penalty, scale: c.scale };
}

/** A command argument as a source: a RegLens scale (the command's original form) or a convention id. */
function sourceArg(arg: unknown): Source | undefined {
  if (typeof arg !== 'string') return undefined;
  if (arg in scaleConventions) return { from: 'reglens', scale: arg as PenaltyScale };
  const convention = findConvention(arg);
  return convention && { from: convention };
}

/**
 * Converts a penalty from RegLens's or a library's terms into every other: asks what is missing,
 * lists each form to pick and copy, and returns RegLens's λ under each scale with the list.
 * Given (value, source, m) it asks nothing (an L2 penalty, the library's default mixing).
 */
export async function convertLambdaCommand(log: vscode.LogOutputChannel, valueArg?: unknown, sourceArgument?: unknown, mArg?: unknown): Promise<(LambdaEquivalents & { lines: ConverterLine[] }) | undefined> {
  const given = typeof valueArg === 'number' ? sourceArg(sourceArgument) : undefined;
  let written: WrittenPenalty | undefined;
  if (given) {
    const scale = given.from === 'reglens' ? given.scale : given.from.scale;
    written = { from: given.from === 'reglens' ? 'reglens' : given.from.id, value: valueArg as number, mixing: null, penalty: null, scale };
  } else {
    const picked = await vscode.window.showQuickPick(sources, { title: 'Convert λ: the library (or RegLens scale) it is written in', matchOnDescription: true, matchOnDetail: true });
    written = picked && (await askPenalty(picked.source));
  }
  if (!written) return undefined;
  const rowsText = typeof mArg === 'number' ? String(mArg) : given ? '' : await vscode.window.showInputBox({ title: 'Convert λ', prompt: 'm, the training rows (leave empty if unknown: conventions that count rows are then left out)', value: '', validateInput: (t) => (t.trim() === '' ? undefined : numberAtLeast(t, 1, true)) });
  if (rowsText === undefined) return undefined;
  const m = rowsText.trim() === '' ? null : Number(rowsText);
  const reg = writtenPenalty(written);
  const lines = converterLines(reg, m);
  for (const line of lines) log.info(`Convert λ: ${line.label}`);
  const result = { ...lambdaEquivalents(reg, m ?? NaN), lines };
  if (given) return result;
  const chosen = await vscode.window.showQuickPick(lines, { title: 'The same penalty in every convention: pick one to copy it' });
  if (chosen?.copy) {
    await vscode.env.clipboard.writeText(chosen.copy);
    void vscode.window.showInformationMessage(`Copied: ${chosen.copy}`);
  }
  return result;
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
