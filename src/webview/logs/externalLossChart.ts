/**
 * Losses of runs trained elsewhere (from their logs) on the same axes as RegLens runs: training and
 * validation loss per run, the gap shaded between them, best epoch and overfitting onset marked.
 */
import type { ExternalRun } from '../../protocol/logs';
import { penaltyLabel, type ShownRun } from '../../protocol/webview';
import { baseOptions, Chart, setChartTheme, setMarkers, type EpochMarker } from '../chartSetup';
import { finiteOrNull, pngOf, tableOf, type ChartView, type Point, type Table } from '../chartView';
import type { Theme } from '../theme';
import { line, pointsOf } from './lines';

export class ExternalLossChartView implements ChartView {
  readonly id = 'external-loss';
  readonly title = 'Loss: logs from elsewhere beside RegLens runs';
  readonly description: string;
  private readonly chart: Chart<'line', Point[]>;

  constructor(canvas: HTMLCanvasElement, external: readonly ExternalRun[], runs: readonly ShownRun[], theme: Theme) {
    const names = external.map((run) => `${run.name}: ${run.used.trainLoss ?? '?'} / ${run.used.valLoss ?? '?'}`).join('; ');
    this.description = `Training and validation loss of ${external.length} logged run(s) (${names}) and ${runs.length} RegLens run(s), the gap shaded.`;
    const axis = external.every((run) => run.axis === 'epoch') ? 'epoch' : 'epoch (RegLens) or step (logs)';
    const datasets = [
      ...runs.flatMap((run, r) => {
        const label = penaltyLabel(run.spec.regularization);
        return [
          line(`${label}: training loss`, [], r, 0, false, theme),
          line(`${label}: validation loss`, [], r, 1, true, theme),
        ];
      }),
      ...external.flatMap((run, k) => [
        line(`${run.name}: ${run.used.trainLoss ?? 'no training loss'}`, pointsOf(run, run.used.trainLoss), runs.length + k, 0, false, theme),
        line(`${run.name}: ${run.used.valLoss ?? 'no validation loss'}`, pointsOf(run, run.used.valLoss), runs.length + k, 1, true, theme),
      ]),
    ];
    this.chart = new Chart(canvas, { type: 'line', data: { datasets }, options: baseOptions(theme, axis, 'loss', false) });
    setChartTheme(this.chart, theme);
    setMarkers(this.chart, external.flatMap((run, k) => this.markersOf(run, runs.length + k)));
    this.sync(runs);
  }

  private markersOf(run: ExternalRun, colourIndex: number): EpochMarker[] {
    const found: EpochMarker[] = [];
    if (run.bestEpoch !== null) found.push({ epoch: run.bestEpoch, label: `${run.name}: best`, colour: colourIndex });
    if (run.onset !== null) found.push({ epoch: run.onset, label: `${run.name}: overfitting onset`, colour: colourIndex });
    return found;
  }

  /** RegLens runs grow epoch by epoch; the logs' lines are redrawn whole when the extension sends them again. */
  sync(runs: readonly ShownRun[]): boolean {
    let changed = false;
    runs.forEach((run, r) => {
      for (const [offset, value] of [[0, (e: ShownRun['epochs'][number]) => e.trainLoss], [1, (e: ShownRun['epochs'][number]) => e.valLoss]] as const) {
        const data = this.chart.data.datasets[2 * r + offset]?.data;
        if (!data) continue;
        for (let k = data.length; k < run.epochs.length; k++) {
          data.push({ x: run.epochs[k].epoch, y: finiteOrNull(value(run.epochs[k])) });
          changed = true;
        }
      }
    });
    if (changed) this.chart.update('none');
    return changed;
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
