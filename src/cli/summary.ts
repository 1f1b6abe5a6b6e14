/** What `reglens train` reports at the end: a table for people and JSON for programs. */
import { isUsefulRun, regularizers, type EpochReport, type RunRecord } from '../core';
import { formatNumber, formatTable } from './format';

/** One experiment's outcome: its saved run, or why there is none. */
export type Outcome = { experiment: string; record: RunRecord; dir: string } | { experiment: string; error: string };

/** Final numbers over the whole network: sparsity weighted by layer size, ‖W‖_F summed over layers. */
export function networkTotals(report: EpochReport): { sparsity: number; frobenius: number } {
  const sizes = report.layers.map((layer) => layer.inputs * layer.outputs);
  const weights = sizes.reduce((a, b) => a + b, 0);
  const sparsity = report.layers.reduce((sum, layer, i) => sum + layer.sparsity * sizes[i]!, 0) / weights;
  return { sparsity, frobenius: report.layers.reduce((sum, layer) => sum + layer.frobenius, 0) };
}

export function outcomeJson(outcome: Outcome): object {
  if ('error' in outcome) return { experiment: outcome.experiment, ok: false, error: outcome.error };
  const { record, dir } = outcome;
  const final = record.summary.final;
  return {
    experiment: record.experiment,
    ok: isUsefulRun(record.summary.stopReason),
    runId: record.id,
    runDir: dir,
    stopReason: record.summary.stopReason,
    message: record.summary.message,
    epochs: record.epochs.length,
    bestEpoch: record.summary.bestEpoch,
    objective: record.objective,
    penalty: record.spec.regularization.penalty,
    lambda: record.spec.regularization.lambda,
    metric: record.metric,
    final: final && {
      trainLoss: final.trainLoss,
      valLoss: final.valLoss,
      trainMetric: final.trainMetric,
      valMetric: final.valMetric,
      gap: final.gap,
      ...networkTotals(final),
    },
  };
}

export function summaryTable(outcomes: Outcome[]): string {
  const header = ['experiment', 'penalty', 'λ', 'also', 'train loss', 'val loss', 'metric', 'train', 'val', 'gap', 'sparsity', '‖W‖_F', 'stop'];
  const rows = outcomes.map((outcome) => {
    if ('error' in outcome) return [outcome.experiment, '', '', '', '', '', '', '', '', '', '', '', 'failed'];
    const { record } = outcome;
    const { penalty, lambda } = record.spec.regularization;
    const final = record.summary.final;
    const totals = final && networkTotals(final);
    return [
      record.experiment,
      penalty,
      penalty === 'none' ? '' : formatNumber(lambda),
      regularizers.filter((r) => r.active(record.spec.regularization)).map((r) => r.brief(record.spec.regularization)).join(', '),
      formatNumber(final?.trainLoss),
      formatNumber(final?.valLoss),
      record.metric,
      formatNumber(final?.trainMetric),
      formatNumber(final?.valMetric),
      formatNumber(final?.gap),
      totals ? `${(totals.sparsity * 100).toFixed(1)}%` : '—',
      formatNumber(totals?.frobenius),
      record.summary.stopReason,
    ];
  });
  // The "also" column (dropout, max-norm, noise, smoothing) only when some run uses one of them.
  const also = rows.some((row) => row[3] !== '');
  const table = [header, ...rows].map((row) => (also ? row : row.filter((_, i) => i !== 3)));
  const numeric = [false, false, true, false, true, true, false, true, true, true, true, true, false];
  return formatTable(table, also ? numeric : numeric.filter((_, i) => i !== 3));
}
