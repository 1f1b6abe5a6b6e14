/** The open checkpoint against others: the model's Σ‖W‖²_F, penalty and mean α in each, and per layer ‖W‖_F, α and the relative change. */
import type { CheckpointComparisonView, ModelSummary } from '../../protocol/inspect';
import { formatNumber } from '../../protocol/labels';
import { h } from '../dom';

const headers = ['tensor', '‖W‖_F (open)', '‖W‖_F (other)', 'Δ‖W‖_F', 'α (open)', 'α (other)', 'Δα', 'share ≤ ε (open → other)', '‖W₁ − W₀‖_F / ‖W₀‖_F'];

function comparisonRows(comparison: CheckpointComparisonView): string[][] {
  return comparison.layers.map((l) => [
    l.name, formatNumber(l.frobenius[0]), formatNumber(l.frobenius[1]), formatNumber(l.frobeniusChange),
    formatNumber(l.alpha[0]), formatNumber(l.alpha[1]), formatNumber(l.alphaChange),
    `${formatNumber(l.sparsity[0])} → ${formatNumber(l.sparsity[1])}`, formatNumber(l.relativeChange),
  ]);
}

function modelLine(base: ModelSummary, other: ModelSummary): string {
  const pair = (a: number | null, b: number | null) => `${formatNumber(a)} → ${formatNumber(b)}`;
  return `Σ‖W‖²_F ${pair(base.sumSquares, other.sumSquares)}; L2 penalty per unit λ, (λ/2m)·Σ‖W‖²_F with m = 1: ${pair(base.l2Penalty['2m'], other.l2Penalty['2m'])}, λ·Σ‖W‖²_F: ${pair(base.l2Penalty.sum, other.l2Penalty.sum)}; mean α ${pair(base.meanAlpha, other.meanAlpha)}; ${other.parameters.toLocaleString()} parameters.`;
}

export function comparisonSection(base: ModelSummary, comparison: CheckpointComparisonView): HTMLElement {
  const rows = comparisonRows(comparison).map((cells) => h('tr', {}, ...cells.map((text, i) => h('td', { class: i === 0 || i === 7 ? 'text' : undefined }, text))));
  return h(
    'section',
    { class: 'comparison', 'aria-label': `Compared with ${comparison.title}` },
    h('h2', {}, `Against ${comparison.title}`),
    h('p', { class: 'findings' }, modelLine(base, comparison.model)),
    h('div', { class: 'chart-table' }, h('table', {}, h('thead', {}, h('tr', {}, ...headers.map((label) => h('th', { scope: 'col' }, label)))), h('tbody', {}, ...rows))),
    ...(comparison.unmatched.length > 0 ? [h('p', {}, `Not in both with the same shape: ${comparison.unmatched.join(', ')}`)] : []),
  );
}
