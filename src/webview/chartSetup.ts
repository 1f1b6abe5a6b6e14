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
      const color = colour(theme, marker.colour);
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.setLineDash([4, 3]);
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(px, chartArea.top);
      ctx.lineTo(px, chartArea.bottom);
      ctx.stroke();
      const text = `${marker.label} (${marker.epoch})`;
      const width = ctx.measureText(text).width;
      const left = px + 3 + width > chartArea.right ? px - 3 - width : px + 3;
      ctx.fillText(text, left, chartArea.top + 12 + 13 * i);
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
