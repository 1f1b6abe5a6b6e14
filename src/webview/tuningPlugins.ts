/**
 * The tuning charts' drawing on top of chart.js, which has no error bars or labelled x markers:
 * ±1 SE bars from each point's `se`, λ_min / λ_1se lines, their labels' room, the λ = 0 axis break.
 * The bars and lines record what they drew, for the browser test.
 */
import type { Plugin } from 'chart.js';
import { markerLine } from './chartSetup';
import type { DrawnMarks } from './chartView';
import type { LambdaAxis } from './lambdaAxis';
import type { TuningChart } from './tuningSeries';
import { colour, type Theme } from './theme';

/** A point as the tuning charts hand it to chart.js: x is where λ is drawn (λ = 0 moves), lambda the real value. */
export interface Datum {
  x: number;
  y: number | null;
  lambda: number;
  se: number | null;
}

/** Height of one λ marker's label row above the plot. */
const markerRow = 14;

/** Half the width of an error bar's caps, in pixels: wide enough to see when the bar itself is short. */
const capHalfWidth = 5;

export function errorBars(drawn: DrawnMarks): Plugin<'line'> {
  return {
    id: 'errorBars',
    afterDatasetsDraw(chart) {
      drawn.errorBars = [];
      const { ctx, chartArea } = chart;
      const y = chart.scales.y;
      ctx.save();
      ctx.beginPath();
      ctx.rect(chartArea.left, chartArea.top, chartArea.right - chartArea.left, chartArea.bottom - chartArea.top);
      ctx.clip();
      chart.data.datasets.forEach((dataset, i) => {
        if (!chart.isDatasetVisible(i)) return;
        const meta = chart.getDatasetMeta(i);
        ctx.strokeStyle = String(dataset.borderColor);
        ctx.lineWidth = 1.5;
        ctx.setLineDash([]);
        (dataset.data as unknown as Datum[]).forEach((d, k) => {
          if (d.y === null || d.se === null || d.se === 0) return;
          const px = meta.data[k].x;
          if (px < chartArea.left - 1 || px > chartArea.right + 1) return;
          const [top, bottom] = [y.getPixelForValue(d.y + d.se), y.getPixelForValue(d.y - d.se)];
          ctx.beginPath();
          const w = capHalfWidth;
          for (const [from, to] of [[[px, top], [px, bottom]], [[px - w, top], [px + w, top]], [[px - w, bottom], [px + w, bottom]]]) {
            ctx.moveTo(from[0], from[1]);
            ctx.lineTo(to[0], to[1]);
          }
          ctx.stroke();
          drawn.errorBars.push({ series: dataset.label ?? '', lambda: d.lambda, low: d.y - d.se, high: d.y + d.se });
        });
      });
      ctx.restore();
    },
  };
}

export function lambdaLines(def: TuningChart, axis: LambdaAxis, theme: Theme, drawn: DrawnMarks): Plugin<'line'> {
  return {
    id: 'lambdaMarkers',
    afterDatasetsDraw(chart) {
      drawn.markers = [];
      const { ctx, chartArea } = chart;
      ctx.save();
      ctx.font = `${Math.round(theme.fontSize * 0.85)}px ${theme.fontFamily}`;
      def.markers.forEach((marker, i) => {
        const px = chart.scales.x.getPixelForValue(axis.toX(marker.lambda));
        if (px < chartArea.left - 1 || px > chartArea.right + 1) return;
        // Labels sit in the room the legend leaves above the plot (see labelRoom), where they hide no data.
        markerLine(ctx, chartArea, px, { color: colour(theme, marker.colour), dash: [5, 3], width: 1.25 }, {
          text: marker.label,
          y: chartArea.top - 6 - markerRow * (def.markers.length - 1 - i),
          gap: 4,
        });
        drawn.markers.push({ lambda: marker.lambda, label: marker.label });
      });
      ctx.restore();
    },
  };
}

/** The one-standard-error line across the plot, labelled at its right end, so the 1-SE rule can be read off the chart. */
export function thresholdLine(def: TuningChart, theme: Theme): Plugin<'line'> {
  return {
    id: 'oneSeThreshold',
    afterDatasetsDraw(chart) {
      const threshold = def.threshold;
      if (!threshold) return;
      const { ctx, chartArea } = chart;
      const py = chart.scales.y.getPixelForValue(threshold.y);
      if (py < chartArea.top || py > chartArea.bottom) return;
      ctx.save();
      ctx.strokeStyle = theme.foreground;
      ctx.fillStyle = theme.foreground;
      ctx.setLineDash([2, 3]);
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(chartArea.left, py);
      ctx.lineTo(chartArea.right, py);
      ctx.stroke();
      ctx.font = `${Math.round(theme.fontSize * 0.8)}px ${theme.fontFamily}`;
      ctx.textAlign = 'right';
      ctx.fillText(threshold.label, chartArea.right - 2, py - 3);
      ctx.restore();
    },
  };
}

/** Makes the legend box taller by a row per λ marker, so the markers' labels fit between it and the plot. */
export function labelRoom(markers: number): Plugin<'line'> {
  return {
    id: 'labelRoom',
    beforeInit(chart) {
      const legend = chart.legend;
      if (!legend) return;
      const fit = legend.fit.bind(legend);
      legend.fit = () => {
        fit();
        legend.height += markerRow * markers + 2;
      };
    },
  };
}

/** Two slanted strokes across the x axis between λ = 0 and the log scale. */
export function axisBreak(axis: LambdaAxis, theme: Theme): Plugin<'line'> {
  return {
    id: 'axisBreak',
    afterDraw(chart) {
      if (axis.breakAt === null) return;
      const { ctx, chartArea } = chart;
      const px = chart.scales.x.getPixelForValue(axis.breakAt);
      ctx.save();
      ctx.fillStyle = theme.background;
      ctx.fillRect(px - 4, chartArea.bottom - 6, 8, 12);
      ctx.strokeStyle = theme.foreground;
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (const dx of [-3, 3]) {
        ctx.moveTo(px + dx - 3, chartArea.bottom + 6);
        ctx.lineTo(px + dx + 3, chartArea.bottom - 6);
      }
      ctx.stroke();
      ctx.restore();
    },
  };
}
