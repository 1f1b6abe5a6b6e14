/**
 * One chart on the page: heading, the chart's controls (log y, x as epoch or fraction, reset zoom,
 * PNG), canvas (with a text alternative), a compact legend of buttons that show and hide lines
 * (outside the canvas, so it never takes the plot's height) and the same numbers as a table inside
 * <details>, filled only while open so live runs stay cheap.
 */
import type { ShownRun } from '../protocol/webview';
import type { ChartView, LegendEntry, Table } from './chartView';
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

const svgNs = 'http://www.w3.org/2000/svg';

/** A short stroke in the entry's colour and dash, as the chart draws the line. */
function swatch(entry: LegendEntry): SVGSVGElement {
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('class', 'swatch');
  svg.setAttribute('width', '24');
  svg.setAttribute('height', '8');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS(svgNs, 'line');
  for (const [name, value] of [['x1', '0'], ['y1', '4'], ['x2', '24'], ['y2', '4'], ['stroke', entry.colour], ['stroke-width', '2.5'], ['stroke-dasharray', entry.dash.join(' ')]]) {
    line.setAttribute(name, value);
  }
  svg.append(line);
  return svg;
}

/** A two-state button: aria-pressed says its state to screen readers and to the stylesheet. */
function toggleButton(label: string, title: string, onChange: (on: boolean) => void): HTMLButtonElement {
  const element = button(label, () => {
    const on = element.getAttribute('aria-pressed') !== 'true';
    element.setAttribute('aria-pressed', String(on));
    onChange(on);
  }, { class: 'small toggle', title, 'aria-pressed': 'false' });
  return element;
}

/** The chart's own controls; `changed` refreshes what depends on the x values (the table). */
function controls(view: ChartView, changed: () => void): HTMLElement[] {
  const found: HTMLElement[] = [];
  const { setLogY, setXAxis, resetZoom } = view;
  if (setLogY) found.push(toggleButton('log y', 'Logarithmic y axis', (on) => setLogY.call(view, on)));
  if (setXAxis) found.push(toggleButton('x: fraction', 'x as the fraction of each run’s planned epochs, to compare runs of different lengths', (on) => {
    setXAxis.call(view, on ? 'fraction' : 'epoch');
    changed();
  }));
  if (resetZoom) found.push(button('Reset zoom', () => resetZoom.call(view), { class: 'small', title: 'Drag a box to zoom, shift + drag to pan, ctrl + wheel to zoom' }));
  return found;
}

export class ChartCard {
  readonly element: HTMLElement;
  readonly view: ChartView;
  private readonly details: HTMLDetailsElement;
  private readonly legend = h('div', { class: 'chart-legend', role: 'group' });
  private shownLegend = '';

  constructor(make: (canvas: HTMLCanvasElement) => ChartView, options: CardOptions) {
    const canvas = h('canvas', { role: 'img' });
    const box = h('div', { class: 'chart-box' }, canvas);
    const heading = h('h2', {});
    this.details = h('details', { class: 'chart-table', open: options.tableOpen }, h('summary', {}, 'Table'));
    this.element = h('section', { class: 'chart-card' }, h('div', { class: 'chart-head' }, heading), box, this.legend, this.details);
    this.view = make(canvas);
    heading.id = `chart-${this.view.id}`;
    heading.textContent = this.view.title;
    this.element.dataset.chart = this.view.id;
    this.element.setAttribute('aria-labelledby', heading.id);
    canvas.setAttribute('aria-label', `${this.view.title}. ${this.view.description} The table below has the same numbers.`);
    this.legend.setAttribute('aria-label', `Legend of “${this.view.title}”: press an entry to hide or show its lines`);
    const onSavePng = options.onSavePng;
    heading.after(
      ...(options.compact ? [] : controls(this.view, () => this.refreshTable())),
      ...(onSavePng ? [button('PNG', () => onSavePng(this.view), { class: 'small', title: `Save “${this.view.title}” as PNG` })] : []),
    );
    this.renderLegend();
    this.details.addEventListener('toggle', () => {
      this.refreshTable();
      options.onTableToggle?.(this.view.id, this.details.open);
    });
    this.refreshTable();
  }

  sync(runs: readonly ShownRun[]): void {
    if (!this.view.sync(runs)) return;
    this.refreshTable();
    if (JSON.stringify(this.view.legend?.() ?? []) !== this.shownLegend) this.renderLegend();
  }

  private renderLegend(): void {
    const view = this.view;
    const entries = view.legend?.() ?? [];
    this.shownLegend = JSON.stringify(entries);
    this.legend.hidden = entries.length === 0;
    this.legend.replaceChildren(
      ...entries.map((entry) => {
        const item = button('', () => {
          view.toggle?.(entry.key);
          this.renderLegend();
        }, { class: 'legend-entry', 'aria-pressed': String(!entry.hidden), title: entry.label, 'data-key': entry.key });
        item.append(swatch(entry), h('span', {}, entry.label));
        return item;
      }),
    );
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
