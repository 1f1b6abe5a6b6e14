/**
 * A chart over epochs (losses, gap, norms, sparsity...) that grows point by point as epochs arrive.
 * Its legend groups lines by run (colour) and by line (dash); x is the epoch or the fraction of each
 * run's planned epochs; y can be logarithmic; drag zooms.
 */
import type { ChartDataset } from 'chart.js';
import type { ShownRun } from '../protocol/webview';
import { baseOptions, Chart, setChartTheme, setMarkers, zoomOptions } from './chartSetup';
import { finiteOrNull, flatRange, pngOf, tableOf, type ChartView, type LegendEntry, type Point, type Table, type XAxis } from './chartView';
import { markers, runNames, type EpochChart, type Series } from './series';
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

const xTitles: Record<XAxis, string> = { epoch: 'epoch', fraction: 'fraction of planned epochs' };

export class EpochChartView implements ChartView {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  private readonly chart: Chart<'line', Point[]>;
  private readonly series: Series[];
  private readonly runs: { id: string; name: string; planned: number }[];
  private readonly hiddenRuns = new Set<string>();
  private readonly hiddenLines = new Set<string>();
  private xAxis: XAxis = 'epoch';
  private logY = false;
  private shownMarkers = '';
  /** The runs as last synced: toggling a run or the x axis redraws their markers. */
  private lastRuns: readonly ShownRun[] = [];

  constructor(canvas: HTMLCanvasElement, private readonly def: EpochChart, runs: readonly ShownRun[], private readonly theme: Theme, compact: boolean) {
    this.id = def.id;
    this.title = def.title;
    this.description = def.description;
    this.series = def.series(runs);
    const names = runNames(runs);
    this.runs = runs.map((run, i) => ({ id: run.id, name: names[i], planned: Math.max(1, run.spec.training.epochs) }));
    const options = baseOptions(theme, xTitles.epoch, def.yTitle(runs), compact, false);
    Object.assign(options.scales?.x?.ticks ?? {}, { precision: 0 });
    if (def.stacked && options.scales?.y) Object.assign(options.scales.y, { stacked: true, beginAtZero: true });
    if (!compact && options.plugins) options.plugins.zoom = zoomOptions('xy');
    const datasets = this.series.map((_, i) => datasetOf(this.series, i, theme));
    this.chart = new Chart(canvas, { type: 'line', data: { datasets }, options });
    setChartTheme(this.chart, theme);
    this.sync(runs);
  }

  sync(runs: readonly ShownRun[]): boolean {
    this.lastRuns = runs;
    const byId = new Map(runs.map((run) => [run.id, run]));
    let changed = false;
    this.series.forEach((s, i) => {
      const epochs = byId.get(s.runId)?.epochs ?? [];
      const data = this.chart.data.datasets[i].data;
      for (let k = data.length; k < epochs.length; k++) {
        data.push({ x: this.xOf(s.runId, epochs[k].epoch), y: finiteOrNull(s.value(epochs[k])) });
        changed = true;
      }
    });
    changed = this.syncMarkers(runs) || changed;
    if (changed) this.redraw();
    return changed;
  }

  legend(): LegendEntry[] {
    const lines = [...new Set(this.series.map((s) => s.line))];
    const lineEntry = (line: string): LegendEntry => {
      const s = this.series.find((x) => x.line === line) ?? this.series[0];
      // With several runs a line's entry is drawn in the text colour: the colours name the runs.
      const color = this.runs.length > 1 ? this.theme.foreground : colour(this.theme, s.colour);
      return { key: `line:${line}`, label: line, colour: color, dash: dash(this.theme, s.dash), hidden: this.hiddenLines.has(line) };
    };
    if (this.runs.length <= 1) return lines.map(lineEntry);
    const runEntries = this.runs.map((run): LegendEntry => {
      const s = this.series.find((x) => x.runId === run.id);
      return { key: `run:${run.id}`, label: run.name, colour: colour(this.theme, s?.colour ?? 0), dash: [], hidden: this.hiddenRuns.has(run.id) };
    });
    return lines.length > 1 ? [...runEntries, ...lines.map(lineEntry)] : runEntries;
  }

