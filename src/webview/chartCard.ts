/**
 * One chart on the page: heading, canvas (with a text alternative), a PNG button and the same
 * numbers as a table inside <details>, filled only while open so live runs stay cheap.
 */
import type { ShownRun } from '../protocol/webview';
import type { ChartView, Table } from './chartView';
import { button, h } from './dom';
import { formatNumber } from '../protocol/labels';

export interface CardOptions {
  compact: boolean;
  /** Called with the chart's PNG (base64) when the user asks to save it. */
  onSavePng?: (view: ChartView) => void;
  tableOpen: boolean;
  onTableToggle?: (id: string, open: boolean) => void;
}

function renderTable(table: Table, caption: string): HTMLTableElement {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...table.columns.map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      ...table.rows.map((row) =>
        h('tr', {}, ...row.map((value, i) => (i === 0 ? h('th', { scope: 'row' }, formatNumber(value)) : h('td', {}, formatNumber(value))))),
      ),
    ),
  );
}

export class ChartCard {
  readonly element: HTMLElement;
  readonly view: ChartView;
  private readonly details: HTMLDetailsElement;

  constructor(make: (canvas: HTMLCanvasElement) => ChartView, options: CardOptions) {
    const canvas = h('canvas', { role: 'img' });
    const box = h('div', { class: 'chart-box' }, canvas);
    const heading = h('h2', {});
    this.details = h('details', { class: 'chart-table', open: options.tableOpen }, h('summary', {}, 'Table'));
    this.element = h('section', { class: 'chart-card' }, h('div', { class: 'chart-head' }, heading), box, this.details);
    this.view = make(canvas);
    heading.id = `chart-${this.view.id}`;
    heading.textContent = this.view.title;
    this.element.dataset.chart = this.view.id;
    this.element.setAttribute('aria-labelledby', heading.id);
    canvas.setAttribute('aria-label', `${this.view.title}. ${this.view.description} The table below has the same numbers.`);
    const onSavePng = options.onSavePng;
    if (onSavePng) {
      heading.after(button('PNG', () => onSavePng(this.view), { class: 'small', title: `Save “${this.view.title}” as PNG` }));
    }
    this.details.addEventListener('toggle', () => {
      this.refreshTable();
      options.onTableToggle?.(this.view.id, this.details.open);
    });
    this.refreshTable();
  }

  sync(runs: readonly ShownRun[]): void {
    if (this.view.sync(runs)) this.refreshTable();
  }

  private refreshTable(): void {
    const old = this.details.querySelector('table');
    if (!this.details.open) {
      old?.remove();
      return;
    }
    const table = renderTable(this.view.table(), this.view.title);
    if (old) old.replaceWith(table);
    else this.details.append(table);
  }

  destroy(): void {
    this.view.destroy();
    this.element.remove();
  }
}
