/** The checkpoint view (dist/inspectWebview.js): header, filter, layer table, charts by depth, the selected layer's histogram and ESD, exports. */
import type { CheckpointComparisonView, InspectToWebview, LayerDetail, LayerReport, ModelSummary } from '../../protocol/inspect';
import { formatNumber } from '../../protocol/labels';
import { button, h } from '../dom';
import { cell } from '../exports';
import { onThemeChange, readTheme } from '../theme';
import { depthCharts, esdChart, histogramChart, type ChartCard } from './charts';
import { comparisonSection } from './comparison';
import { connectInspect } from './host';
import { cellText, columns, LayerTable } from './layerTable';

interface ViewState {
  title: string;
  format: string;
  files: string[];
  total: number;
  /** In the file's order, whatever order the layer threads finish them in. */
  layers: LayerReport[];
  /** Each layer's index in the file. */
  indices: number[];
  model: ModelSummary | null;
  seconds: number | null;
  selected: string | null;
  detail: LayerDetail | null;
  failure: string | null;
  comparisons: CheckpointComparisonView[];
}

const state: ViewState = { title: '', format: '', files: [], total: 0, layers: [], indices: [], model: null, seconds: null, selected: null, detail: null, failure: null, comparisons: [] };
const root = document.getElementById('root')!;
const header = h('header', { class: 'tuning-header' });
const status = h('p', { role: 'status' });
const filter = h('input', { type: 'search', placeholder: 'Filter tensors by name', 'aria-label': 'Filter tensors by name' });
const table = new LayerTable((name) => select(name));
const depth = h('div', { class: 'chart-grid' });
const detailArea = h('div', { class: 'chart-grid' });
const comparisonArea = h('div', {});
let depthCards: ChartCard[] = [];
let detailCards: ChartCard[] = [];

const host = connectInspect(receive);
filter.addEventListener('input', () => {
  table.setFilter(filter.value);
  table.render(state.layers, state.selected);
});
const toolbar = h('div', { class: 'chart-head' }, filter, button('Compare with…', () => host.post({ type: 'compare' })), button('CSV', exportCsv), button('JSON', exportJson), button('PNG', exportPng));
root.append(header, status, toolbar, comparisonArea, table.element, depth, detailArea);
onThemeChange(() => renderCharts());
host.post({ type: 'ready' });

function receive(message: InspectToWebview): void {
  switch (message.type) {
    case 'start':
      Object.assign(state, { title: message.title, format: message.format, files: message.files, total: message.tensors });
      break;
    case 'layer': {
      const after = state.indices.findIndex((i) => i > message.index);
      const at = after < 0 ? state.layers.length : after;
      state.indices.splice(at, 0, message.index);
      state.layers.splice(at, 0, message.layer);
      break;
    }
    case 'done':
      state.model = message.model;
      state.seconds = message.seconds;
      renderCharts();
      break;
    case 'detail':
      if (message.detail.name === state.selected) {
        state.detail = message.detail;
        renderDetail();
      }
      break;
    case 'failed':
      state.failure = message.message;
      break;
    case 'comparison':
      state.comparisons.push(message.comparison);
      renderComparisons();
      break;
  }
  renderText();
  if (message.type !== 'detail' && message.type !== 'comparison') table.render(state.layers, state.selected);
}

function select(name: string): void {
  state.selected = name;
  state.detail = null;
  host.post({ type: 'select', name });
  table.render(state.layers, state.selected);
  detailArea.replaceChildren(h('p', {}, `Computing the histogram and spectrum of ${name}…`));
}

function renderText(): void {
  const m = state.model;
  const notes = state.layers.flatMap((l) => (l.matrix?.note ? [h('li', {}, `${l.name}: ${l.matrix.note}`)] : []));
  const parts = [
    h('h1', {}, state.title || 'Checkpoint'),
    h('p', {}, `${state.format}${state.files.length > 1 ? `, ${state.files.length - 1} shards` : ''}; ε = ${state.layers[0]?.epsilon ?? '–'}. Read-only: nothing in the file is executed.`),
    m === null ? null : h('p', { class: 'findings' }, `${m.parameters.toLocaleString()} parameters in ${m.tensors} tensors (${m.matrices} matrices); Σ‖W‖²_F = ${formatNumber(m.sumSquares)}; mean α = ${formatNumber(m.meanAlpha)}.`),
    m === null ? null : h('p', {}, `L2 penalty per unit λ: (λ/2m)·Σ‖W‖²_F with m = 1 is ${formatNumber(m.l2Penalty['2m'])}; (λ/2)·Σ‖W‖²_F is ${formatNumber(m.l2Penalty.half)}; λ·Σ‖W‖²_F is ${formatNumber(m.l2Penalty.sum)}.`),
    notes.length === 0 ? null : h('details', {}, h('summary', {}, 'How shapes became matrices'), h('ul', {}, ...notes)),
  ];
  header.replaceChildren(...parts.flatMap((p) => (p === null ? [] : [p])));
  status.textContent = state.failure ?? (state.model === null ? `Analysing: ${state.layers.length} of ${state.total} tensors…` : `Done in ${state.seconds?.toFixed(1)} s. Click a row for its histogram and spectrum.`);
  status.className = state.failure ? 'warning' : '';
}

function renderComparisons(): void {
  const base = state.model;
  comparisonArea.replaceChildren(...(base === null ? [] : state.comparisons.map((c) => comparisonSection(base, c))));
}

function renderCharts(): void {
  for (const c of depthCards) c.chart.destroy();
  depthCards = state.model === null ? [] : depthCharts(state.layers, readTheme());
  depth.replaceChildren(...depthCards.map((c) => c.element));
  renderDetail();
}

function renderDetail(): void {
  for (const c of detailCards) c.chart.destroy();
  const d = state.detail;
  detailCards = d === null ? [] : [histogramChart(d, readTheme()), ...(d.eigenvalues.length > 0 ? [esdChart(d, readTheme())] : [])];
  if (d !== null || detailCards.length > 0) detailArea.replaceChildren(...detailCards.map((c) => c.element));
}

function baseName(): string {
  return (state.title.split(/[\\/]/).pop() || 'checkpoint').replace(/\.[^.]*$/, '');
}

function exportCsv(): void {
  const lines = [columns.map((c) => cell(c.label)).join(','), ...table.visible(state.layers).map((l) => columns.map((c) => cell(cellText(l, c))).join(','))];
  host.post({ type: 'saveFile', format: 'csv', fileName: `${baseName()}-layers.csv`, content: `${lines.join('\n')}\n` });
}

function exportJson(): void {
  const content = JSON.stringify({ files: state.files, layers: state.layers, model: state.model, comparisons: state.comparisons }, null, 2);
  host.post({ type: 'saveFile', format: 'json', fileName: `${baseName()}-diagnostics.json`, content });
}

function exportPng(): void {
  for (const c of [...depthCards, ...detailCards]) {
    const content = c.chart.toBase64Image('image/png').replace(/^data:image\/png;base64,/, '');
    host.post({ type: 'saveFile', format: 'png', fileName: `${baseName()}-${c.title.replace(/[^\w]+/g, '-').slice(0, 40)}.png`, content });
  }
}
