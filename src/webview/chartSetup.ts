/**
 * chart.js registration (only what the views use, to keep the bundle small), the zoom plugin, two
 * small plugins and the options every chart shares. Animations are off: live runs append points
 * many times a second.
 */
import {
  Chart,
  Filler,
  Legend,
  LinearScale,
  LogarithmicScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartOptions,
  type Plugin,
} from 'chart.js';
import zoomPlugin from 'chartjs-plugin-zoom';
import { labelGroups, labelRows } from './markerLayout';
import { colour, type Theme } from './theme';

export interface EpochMarker {
  /** Where it is drawn when not at `epoch`: its fraction of the run's training. */
  x?: number;
  epoch: number;
  label: string;
  colour: number;
}

const markersOf = new WeakMap<Chart, EpochMarker[]>();
const themeOf = new WeakMap<Chart, Theme>();

export function setMarkers(chart: Chart, markers: EpochMarker[]): void {
  markersOf.set(chart, markers);
}

/** The theme a chart draws its markers and background with. */
export function setChartTheme(chart: Chart, theme: Theme): void {
  themeOf.set(chart, theme);
}

/** A dashed vertical line across the plot at x pixel `px`, and a label beside it (flipped left near the right edge). */
export function markerLine(
  ctx: CanvasRenderingContext2D,
  area: { top: number; bottom: number; right: number },
  px: number,
  style: { color: string; dash: number[]; width: number },
  label: { text: string; y: number; gap: number },
): void {
  ctx.strokeStyle = style.color;
  ctx.fillStyle = style.color;
  ctx.setLineDash(style.dash);
  ctx.lineWidth = style.width;
  ctx.beginPath();
  ctx.moveTo(px, area.top);
  ctx.lineTo(px, area.bottom);
  ctx.stroke();
  if (label.text === '') return;
  ctx.fillText(label.text, labelLeft(px, ctx.measureText(label.text).width, label.gap, area.right), label.y);
}

const labelLeft = (px: number, width: number, gap: number, right: number) => (px + gap + width > right ? px - gap - width : px + gap);

/** Dashed vertical lines at the best epoch, early stop and overfitting onset, each label once and none on top of another. */
const epochMarkers: Plugin<'line'> = {
  id: 'epochMarkers',
  afterDatasetsDraw(chart) {
    const markers = markersOf.get(chart) ?? [];
    const theme = themeOf.get(chart);
    if (!theme || markers.length === 0) return;
    const { ctx, chartArea } = chart;
    const pixel = (x: number) => chart.scales.x.getPixelForValue(x);
    ctx.save();
    ctx.font = `${Math.round(theme.fontSize * 0.85)}px ${theme.fontFamily}`;
    const inside = (px: number) => px >= chartArea.left - 1 && px <= chartArea.right + 1;
    for (const marker of markers) {
      const px = pixel(marker.x ?? marker.epoch);
      if (inside(px)) markerLine(ctx, chartArea, px, { color: colour(theme, marker.colour), dash: [4, 3], width: 1 }, { text: '', y: 0, gap: 0 });
    }
    const groups = labelGroups(markers.map((m) => ({ px: Math.round(pixel(m.x ?? m.epoch)), text: `${m.label} (${m.epoch})`, colour: m.colour }))).filter((g) => inside(g.px));
    const spans = groups.map((g): [number, number] => {
      const width = ctx.measureText(g.text).width;
      const left = labelLeft(g.px, width, 3, chartArea.right);
      return [left, left + width];
    });
    labelRows(spans).forEach((row, i) => {
      const group = groups[i];
      // One run: its colour; several: the text colour, since the lines beneath carry the runs' colours.
      ctx.fillStyle = group.colours.size === 1 ? colour(theme, [...group.colours][0]) : theme.foreground;
      ctx.fillText(group.text, spans[i][0], chartArea.top + 12 + 13 * row);
    });
    ctx.restore();
  },
};

/** Paints the theme's background under the chart so exported PNGs read like the view. */
const themeBackground: Plugin<'line'> = {
  id: 'themeBackground',
  beforeDraw(chart) {
    const color = themeOf.get(chart)?.background;
    if (!color) return;
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Filler, Legend, Tooltip, zoomPlugin, epochMarkers, themeBackground);

export { Chart };

/** What a canvas's chart draws, as the browser test and the webview's developer tools read it. */
export interface DrawnChart {
  datasets: { label: string; colour: string; dash: number[]; width: number; visible: boolean }[];
  axes: Record<string, { type: string; title: string; min: number; max: number; ticks: string[] }>;
  plotHeight: number;
  /** chart.js's own legend: 0 when the card draws it below the plot. */
  legendHeight: number;
}

export function describeChart(canvas: HTMLCanvasElement): DrawnChart | null {
  const chart = Chart.getChart(canvas);
  if (!chart) return null;
  const axes: DrawnChart['axes'] = {};
  for (const [id, scale] of Object.entries(chart.scales)) {
    const title = (scale.options as { title?: { text?: string | string[] } }).title?.text;
    axes[id] = { type: scale.type, title: String(title ?? ''), min: scale.min, max: scale.max, ticks: scale.ticks.map((t) => String(t.label ?? '')) };
  }
  return {
    datasets: chart.data.datasets.map((d, i) => ({
      label: d.label ?? '',
      colour: String(d.borderColor),
      dash: (d as { borderDash?: number[] }).borderDash ?? [],
      width: Number((d as { borderWidth?: number }).borderWidth ?? 0),
      visible: chart.isDatasetVisible(i),
    })),
    axes,
    plotHeight: chart.chartArea.bottom - chart.chartArea.top,
    legendHeight: chart.legend?.options.display ? chart.legend.height : 0,
  };
}

/**
 * Drag a box to zoom, ctrl + wheel or pinch to zoom, shift + drag to pan (a plain wheel keeps
 * scrolling the page); the card's Reset button undoes it.
 */
export function zoomOptions(mode: 'xy' | 'y'): NonNullable<ChartOptions<'line'>['plugins']>['zoom'] {
  return {
    zoom: { drag: { enabled: true, threshold: 8 }, wheel: { enabled: true, modifierKey: 'ctrl' }, pinch: { enabled: true }, mode },
    pan: { enabled: true, modifierKey: 'shift', mode },
  };
}

/** `legend: false` when the card draws the legend (it then never takes the plot's height). */
export function baseOptions(theme: Theme, xTitle: string, yTitle: string, compact: boolean, legend = true): ChartOptions<'line'> {
  const font = { family: theme.fontFamily, size: theme.fontSize * (compact ? 0.8 : 0.9) };
  const axis = (title: string) => ({
    type: 'linear' as const,
    title: { display: !compact, text: title, color: theme.foreground, font },
    ticks: { color: theme.foreground, font },
    grid: { color: theme.grid },
    border: { color: theme.grid },
  });
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    normalized: true,
    interaction: { mode: 'nearest', axis: 'x', intersect: false },
    scales: { x: axis(xTitle), y: axis(yTitle) },
    plugins: {
      // A 1px-high box is stroked with the dataset's dash, so the legend shows solid vs dashed lines.
      legend: { display: legend, labels: { color: theme.foreground, font, boxWidth: 26, boxHeight: 1 } },
      tooltip: { titleFont: font, bodyFont: font },
    },
  };
}
