/**
 * A saved comparison of regularizers: its check (a `.reglens/comparisons` folder is untrusted input
 * like any record) and the header that says which strength each regularizer got and why.
 */
import type { ComparedName, ComparisonEntry, ComparisonRecord, MeanSE, StrengthChoice, StrengthName, TrainSpec } from '../core';
import { anything, arrayOf, nullable, number, object, oneOf, string, integer } from './check';
import { formatNumber } from './labels';
import { metricName, strengthName, trainSpec, tuningRecord, type RunSummary } from './records';

export type { ComparisonEntry, ComparisonRecord } from '../core';

const comparedName = oneOf<ComparedName>('none', 'l2', 'l1', 'elasticNet', 'dropout', 'maxNorm', 'inputNoise', 'earlyStopping');
const meanSE = object<MeanSE>({ mean: number, se: number });

const strengthChoice = object<StrengthChoice>({
  strength: strengthName,
  value: number,
  setting: number,
  rule: oneOf('min', '1se'),
  metric: oneOf('valLoss', 'valMetric'),
  metricName,
  folds: integer,
  candidates: integer,
  score: meanSE,
  best: meanSE,
  bestValue: number,
});

const comparisonEntry = object<ComparisonEntry>({ name: comparedName, label: string, runId: string, choice: nullable(strengthChoice), tuning: nullable(tuningRecord) });

export const comparisonRecord = object<ComparisonRecord>({
  format: oneOf('reglens-comparison/1'),
  id: string,
  experiment: string,
  createdAt: string,
  reglensVersion: string,
  config: anything,
  spec: trainSpec,
  entries: arrayOf(comparisonEntry),
  skipped: arrayOf(object<ComparisonRecord['skipped'][number]>({ name: comparedName, label: string, reason: string })),
});

/** One line of a comparison's header. */
export interface ComparisonRow {
  runId: string;
  label: string;
  /** E.g. "λ=0.01", "p=0.3", "c=2", "σ=0.1", "patience 10", "—". */
  setting: string;
  why: string;
}

export interface ComparisonHeader {
  experiment: string;
  createdAt: string;
  rows: ComparisonRow[];
  skipped: { label: string; reason: string }[];
}

export const comparisonHeaderCheck = object<ComparisonHeader>({
  experiment: string,
  createdAt: string,
  rows: arrayOf(object<ComparisonRow>({ runId: string, label: string, setting: string, why: string })),
  skipped: arrayOf(object<ComparisonHeader['skipped'][number]>({ label: string, reason: string })),
});

const symbols: Record<StrengthName, string> = { lambda: 'λ', dropout: 'p', maxNorm: 'c', inputNoise: 'σ' };

/** The run a header line needs: how it trained and how it ended. */
type ComparedRun = { id: string; spec: TrainSpec; summary: RunSummary | null; epochs: readonly unknown[] };

export function comparisonHeader(record: ComparisonRecord, runs: readonly ComparedRun[]): ComparisonHeader {
  const rows = record.entries.map((entry): ComparisonRow => {
    const run = runs.find((r) => r.id === entry.runId);
    return { runId: entry.runId, label: entry.label, ...settingAndWhy(entry, run) };
  });
  return { experiment: record.experiment, createdAt: record.createdAt, rows, skipped: record.skipped.map(({ label, reason }) => ({ label, reason })) };
}

function settingAndWhy(entry: ComparisonEntry, run: ComparedRun | undefined): { setting: string; why: string } {
  if (entry.choice) return { setting: `${symbols[entry.choice.strength]}=${formatNumber(entry.choice.setting)}`, why: choiceText(entry.choice) };
  if (entry.name === 'earlyStopping') return earlyStoppingText(run);
  return { setting: '—', why: 'the network and training alone, every regularizer off: the baseline' };
}

const score = ({ mean, se }: MeanSE) => `${formatNumber(mean)} ± ${formatNumber(se)}`;

/** Why a tuned strength was chosen, e.g. "1-SE rule: the strongest p whose CV val loss (0.31 ± 0.02) is within one SE of the best (0.3 ± 0.02 at p=0.1); 5-fold CV over 7 values". */
export function choiceText(choice: StrengthChoice): string {
  const symbol = symbols[choice.strength];
  const metric = choice.metric === 'valLoss' ? 'val loss' : choice.metricName === 'r2' ? 'val R²' : 'val accuracy';
  const best = `${score(choice.best)} at ${symbol}=${formatNumber(strengthSetting(choice, choice.bestValue))}`;
  const cv = `${choice.folds}-fold CV over ${choice.candidates} values`;
  return choice.rule === '1se'
    ? `1-SE rule: the strongest ${symbol} whose CV ${metric} (${score(choice.score)}) is within one SE of the best (${best}); ${cv}`
    : `best mean CV ${metric} (${score(choice.score)}); ${cv}`;
}

/** The setting at another strength of the same tuning (max-norm: c = 1/s). */
function strengthSetting(choice: StrengthChoice, value: number): number {
  return choice.strength === 'maxNorm' ? (value > 0 ? 1 / value : 0) : value;
}

function earlyStoppingText(run: ComparedRun | undefined): { setting: string; why: string } {
  const stopping = run?.spec.training.earlyStopping;
  if (!run || !stopping) return { setting: '—', why: 'the unregularized run stopped by its validation loss' };
  const rule = `stops once the validation loss has not improved by more than ${formatNumber(stopping.minDelta)} for ${stopping.patience} epochs, then restores the weights of its best validation epoch`;
  if (!run.summary) return { setting: `patience ${stopping.patience}`, why: `the unregularized run, which ${rule}` };
  const { bestEpoch, stopReason } = run.summary;
  const ended = stopReason === 'earlyStopped' ? `stopped at epoch ${run.epochs.length}` : `ran all ${run.epochs.length} epochs without stopping`;
  return { setting: `patience ${stopping.patience}`, why: `the unregularized run, which ${rule}: ${ended}, weights of epoch ${bestEpoch} kept` };
}
