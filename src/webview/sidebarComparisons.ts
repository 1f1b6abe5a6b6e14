/** An experiment's saved comparisons in the sidebar: one line each, opening all its runs in the dashboard. */
import type { ExperimentItem, FromWebview } from '../protocol/webview';
import { button, h } from './dom';

export function comparisonList({ name, config, comparisons }: ExperimentItem, post: (message: FromWebview) => void): HTMLElement | null {
  if (comparisons.length === 0) return null;
  const items = comparisons.map((c) =>
    h('li', { 'data-comparison': c.id }, button(`${c.label} · ${c.createdAt.slice(0, 16).replace('T', ' ')}`, () => post({ type: 'openComparison', experiment: name, config, id: c.id }), { class: 'link', title: `Open comparison ${c.id}` })),
  );
  return h('ul', { class: 'comparisons', 'aria-label': `Comparisons of ${name}` }, ...items);
}
