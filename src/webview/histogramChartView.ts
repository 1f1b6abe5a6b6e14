/** A layer's weight histograms; replaced wholesale when a new epoch's histogram is recorded. */
import type { ChartDataset } from 'chart.js';
import type { ShownRun } from '../protocol/webview';
import { baseOptions, Chart, setChartTheme } from './chartSetup';
import { datasetLegend, pngOf, tableOf, toggleDataset, type ChartView, type LegendEntry, type Point, type Table } from './chartView';
import { histogramCharts, type HistogramChart, type HistogramLine } from './histograms';
import { colour, dash, type Theme } from './theme';

function datasetOf(line: HistogramLine, theme: Theme): ChartDataset<'line', Point[]> {
  const color = colour(theme, line.colour);
  return {
    label: line.label,
    data: line.points,
    borderColor: color,
    borderDash: dash(theme, line.dash),
    borderWidth: theme.lineWidth,
    stepped: 'middle',
    pointRadius: 0,
    pointHitRadius: 6,
  };
}

export class HistogramChartView implements ChartView {
  readonly title: string;
  readonly description: string;
  private readonly chart: Chart<'line', Point[]>;
  private shownLines = '';

  constructor(canvas: HTMLCanvasElement, readonly id: string, runs: readonly ShownRun[], private readonly theme: Theme, compact: boolean) {
    const spec = this.find(runs);
    this.title = spec?.title ?? id;
    this.description = spec?.description ?? '';
    const options = baseOptions(theme, 'weight value', 'weights (log scale)', compact, false);
    // L1 piles most weights into the bin at 0; a log axis keeps the rest of the distribution visible.
    // Counts are whole numbers: start at 1 (empty bins sit on the axis) and label the powers of ten.
    if (options.scales?.y) {
      Object.assign(options.scales.y, { type: 'logarithmic', min: 1 });
      Object.assign(options.scales.y.ticks ?? {}, { callback: (value: number | string) => (Number.isInteger(Math.log10(Number(value))) ? String(value) : '') });
    }
    this.chart = new Chart(canvas, { type: 'line', data: { datasets: [] }, options });
    setChartTheme(this.chart, theme);
    this.sync(runs);
  }

  private find(runs: readonly ShownRun[]): HistogramChart | undefined {
    return histogramCharts(runs).find((chart) => chart.id === this.id);
  }

  sync(runs: readonly ShownRun[]): boolean {
    const lines = this.find(runs)?.lines ?? [];
    const key = lines.map((line) => line.label).join('\n');
    if (key === this.shownLines) return false;
    this.shownLines = key;
    this.chart.data.datasets = lines.map((line) => datasetOf(line, this.theme));
    this.chart.update('none');
    return true;
  }

  table(): Table {
    return tableOf(this.chart, 'bin centre');
  }

  legend(): LegendEntry[] {
    return datasetLegend(this.chart);
  }

  toggle(key: string): void {
    toggleDataset(this.chart, key);
  }

  png(): string {
    return pngOf(this.chart);
  }

  destroy(): void {
    this.chart.destroy();
  }
}
