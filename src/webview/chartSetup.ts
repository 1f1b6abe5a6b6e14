/**
 * chart.js registration (only what the views use, to keep the bundle small), two small plugins and
 * the options every chart shares. Animations are off: live runs append points many times a second.
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
import { colour, type Theme } from './theme';

export interface EpochMarker {
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
  const width = ctx.measureText(label.text).width;
  ctx.fillText(label.text, px + label.gap + width > area.right ? px - label.gap - width : px + label.gap, label.y);
}

/** Dashed vertical lines at the best epoch, early stop and overfitting onset. */
const epochMarkers: Plugin<'line'> = {
  id: 'epochMarkers',
  afterDatasetsDraw(chart) {
    const markers = markersOf.get(chart) ?? [];
    const theme = themeOf.get(chart);
    if (!theme || markers.length === 0) return;
    const { ctx, chartArea } = chart;
    const x = chart.scales.x;
    ctx.save();
    ctx.font = `${Math.round(theme.fontSize * 0.85)}px ${theme.fontFamily}`;
    markers.forEach((marker, i) => {
      const px = x.getPixelForValue(marker.epoch);
      if (px < chartArea.left - 1 || px > chartArea.right + 1) return;
      markerLine(ctx, chartArea, px, { color: colour(theme, marker.colour), dash: [4, 3], width: 1 }, {
        text: `${marker.label} (${marker.epoch})`,
        y: chartArea.top + 12 + 13 * i,
        gap: 3,
      });
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

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Filler, Legend, Tooltip, epochMarkers, themeBackground);

export { Chart };

export function baseOptions(theme: Theme, xTitle: string, yTitle: string, compact: boolean): ChartOptions<'line'> {
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
      legend: { labels: { color: theme.foreground, font, boxWidth: 26, boxHeight: 1 } },
      tooltip: { titleFont: font, bodyFont: font },
    },
  };
}
