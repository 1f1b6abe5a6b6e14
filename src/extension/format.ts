/** Numbers, run results and tunings as the status bar, progress, lenses and the output channel show them. */
import { formatNumber } from '../protocol/labels';
import type { EpochReport, LayerDiagnostics, TuningRecord } from '../protocol/records';

/** Three significant digits: the compact form of lenses, the status bar and the output channel. */
export function num(value: number | null | undefined): string {
  return formatNumber(value, 3);
}

/** Share of all weights with |w| ≤ ε, over every layer. */
export function overallSparsity(layers: LayerDiagnostics[]): number {
  const sizes = layers.map((layer) => layer.inputs * layer.outputs);
  const total = sizes.reduce((a, b) => a + b, 0);
  return total === 0 ? 0 : layers.reduce((sum, layer, i) => sum + layer.sparsity * sizes[i]!, 0) / total;
}

export function percent(fraction: number): string {
  return `${(100 * fraction).toFixed(fraction > 0 && fraction < 0.01 ? 1 : 0)}%`;
}

/** E.g. "epoch 12/60 · train 0.312 · val 0.351". */
export function epochLine(report: EpochReport, epochs: number): string {
  const parts = [`epoch ${report.epoch}/${epochs}`, `train ${num(report.trainLoss)}`];
  if (report.penalty > 0) parts.push(`penalty ${num(report.penalty)}`);
  if (report.valLoss !== null) parts.push(`val ${num(report.valLoss)}`);
  return parts.join(' · ');
}

/** A saved tuning as the output channel shows it: the cross-validated curve, the choices and the cost. */
export function tuningLines({ experiment, spec, rows, result }: TuningRecord): string[] {
  const metric = result.metric === 'valLoss' ? 'val loss' : `val ${result.metricName}`;
  const header = `${experiment}: ${spec.regularization.penalty} λ by ${result.folds}-fold CV on ${rows} rows (${result.strategy}${result.warmStart ? ', warm starts' : ''}), scored by ${metric}`;
  const points = result.curve.map((point) => {
    const marks = [point.lambda === result.lambdaMin?.lambda && 'λ_min', point.lambda === result.lambda1se?.lambda && 'λ_1se'].filter(Boolean).join(' ');
    const diverged = point.diverged > 0 ? ` (${point.diverged} folds diverged)` : '';
    return `  λ = ${num(point.lambda)}: ${metric} ${num(point.score.mean)} ± ${num(point.score.se)} · sparsity ${percent(point.sparsity)} · epochs ${point.epochs.toFixed(0)}${marks ? ` ← ${marks}` : ''}${diverged}`;
  });
  const dropped = result.dropped.length > 0 ? [`  dropped early by halving: ${result.dropped.map((d) => `${num(d.lambda)} (after ${d.epochs} epochs)`).join(', ')}`] : [];
  const choice =
    result.lambdaMin && result.lambda1se
      ? `  λ_min = ${num(result.lambdaMin.lambda)}, λ_1se = ${num(result.lambda1se.lambda)}; rule ${result.rule} → λ = ${num(result.chosen)}`
      : '  no λ finished with a finite score: every fold diverged (lower the learning rate)';
  const { cost } = result;
  return [header, ...points, ...dropped, choice, `  cost: ${cost.epochs} epochs (the plain grid's: ${cost.gridEpochs}), ${(cost.wallMs / 1000).toFixed(1)} s wall, ${(cost.trainingMs / 1000).toFixed(1)} s of training`];
}
