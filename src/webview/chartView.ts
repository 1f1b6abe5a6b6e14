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
  destroy(): void;
}

export type Point = { x: number; y: number | null };

/** Infinity or NaN (a diverging run) would wreck the axis; chart.js draws null as a gap. */
export function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
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

export function pngOf(chart: Chart): string {
  return chart.toBase64Image('image/png').replace(/^data:image\/png;base64,/, '');
}
