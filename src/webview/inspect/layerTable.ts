/** The sortable, filterable table of every tensor; a click selects a layer. */
import type { LayerReport } from '../../protocol/inspect';
import { formatNumber } from '../../protocol/labels';
import { h } from '../dom';

export interface Column {
  key: keyof LayerReport;
  label: string;
  numeric: boolean;
  text?: (layer: LayerReport) => string;
}

export const columns: Column[] = [
  { key: 'name', label: 'tensor', numeric: false },
  { key: 'shape', label: 'shape', numeric: false, text: (l) => `[${l.shape.join(', ')}]` },
  { key: 'dtype', label: 'dtype', numeric: false },
  { key: 'parameters', label: 'params', numeric: true },
  { key: 'frobenius', label: '‖W‖_F', numeric: true },
  { key: 'l1', label: '‖W‖₁', numeric: true },
  { key: 'maxAbs', label: 'max|w|', numeric: true },
  { key: 'exactZeros', label: 'zeros', numeric: true },
  { key: 'sparsity', label: 'share ≤ ε', numeric: true },
  { key: 'spectralNorm', label: '‖W‖₂', numeric: true },
  { key: 'stableRank', label: 'stable rank', numeric: true },
  { key: 'alpha', label: 'α', numeric: true },
  { key: 'alphaReading', label: 'α reading (heuristic)', numeric: false },
  { key: 'spectrumMethod', label: 'spectrum', numeric: false, text: (l) => (l.spectrumMethod === null ? '–' : `${l.spectrumMethod} (${l.eigenvaluesComputed}/${l.eigenvaluesTotal})`) },
];

export function cellText(layer: LayerReport, column: Column): string {
  if (column.text) return column.text(layer);
  const value = layer[column.key];
  return typeof value === 'number' ? formatNumber(value) : value === null ? '–' : String(value);
}

export class LayerTable {
  readonly element = h('div', { class: 'chart-table' });
  private sortKey: keyof LayerReport | null = null;
  private descending = false;
  private filter = '';

  constructor(private readonly onSelect: (name: string) => void) {}

  setFilter(text: string): void {
    this.filter = text.toLowerCase();
  }

  /** Layers whose name contains the filter text, in the chosen order. */
  visible(layers: readonly LayerReport[]): LayerReport[] {
    const shown = layers.filter((l) => l.name.toLowerCase().includes(this.filter));
    const key = this.sortKey;
    if (key === null) return shown;
    const value = (l: LayerReport) => l[key];
    // Missing values (vectors have no α) stay last whichever the direction.
    return [...shown].sort((a, b) => {
      const x = value(a), y = value(b);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return this.descending ? -order : order;
    });
  }

  render(layers: readonly LayerReport[], selected: string | null): void {
    const header = h('tr', {}, ...columns.map((column) => {
      const arrow = this.sortKey === column.key ? (this.descending ? ' ▼' : ' ▲') : '';
      const th = h('th', { scope: 'col', tabindex: '0', 'aria-sort': arrow ? (this.descending ? 'descending' : 'ascending') : undefined }, column.label + arrow);
      const sort = () => {
        this.descending = this.sortKey === column.key ? !this.descending : column.numeric;
        this.sortKey = column.key;
        this.render(layers, selected);
      };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', (e) => e.key === 'Enter' && sort());
      return th;
    }));
    const rows = this.visible(layers).map((layer) => {
      const tr = h('tr', { class: layer.name === selected ? 'selected' : undefined, tabindex: '0' }, ...columns.map((c) => h('td', { class: c.numeric ? undefined : 'text' }, cellText(layer, c))));
      tr.addEventListener('click', () => this.onSelect(layer.name));
      tr.addEventListener('keydown', (e) => e.key === 'Enter' && this.onSelect(layer.name));
      return tr;
    });
    this.element.replaceChildren(h('table', {}, h('thead', {}, header), h('tbody', {}, ...rows)));
  }
}