  toggle(key: string): void {
    const [kind, name] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    const set = kind === 'run' ? this.hiddenRuns : kind === 'line' ? this.hiddenLines : null;
    if (!set) return;
    if (set.has(name)) set.delete(name);
    else set.add(name);
    this.series.forEach((s, i) => this.chart.setDatasetVisibility(i, !this.hiddenRuns.has(s.runId) && !this.hiddenLines.has(s.line)));
    this.shownMarkers = '';
    this.syncMarkers(this.lastRuns);
    this.redraw();
  }

  setLogY(on: boolean): void {
    this.logY = on;
    const y = this.chart.options.scales?.y;
    if (y) y.type = on ? 'logarithmic' : 'linear';
    this.redraw();
  }

  setXAxis(axis: XAxis): void {
    this.xAxis = axis;
    const x = this.chart.options.scales?.x;
    if (x && 'title' in x && x.title) x.title.text = xTitles[axis];
    if (x?.ticks) Object.assign(x.ticks, { precision: axis === 'epoch' ? 0 : undefined });
    this.series.forEach((s, i) => {
      const epochs = this.lastRuns.find((run) => run.id === s.runId)?.epochs ?? [];
      this.chart.data.datasets[i].data.forEach((point, k) => (point.x = this.xOf(s.runId, epochs[k]?.epoch ?? k + 1)));
    });
    this.shownMarkers = '';
    this.syncMarkers(this.lastRuns);
    this.chart.resetZoom('none');
    this.redraw();
  }

  resetZoom(): void {
    this.chart.resetZoom('none');
  }

  table(): Table {
    return tableOf(this.chart, this.xAxis === 'epoch' ? 'epoch' : 'fraction of planned epochs');
  }

  png(): string {
    return pngOf(this.chart);
  }

  destroy(): void {
    this.chart.destroy();
  }

  private xOf(runId: string, epoch: number): number {
    if (this.xAxis === 'epoch') return epoch;
    return epoch / (this.runs.find((run) => run.id === runId)?.planned ?? 1);
  }

  private syncMarkers(runs: readonly ShownRun[]): boolean {
    if (!this.def.markers) return false;
    const shown = markers(runs, this.def.markers)
      .filter((m) => !this.hiddenRuns.has(m.runId))
      .map((m) => ({ x: this.xOf(m.runId, m.epoch), epoch: m.epoch, label: m.label, colour: m.colour }));
    const key = JSON.stringify(shown);
    if (key === this.shownMarkers) return false;
    this.shownMarkers = key;
    setMarkers(this.chart, shown);
    return true;
  }

  /**
   * Where x ends: a live or completed run at its planned epochs (chart.js would round 120 up to 150),
   * a stopped one at its last epoch (a stop at 50 of 100 000 keeps its curve readable).
   */
  private xEnd(): number {
    const ends = this.lastRuns.map((run) => {
      const planned = this.runs.find((r) => r.id === run.id)?.planned ?? 1;
      const end = run.summary === null || run.summary.stopReason === 'completed' ? planned : Math.max(1, run.epochs.at(-1)?.epoch ?? 1);
      return this.xAxis === 'epoch' ? end : end / planned;
    });
    return Math.max(...ends, this.xAxis === 'epoch' ? 1 : 0);
  }

  /** Updates the chart, giving a flat (or empty) series a y range that starts at 0 instead of −1 … 1. */
  private redraw(): void {
    const x = this.chart.options.scales?.x;
    if (x && !this.chart.isZoomedOrPanned()) Object.assign(x, { min: 0, max: this.xEnd() });
    const y = this.chart.options.scales?.y;
    if (y && !this.def.stacked) {
      const values = this.chart.data.datasets.flatMap((d, i) => (this.chart.isDatasetVisible(i) ? d.data.flatMap((p) => (p.y === null ? [] : [p.y])) : []));
      const flat = this.logY ? null : flatRange(values);
      Object.assign(y, { min: flat?.min, max: flat?.max });
    }
    this.chart.update('none');
  }
}
