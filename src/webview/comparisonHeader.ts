/** The header of a comparison of regularizers: each regularizer's run, the strength it got, and why. */
import type { ComparisonHeader } from '../protocol/webview';
import { h } from './dom';

export function comparisonHeader(header: ComparisonHeader): HTMLElement {
  const rows = header.rows.map((row) => h('tr', { 'data-run': row.runId }, h('th', { scope: 'row' }, row.label), h('td', {}, h('code', {}, row.setting)), h('td', {}, row.why)));
  return h(
    'section',
    { class: 'comparison-header', 'aria-label': 'Regularizers compared' },
    h('h1', {}, `Regularizers compared on ${header.experiment}`),
    h('p', { class: 'muted' }, 'The same data, network and seed; each regularizer alone, tuned by the experiment’s cross-validation where it has a strength, then trained on all training rows.'),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Regularizer'), h('th', { scope: 'col' }, 'Strength'), h('th', { scope: 'col' }, 'Why'))), h('tbody', {}, ...rows)),
    header.skipped.length > 0 ? h('p', { class: 'muted' }, `Not compared: ${header.skipped.map((s) => `${s.label} (${s.reason})`).join('; ')}.`) : null,
  );
}
