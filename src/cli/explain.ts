/** What `train` and `tune` say after their tables: what happened, in words, and the same facts as JSON. */
import type { RunRecord, TuningRecord } from '../core';
import { formatNumber } from './format';
import { networkTotals, type Outcome } from './summary';

/** One run's facts beyond its final numbers. */
export interface RunFacts {
  experiment: string;
  bestEpoch: number;
  overfittingOnset: number | null;
  /** penalty / objective at the returned weights; null without a penalty. */
  penaltyShare: number | null;
  /** Fractions of all weights: exactly 0, and |w| ≤ sparsityEpsilon (which includes the exact zeros). */
  exactZeros: number | null;
  nearZeros: number | null;
  sparsityEpsilon: number;
  /** valLoss − trainLoss, and the same for the baseline run (penalty none); null without validation or baseline. */
  gap: number | null;
  baselineGap: number | null;
}

export interface TrainFacts {
  /** The run with the lowest validation loss; null without validation data. */
  bestRun: { experiment: string; valLoss: number } | null;
  /** The unregularized run the gaps compare with. */
  baseline: string | null;
  runs: RunFacts[];
}

type Saved = Extract<Outcome, { record: RunRecord }>;

function isBaseline(record: RunRecord): boolean {
  return record.spec.regularization.penalty === 'none' && record.spec.regularization.weightDecay === 0;
}

export function trainFacts(outcomes: Outcome[]): TrainFacts {
  const saved = outcomes.filter((o): o is Saved => 'record' in o && o.record.summary.stopReason !== 'diverged');
  const baseline = saved.find((o) => isBaseline(o.record))?.record ?? null;
  const withVal = saved.filter((o) => o.record.summary.final?.valLoss !== null && o.record.summary.final !== null);
  const best = withVal.reduce<Saved | null>((a, b) => (a === null || b.record.summary.final!.valLoss! < a.record.summary.final!.valLoss! ? b : a), null);
  return {
    bestRun: best && { experiment: best.experiment, valLoss: best.record.summary.final!.valLoss! },
    baseline: baseline?.experiment ?? null,
    runs: saved.map(({ record }) => runFacts(record, baseline)),
  };
}

function runFacts(record: RunRecord, baseline: RunRecord | null): RunFacts {
  const final = record.summary.final;
  const totals = final && networkTotals(final);
  const sizes = final?.layers.map((layer) => layer.inputs * layer.outputs) ?? [];
  const weights = sizes.reduce((a, b) => a + b, 0) || 1;
  return {
    experiment: record.experiment,
    bestEpoch: record.summary.bestEpoch,
    overfittingOnset: record.summary.overfittingOnset,
    penaltyShare: final && record.spec.regularization.penalty !== 'none' && final.objective > 0 ? final.penalty / final.objective : null,
    exactZeros: final ? final.layers.reduce((sum, layer, i) => sum + layer.exactZeros * sizes[i], 0) / weights : null,
    nearZeros: totals?.sparsity ?? null,
    sparsityEpsilon: record.spec.diagnostics.sparsityEpsilon,
    gap: final?.gap ?? null,
    baselineGap: baseline && baseline !== record ? baseline.summary.final?.gap ?? null : null,
  };
}

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

/** A few lines a person reads after the table. */
export function explainTraining(facts: TrainFacts): string {
  const lines: string[] = [];
  if (facts.bestRun) lines.push(`Best validation loss: ${facts.bestRun.experiment} (${formatNumber(facts.bestRun.valLoss)}).`);
  for (const run of facts.runs) {
    const parts = [`best epoch ${run.bestEpoch}`, run.overfittingOnset === null ? 'no overfitting onset' : `overfitting from epoch ${run.overfittingOnset}`];
    if (run.gap !== null && run.baselineGap !== null) {
      parts.push(`gap ${formatNumber(run.gap)} vs ${formatNumber(run.baselineGap)} for ${facts.baseline} (${run.gap < run.baselineGap ? 'smaller' : 'not smaller'})`);
    }
    if (run.penaltyShare !== null) parts.push(`penalty ${percent(run.penaltyShare)} of the objective`);
    parts.push(`weights exactly 0: ${percent(run.exactZeros)}, |w| ≤ ${run.sparsityEpsilon}: ${percent(run.nearZeros)}`);
    lines.push(`${run.experiment}: ${parts.join('; ')}.`);
  }
  if (!facts.baseline && facts.runs.length > 0) lines.push('No run without a penalty to compare gaps with: add one with "penalty": "none".');
  return lines.join('\n');
}

/** What the tuning's pick means and how to use it. */
export function explainTuning(record: TuningRecord, configLambda: number): string {
  const { result } = record;
  if (result.chosen === null) return '';
  const oneSe = 'λ_1se is the largest λ whose CV score is within one standard error of the best (λ_min): the simplest model the data cannot tell apart from the best.';
  const ratio = configLambda > 0 ? result.chosen / configLambda : Infinity;
  const compare =
    ratio === 1 ? `The pick (rule ${result.rule}) equals the config's λ = ${formatNumber(configLambda)}.`
      : `The pick (rule ${result.rule}) λ = ${formatNumber(result.chosen)} is ${ratio > 1 ? `${formatNumber(ratio)}× larger` : `${formatNumber(1 / ratio)}× smaller`} than the config's λ = ${formatNumber(configLambda)}.`;
  const apply = `Apply it with: reglens tune --experiment ${JSON.stringify(record.experiment)} --apply ${result.rule} (keeps the file's comments).`;
  return [oneSe, compare, apply].join('\n');
}
