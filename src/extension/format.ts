/** Numbers and run results as the status bar, progress and lenses show them. */
import type { EpochReport, LayerDiagnostics } from '../core/report';

export function num(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return Math.abs(value) >= 1e4 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(2) : value.toPrecision(3);
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
