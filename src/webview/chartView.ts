/** What the dashboard and sidebar need from any chart: keep up with the runs, a table, a PNG. */
import type { Chart } from 'chart.js';
import type { ShownRun } from '../protocol/webview';

export interface Table {
  columns: string[];
  rows: (number | null)[][];
}

/** Marks a plugin drew over the data, as the browser test reads them back: λ lines and ±1 SE bars. */
export interface DrawnMarks {
  markers: { lambda: number; label: string }[];
  errorBars: { series: string; lambda: number; low: number; high: number }[];
}

/** One entry of a chart's legend, drawn by the card as a button that shows or hides its lines. */
export interface LegendEntry {
  key: string;
  label: string;
  colour: string;
  dash: number[];
  hidden: boolean;
}

/** The x axis of charts over epochs: epochs, or the fraction of each run's planned epochs (runs of 40 and 958 epochs side by side). */
export type XAxis = 'epoch' | 'fraction';

export interface ChartView {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Brings the chart up to date with the runs (appending, never rebuilding); false if nothing changed. */
  sync(runs: readonly ShownRun[]): boolean;
  table(): Table;
  /** PNG as base64, without the data: prefix. */
  png(): string;
  /** What the chart's own plugins drew on the last frame, if it has any. */
  drawn?(): DrawnMarks;
  /** The entries of the card's legend (chart.js's own legend is off: it takes the plot's height). */
  legend?(): LegendEntry[];
  toggle?(key: string): void;
  setLogY?(on: boolean): void;
  setXAxis?(axis: XAxis): void;
  resetZoom?(): void;
  destroy(): void;
}

export type Point = { x: number; y: number | null };

/** Infinity or NaN (a diverging run) would wreck the axis; chart.js draws null as a gap. */
export function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

/** The y range when every value is the same: chart.js would span v − 1 … v + 1 (−1 … 1 for a chart of zeros). */
export function flatRange(values: readonly number[]): { min: number; max: number } | null {
  if (values.length === 0) return { min: 0, max: 1 };
  const v = values[0];
  if (values.some((x) => x !== v)) return null;
  if (v === 0) return { min: 0, max: 1 };
  return v > 0 ? { min: 0, max: 1.25 * v } : { min: 1.25 * v, max: 0 };
}

/** One row per x value seen in any dataset, one column per dataset. */
export function tableOf(chart: Chart<'line', Point[]>, xName: string): Table {
  const datasets = chart.data.datasets;
  const xs = [...new Set(datasets.flatMap((d) => d.data.map((p) => p.x)))].sort((a, b) => a - b);
  const byX = datasets.map((d) => new Map(d.data.map((p) => [p.x, p.y])));
  return {
    columns: [xName, ...datasets.map((d) => d.label ?? '')],
    rows: xs.map((x) => [x, ...byX.map((m) => m.get(x) ?? null)]),
  };
}

/** A legend entry per dataset, clicking one hides or shows it: for charts without runs to group by. */
export function datasetLegend(chart: {
  data: { datasets: { label?: string; borderColor?: unknown; borderDash?: unknown }[] };
  isDatasetVisible(index: number): boolean;
}): LegendEntry[] {
  return chart.data.datasets.map((d, i) => ({
    key: String(i),
    label: d.label ?? '',
    colour: String(d.borderColor),
    dash: (d.borderDash as number[] | undefined) ?? [],
    hidden: !chart.isDatasetVisible(i),
  }));
}

export function toggleDataset(chart: Chart, key: string): void {
  const i = Number(key);
  if (!Number.isInteger(i) || i < 0 || i >= chart.data.datasets.length) return;
  chart.setDatasetVisibility(i, !chart.isDatasetVisible(i));
  chart.update('none');
}

export function pngOf(chart: Chart): string {
  return chart.toBase64Image('image/png').replace(/^data:image\/png;base64,/, '');
}
