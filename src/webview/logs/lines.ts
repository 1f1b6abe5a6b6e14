/** Lines of logged series, as chart.js datasets on the run's own axis. */
import type { ChartDataset } from 'chart.js';
import type { ExternalRun } from '../../protocol/logs';
import { finiteOrNull, type Point } from '../chartView';
import { colour, dash, withAlpha, type Theme } from '../theme';

export function line(label: string, data: Point[], colourIndex: number, dashIndex: number, fillGap: boolean, theme: Theme): ChartDataset<'line', Point[]> {
  const color = colour(theme, colourIndex);
  return {
    label,
    data,
    borderColor: color,
    backgroundColor: withAlpha(color, 0.2),
    borderDash: dash(theme, dashIndex),
    borderWidth: theme.lineWidth,
    pointRadius: 0,
    pointHoverRadius: 3,
    pointHitRadius: 6,
    fill: fillGap ? { target: '-1', above: withAlpha(color, 0.2), below: withAlpha(color, 0.2) } : false,
  };
}

/** A series of the log as points on the run's axis (epochs, or steps when the log has no epochs). */
export function pointsOf(run: ExternalRun, name: string | null): Point[] {
  const series = name === null ? undefined : run.series[name];
  if (!series) return [];
  return series.steps.map((step, i) => ({ x: run.axis === 'epoch' ? series.epochs[i]! : step, y: finiteOrNull(series.values[i]) }));
}
