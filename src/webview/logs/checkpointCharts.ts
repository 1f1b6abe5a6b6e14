/**
 * Folders of checkpoints over training, by step: Σ‖W‖²_F beside the logs' gap (two y axes, one
 * step axis: the gap of the log and the weight norms of the checkpoints together), each layer's
 * ‖W‖_F, mean α and the share of small weights.
 */
import type { CheckpointSeries } from '../../protocol/checkpointSeries';
import type { ExternalRun } from '../../protocol/logs';
import { baseOptions, Chart, setChartTheme } from '../chartSetup';
import { finiteOrNull, pngOf, tableOf, type ChartView, type Point, type Table } from '../chartView';
import type { Theme } from '../theme';
import { line } from './lines';

/** More lines than this in one chart read as noise: the rest are named in the description. */
const maxLayerLines = 16;

interface Line {
  label: string;
  data: Point[];
  /** 'y1': the right-hand axis. */
  axis?: 'y1';
  dashed?: boolean;
}

class StepChartView implements ChartView {
  private readonly chart: Chart<'line', Point[]>;

  constructor(canvas: HTMLCanvasElement, readonly id: string, readonly title: string, readonly description: string, xTitle: string, yTitle: string, lines: Line[], theme: Theme, y1Title?: string) {
    const datasets = lines.map((l, i) => ({ ...line(l.label, l.data, i, l.dashed ? 1 : 0, false, theme), pointRadius: 3, yAxisID: l.axis ?? 'y' }));
    const options = baseOptions(theme, xTitle, yTitle, false);
    if (y1Title !== undefined) options.scales = { ...options.scales, y1: { ...options.scales!.y, position: 'right', title: { ...(options.scales!.y as { title: object }).title, text: y1Title }, grid: { drawOnChartArea: false } } };
    this.chart = new Chart(canvas, { type: 'line', data: { datasets }, options });
    setChartTheme(this.chart, theme);
  }

  /** The series and logs change only when the extension sends them again, which redraws the page. */
  sync(): boolean {
    return false;
  }

  table(): Table {
    return tableOf(this.chart, 'step');
  }

  png(): string {
    return pngOf(this.chart);
  }

  destroy(): void {
    this.chart.destroy();
  }
}

const byStep = (s: CheckpointSeries, value: (p: CheckpointSeries['points'][number]) => number | null): Point[] => s.points.map((p) => ({ x: p.step, y: finiteOrNull(value(p)) }));

function axisName(series: readonly CheckpointSeries[]): string {
  return series.every((s) => s.unit === 'epoch') ? 'epoch' : 'step';
}

export type ChartMaker = (canvas: HTMLCanvasElement) => ChartView;

/** The charts of the series shown, with the logs' gaps by step beside their norms. */
export function checkpointCharts(series: readonly CheckpointSeries[], logs: readonly ExternalRun[], theme: Theme): ChartMaker[] {
  if (series.length === 0) return [];
  const x = axisName(series);
  const gaps: Line[] = logs.map((run) => ({ label: `${run.name}: gap (${run.used.valLoss ?? '?'} − ${run.used.trainLoss ?? '?'})`, data: run.stepGap.steps.map((step, i) => ({ x: step, y: finiteOrNull(run.stepGap.values[i]) })), dashed: true }));
  const norms: Line[] = series.map((s) => ({ label: `${s.name}: Σ‖W‖²_F`, data: byStep(s, (p) => p.sumSquares), ...(gaps.length > 0 ? { axis: 'y1' as const } : {}) }));
  const layerLines = series.flatMap((s) => [...new Set(s.points.flatMap((p) => p.layers.map((l) => l.name)))].map((name) => ({
    label: series.length > 1 ? `${s.name}: ${name}` : name,
    data: byStep(s, (p) => p.layers.find((l) => l.name === name)?.frobenius ?? null),
  })));
  const reading = series.map((s) => `${s.name}: ${s.points.length} of ${s.checkpoints} checkpoints${s.done ? '' : ' so far'}${s.problems.length > 0 ? `, ${s.problems.length} unreadable (${s.problems.join('; ')})` : ''}`).join('; ');
  const left = layerLines.length > maxLayerLines ? ` The first ${maxLayerLines} of ${layerLines.length} layers are drawn.` : '';
  return [
    (canvas) => gaps.length > 0
      ? new StepChartView(canvas, 'checkpoint-gap-norms', 'Gap (logs) and Σ‖W‖²_F (checkpoints) by step', `The logs' validation minus training loss at each validation step (left axis) and the checkpoints' sum of squared weights (right axis), on one ${x} axis. ${reading}.`, x, 'gap', [...gaps, ...norms], theme, 'Σ‖W‖²_F')
      : new StepChartView(canvas, 'checkpoint-norms', 'Σ‖W‖²_F of the checkpoints by step', `What an L2 penalty charges, per checkpoint. ${reading}.`, x, 'Σ‖W‖²_F', norms, theme),
    (canvas) => new StepChartView(canvas, 'checkpoint-layer-norms', '‖W‖_F per layer by step', `Each weight matrix's Frobenius norm per checkpoint.${left}`, x, '‖W‖_F', layerLines.slice(0, maxLayerLines), theme),
    (canvas) => new StepChartView(canvas, 'checkpoint-alpha', 'Mean power-law α by step (α < 2 over-trained, > 6 under-trained: heuristic)', 'The mean over weight matrices of the ESD power-law exponent (WeightWatcher\'s fit).', x, 'mean α', series.map((s) => ({ label: s.name, data: byStep(s, (p) => p.meanAlpha) })), theme),
    (canvas) => new StepChartView(canvas, 'checkpoint-sparsity', 'Share of weights with |w| ≤ ε by step', 'Over the entries of every weight matrix, per checkpoint.', x, 'share ≤ ε', series.map((s) => ({ label: s.name, data: byStep(s, (p) => p.sparsity) })), theme),
  ];
}
