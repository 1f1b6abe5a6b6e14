/**
 * A tuning chart: lines against λ on a log axis, ±1 SE bars, dashed lines at λ_min and λ_1se and,
 * when λ = 0 was tried, its point left of an axis break (joined by a dotted segment: off scale).
 */
import type { ChartDataset } from 'chart.js';
import { baseOptions, Chart, setChartTheme, zoomOptions } from './chartSetup';
import { datasetLegend, finiteOrNull, pngOf, toggleDataset, type ChartView, type DrawnMarks, type LegendEntry, type Table } from './chartView';
import { formatNumber } from '../protocol/labels';
import type { LambdaAxis } from './lambdaAxis';
import { axisBreak, errorBars, labelRoom, lambdaLines, thresholdLine, type Datum } from './tuningPlugins';
import type { TuningChart, TuningLine } from './tuningSeries';
import { colour, dash, type Theme } from './theme';

type TuningDataset = ChartDataset<'line', Datum[]>;


function datasetOf(line: TuningLine, axis: LambdaAxis, theme: Theme): TuningDataset {
  const color = colour(theme, line.colour);
  const offScale = (x: number | null) => axis.zeroAt !== null && x === axis.zeroAt;
  return {
    label: line.label,
    data: line.points.map((p) => ({ x: axis.toX(p.lambda), y: finiteOrNull(p.y), lambda: p.lambda, se: finiteOrNull(p.se ?? null) })),
    borderColor: color,
    backgroundColor: line.hollow ? 'transparent' : color,
    borderDash: dash(theme, line.dash),
    borderWidth: theme.lineWidth,
    showLine: !line.scatter,
    pointStyle: line.scatter ? 'crossRot' : line.hollow ? 'rectRot' : 'circle',
    pointRadius: line.scatter ? 6 : line.hollow ? 4 : 2,
    pointBorderWidth: line.scatter ? 2 : 1,
    pointHoverRadius: 4,
    pointHitRadius: 6,
    segment: { borderDash: (ctx) => (offScale(ctx.p0.parsed.x) ? [2, 4] : undefined) },
  };
}

export class TuningChartView implements ChartView {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  private readonly chart: Chart<'line', Datum[]>;
  private readonly marks: DrawnMarks = { markers: [], errorBars: [] };

  constructor(canvas: HTMLCanvasElement, private readonly def: TuningChart, axis: LambdaAxis, theme: Theme) {
    this.id = def.id;
    this.title = def.title;
    this.description = def.description;
    const xTitle = axis.zeroAt === null ? 'λ (log scale)' : 'λ (log scale; λ = 0 sits left of the break)';
    const options = baseOptions(theme, xTitle, def.yTitle, false, false);
    // Zoom y only: the λ axis keeps its decades and the λ = 0 break.
    if (options.plugins) options.plugins.zoom = zoomOptions('y');
    const x = options.scales?.x;
    if (x) {
      Object.assign(x, {
        type: 'logarithmic',
        min: axis.min,
        max: axis.max,
        afterBuildTicks: (scale: { ticks: { value: number }[] }) => {
          scale.ticks = axis.ticks.map((value) => ({ value }));
        },
      });
      Object.assign(x.ticks ?? {}, { callback: (value: number | string) => axis.tickLabel(Number(value)) });
    }
    Object.assign(options.plugins?.tooltip ?? {}, {
      callbacks: {
        title: (items: { raw: unknown }[]) => (items[0] ? `λ = ${formatNumber((items[0].raw as Datum).lambda)}` : ''),
        label: (item: { raw: unknown; dataset: { label?: string } }) => {
          const d = item.raw as Datum;
          return `${item.dataset.label ?? ''}: ${formatNumber(d.y)}${d.se ? ` ± ${formatNumber(d.se)}` : ''}`;
        },
      },
    });
    // chart.js sizes the y axis by the points alone: make room for the error bars too.
    const ends = [
      ...def.lines.flatMap((line) => line.points.flatMap((p) => (p.y !== null && Number.isFinite(p.y) && p.se ? [p.y - p.se, p.y + p.se] : []))),
      ...(def.threshold ? [def.threshold.y] : []),
    ];
    if (ends.length > 0) Object.assign(options.scales?.y ?? {}, { suggestedMin: Math.min(...ends), suggestedMax: Math.max(...ends) });
    const datasets = def.lines.map((line) => datasetOf(line, axis, theme));
    this.chart = new Chart(canvas, {
      type: 'line',
      data: { datasets },
      options,
      plugins: [labelRoom(def.markers.length), errorBars(this.marks), thresholdLine(def, theme), lambdaLines(def, axis, theme, this.marks), axisBreak(axis, theme)],
    });
    setChartTheme(this.chart, theme);
  }

  /** A tuning is finished when shown: nothing to append. */
  sync(): boolean {
    return false;
  }

  /** One row per λ (λ = 0 as 0), a column per line and one for each line's standard errors. */
  table(): Table {
    const lines = this.def.lines;
    const withSE = lines.map((line) => line.points.some((p) => p.se !== undefined));
    const columns = ['λ', ...lines.flatMap((line, i) => (withSE[i] ? [line.label, `${line.label}: SE`] : [line.label]))];
    const lambdas = [...new Set(lines.flatMap((line) => line.points.map((p) => p.lambda)))].sort((a, b) => a - b);
    const rows = lambdas.map((lambda) => [
      lambda,
      ...lines.flatMap((line, i) => {
        const point = line.points.find((p) => p.lambda === lambda);
        const y = finiteOrNull(point?.y ?? null);
        return withSE[i] ? [y, finiteOrNull(point?.se ?? null)] : [y];
      }),
    ]);
    return { columns, rows };
  }

  legend(): LegendEntry[] {
    return datasetLegend(this.chart);
  }

  toggle(key: string): void {
    toggleDataset(this.chart, key);
  }

  resetZoom(): void {
    this.chart.resetZoom('none');
  }

  png(): string {
    return pngOf(this.chart);
  }

  drawn(): DrawnMarks {
    return { markers: [...this.marks.markers], errorBars: [...this.marks.errorBars] };
  }

  destroy(): void {
    this.chart.destroy();
  }
}
