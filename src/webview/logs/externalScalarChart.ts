/** One series the user asked for (a learning rate, a gradient norm…), from every shown log that has it. */
import type { ExternalRun } from '../../protocol/logs';
import { baseOptions, Chart, setChartTheme } from '../chartSetup';
import { pngOf, tableOf, type ChartView, type Point, type Table } from '../chartView';
import type { Theme } from '../theme';
import { line, pointsOf } from './lines';

export class ExternalScalarChartView implements ChartView {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  private readonly chart: Chart<'line', Point[]>;

  constructor(canvas: HTMLCanvasElement, name: string, external: readonly ExternalRun[], theme: Theme) {
    const having = external.filter((run) => Object.hasOwn(run.series, name));
    // The id names the PNG export: a series name like train/loss would not be a file name.
    this.id = `external-scalar-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    this.title = `${name} (logs)`;
    this.description = `${name} as logged by ${having.map((run) => run.name).join(', ') || 'no open log'}.`;
    const axis = having.every((run) => run.axis === 'epoch') ? 'epoch' : 'step';
    const datasets = having.map((run, k) => line(run.name, pointsOf(run, name), k, 0, false, theme));
    this.chart = new Chart(canvas, { type: 'line', data: { datasets }, options: baseOptions(theme, axis, name, false) });
    setChartTheme(this.chart, theme);
  }

  /** Logged series change only when the extension sends the logs again, which redraws the page. */
  sync(): boolean {
    return false;
  }

  table(): Table {
    return tableOf(this.chart, 'epoch or step');
  }

  png(): string {
    return pngOf(this.chart);
  }

  destroy(): void {
    this.chart.destroy();
  }
}
