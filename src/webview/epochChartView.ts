/** A chart over epochs (losses, norms, sparsity...) that grows point by point as epochs arrive. */
import type { ChartDataset } from 'chart.js';
import type { ShownRun } from '../protocol/webview';
import { baseOptions, Chart, setChartTheme, setMarkers } from './chartSetup';
import { finiteOrNull, pngOf, tableOf, type ChartView, type Point, type Table } from './chartView';
import { markers, type EpochChart, type Series } from './series';
import { colour, dash, withAlpha, type Theme } from './theme';

function fillOf(series: Series[], i: number, theme: Theme): ChartDataset<'line', Point[]>['fill'] {
  const s = series[i];
  const previous = series[i - 1];
  if (s.fillToPrevious && previous) {
    return { target: '-1', above: withAlpha(colour(theme, s.colour), 0.2), below: withAlpha(colour(theme, previous.colour), 0.2) };
  }
  if (s.area) return previous?.stack !== undefined && previous.stack === s.stack ? '-1' : 'origin';
  return false;
}

function datasetOf(series: Series[], i: number, theme: Theme): ChartDataset<'line', Point[]> {
  const s = series[i];
  const color = colour(theme, s.colour);
  return {
    label: s.label,
    data: [],
    borderColor: color,
    backgroundColor: withAlpha(color, s.area ? 0.35 : 0.2),
    borderDash: dash(theme, s.dash),
    borderWidth: theme.lineWidth,
    pointRadius: 0,
    pointHoverRadius: 3,
    pointHitRadius: 6,
    fill: fillOf(series, i, theme),
    ...(s.stack !== undefined ? { stack: s.stack } : {}),
  };
}

export class EpochChartView implements ChartView {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  private readonly chart: Chart<'line', Point[]>;
  private readonly series: Series[];
  private shownMarkers = '';

  constructor(canvas: HTMLCanvasElement, private readonly def: EpochChart, runs: readonly ShownRun[], theme: Theme, compact: boolean) {
    this.id = def.id;
    this.title = def.title;
    this.description = def.description;
    this.series = def.series(runs);
    const options = baseOptions(theme, 'epoch', def.yTitle, compact);
    Object.assign(options.scales?.x?.ticks ?? {}, { precision: 0 });
    if (def.stacked && options.scales?.y) Object.assign(options.scales.y, { stacked: true, beginAtZero: true });
    const datasets = this.series.map((_, i) => datasetOf(this.series, i, theme));
    this.chart = new Chart(canvas, { type: 'line', data: { datasets }, options });
    setChartTheme(this.chart, theme);
    this.sync(runs);
  }

  sync(runs: readonly ShownRun[]): boolean {
    const byId = new Map(runs.map((run) => [run.id, run]));
    let changed = false;
    this.series.forEach((s, i) => {
      const epochs = byId.get(s.runId)?.epochs ?? [];
      const data = this.chart.data.datasets[i].data;
      for (let k = data.length; k < epochs.length; k++) {
        data.push({ x: epochs[k].epoch, y: finiteOrNull(s.value(epochs[k])) });
        changed = true;
      }
    });
    if (this.def.markers) changed = this.syncMarkers(runs) || changed;
    if (changed) this.chart.update('none');
    return changed;
  }

  private syncMarkers(runs: readonly ShownRun[]): boolean {
    const found = markers(runs);
    const key = JSON.stringify(found);
    if (key === this.shownMarkers) return false;
    this.shownMarkers = key;
    setMarkers(this.chart, found);
    return true;
  }

  table(): Table {
    return tableOf(this.chart, 'epoch');
  }

  png(): string {
    return pngOf(this.chart);
  }

  destroy(): void {
    this.chart.destroy();
  }
}
