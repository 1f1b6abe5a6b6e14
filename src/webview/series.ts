/**
 * What each chart plots, independent of chart.js and of the theme: one Series per line, reading
 * one number from each EpochReport. With several runs every label starts with the run's penalty,
 * λ and convention, colour follows the run and the dash tells the lines of one run apart.
 */
import type { EpochReport, LayerDiagnostics } from '../protocol/records';
import { liveMarks } from '../protocol/liveMarks';
import { runLabel } from '../protocol/runLabel';
import type { ShownRun } from '../protocol/webview';

export interface Series {
  label: string;
  /** The line's name within its run ("validation loss"): the legend groups by run and by line. */
  line: string;
  runId: string;
  /** Index into the theme's palette. */
  colour: number;
  /** Index into the theme's dash patterns; 0 is solid. */
  dash: number;
  value: (report: EpochReport) => number | null;
  /** Shade between this line and the one before it (the generalization gap). */
  fillToPrevious?: boolean;
  /** Series with the same stack add up (data loss + penalty), one stack per run. */
  stack?: string;
  /** Shade down to the series below in the stack (one run only: overlapping areas of several runs are mud). */
  area?: boolean;
}

export interface EpochChart {
  id: string;
  title: string;
  /** Read by screen readers in place of the picture. */
  description: string;
  yTitle: (runs: readonly ShownRun[]) => string;
  stacked?: boolean;
  /** The marks drawn: best epoch, early stop, overfitting onset. */
  markers?: readonly MarkerLabel[];
  series(runs: readonly ShownRun[]): Series[];
}

/** Distinguishes runs that share a penalty label (same λ trained twice). */
export function runNames(runs: readonly ShownRun[]): string[] {
  const labels = runs.map((run) => runLabel(run.spec));
  return labels.map((label, i) => (labels.indexOf(label) === labels.lastIndexOf(label) ? label : `${label} (${runs[i].id})`));
}

/** Number of dense layers, known from the spec before the first epoch arrives. */
export function layerCount(run: ShownRun): number {
  return run.epochs[0]?.layers.length ?? run.spec.model.hidden.length + 1;
}

export function layerName(layer: number, layers: number): string {
  return layer === layers - 1 ? 'output layer' : `hidden ${layer + 1}`;
}

interface Line {
  label: string;
  value: (report: EpochReport) => number | null;
  fillToPrevious?: boolean;
  stack?: boolean;
  /** Style with one run; defaults to a colour per line, solid. */
  colour?: number;
  dash?: number;
}

/** Lays the lines of each run out as series: colour per line for one run, per run for several. */
function perRun(runs: readonly ShownRun[], lines: (run: ShownRun, single: boolean) => Line[]): Series[] {
  const names = runNames(runs);
  const single = runs.length === 1;
  return runs.flatMap((run, r) =>
    lines(run, single).map((line, i) => ({
      label: single ? line.label : `${names[r]}: ${line.label}`,
      line: line.label,
      runId: run.id,
      colour: single ? (line.colour ?? i) : r,
      dash: single ? (line.dash ?? 0) : i,
      value: line.value,
      ...(line.fillToPrevious && single ? { fillToPrevious: true } : {}),
      ...(line.stack ? { stack: run.id, area: single } : {}),
    })),
  );
}

type Variant = [suffix: string, read: (d: LayerDiagnostics) => number | null];

function perLayer(runs: readonly ShownRun[], variants: Variant[], hiddenOnly = false): Series[] {
  return perRun(runs, (run) => {
    const layers = layerCount(run);
    const shown = hiddenOnly ? layers - 1 : layers;
    return variants.flatMap(([suffix, read], variant) =>
      Array.from({ length: shown }, (_, layer) => ({
        label: layerName(layer, layers) + suffix,
        colour: layer,
        dash: variant,
        value: (report: EpochReport) => {
          const d = report.layers[layer];
          return d ? read(d) : null;
        },
      })),
    );
  });
}

/** "accuracy" or "R²", the metric the runs report; both when a comparison mixes classification and regression. */
export function metricName(runs: readonly ShownRun[]): string {
  const metrics = new Set(runs.map((run) => run.metric));
  if (metrics.size > 1) return 'accuracy or R²';
  return metrics.has('r2') ? 'R²' : 'accuracy';
}

const allMarkers = ['best', 'early stop', 'overfitting onset'] as const;
export type MarkerLabel = (typeof allMarkers)[number];

const titled = (title: string) => () => title;

export const epochCharts: EpochChart[] = [
  {
    id: 'loss',
    title: 'Training vs validation loss',
    description: 'Data loss per epoch on training and validation data; the shaded band is the gap.',
    yTitle: titled('data loss'),
    markers: allMarkers,
    series: (runs) =>
      perRun(runs, () => [
        { label: 'training loss', value: (r) => r.trainLoss },
        { label: 'validation loss', value: (r) => r.valLoss, fillToPrevious: true },
      ]),
  },
  {
    id: 'gap',
    title: 'Generalization gap',
    description: 'Validation loss minus training loss per epoch, with the overfitting onset marked.',
    yTitle: titled('validation − training loss'),
    markers: ['overfitting onset'],
    series: (runs) => perRun(runs, () => [{ label: 'gap', value: (r) => r.gap }]),
  },
  {
    id: 'objective',
    title: 'Objective = data loss + penalty',
    description: 'The training objective per epoch, stacked: the data loss below, the penalty on top.',
    yTitle: titled('objective'),
    stacked: true,
    markers: allMarkers,
    series: (runs) =>
      perRun(runs, (_, single) => [
        { label: 'data loss', value: (r) => r.trainLoss, stack: true },
        // Without the shaded area, the stacked line is the objective itself: say so.
        { label: single ? 'penalty' : 'objective (data loss + penalty)', value: (r) => r.penalty, stack: true },
      ]),
  },
  {
    id: 'metric',
    title: 'Training vs validation accuracy or R²',
    description: 'Accuracy (classification) or R² (regression) per epoch on training and validation data.',
    yTitle: metricName,
    series: (runs) => {
      const name = metricName(runs);
      return perRun(runs, () => [
        { label: `training ${name}`, value: (r) => r.trainMetric },
        { label: `validation ${name}`, value: (r) => r.valMetric },
      ]);
    },
  },
  {
    id: 'frobenius',
    title: 'Frobenius norm ‖W‖ per layer',
    description: 'Frobenius norm of each layer’s weight matrix per epoch.',
    yTitle: titled('Frobenius norm ‖W‖'),
    series: (runs) => perLayer(runs, [['', (d) => d.frobenius]]),
  },
  {
    id: 'l1',
    title: 'Weight norm ‖W‖₁ per layer',
    description: 'Sum of absolute weights of each layer per epoch.',
    yTitle: titled('Σ|w| = ‖W‖₁'),
    series: (runs) => perLayer(runs, [['', (d) => d.l1]]),
  },
  {
    id: 'sparsity',
    title: 'Sparsity per layer',
    description: 'Fraction of each layer’s weights with |w| ≤ ε, and the fraction exactly zero, per epoch.',
    yTitle: titled('fraction of weights'),
    series: (runs) => perLayer(runs, [[' |w| ≤ ε', (d) => d.sparsity], [' exactly 0', (d) => d.exactZeros]]),
  },
  {
    id: 'deadUnits',
    title: 'Dead units per layer',
    description: 'Units per layer with no significant incoming weights or never active on validation data.',
    yTitle: titled('units'),
    series: (runs) => perLayer(runs, [['', (d) => d.deadUnits]]),
  },
  {
    id: 'linearFraction',
    title: 'Linear-regime fraction per hidden layer',
    description: 'Share of hidden pre-activations in the activation’s near-linear band, per epoch.',
    yTitle: titled('fraction'),
    series: (runs) => perLayer(runs, [['', (d) => d.linearFraction]], true),
  },
  {
    id: 'spectralNorm',
    title: 'Spectral norm per layer',
    description: 'Largest singular value of each layer’s weight matrix per epoch.',
    yTitle: titled('largest singular value ‖W‖₂'),
    series: (runs) => perLayer(runs, [['', (d) => d.spectralNorm]]),
  },
  {
    id: 'stableRank',
    title: 'Stable rank per layer',
    description: 'Stable rank, the squared Frobenius norm over the squared spectral norm, of each layer per epoch: how many directions carry the weight.',
    yTitle: titled('stable rank'),
    series: (runs) => perLayer(runs, [['', (d) => d.stableRank]]),
  },
];

export interface Marker {
  runId: string;
  epoch: number;
  label: MarkerLabel;
  colour: number;
}

/** Best epoch, early stop and overfitting onset (those named in `shown`) of finished runs; best epoch and onset so far of live ones. */
export function markers(runs: readonly ShownRun[], shown: readonly MarkerLabel[] = allMarkers): Marker[] {
  return runs.flatMap((run, r) => {
    const summary = run.summary ?? { stopReason: 'running', ...liveMarks(run.epochs, run.spec) };
    const colour = runs.length === 1 ? 2 : r;
    const found: Marker[] = [];
    if (summary.bestEpoch > 0) found.push({ runId: run.id, epoch: summary.bestEpoch, label: 'best', colour });
    const last = run.epochs.at(-1);
    if (summary.stopReason === 'earlyStopped' && last) {
      found.push({ runId: run.id, epoch: last.epoch, label: 'early stop', colour });
    }
    if (summary.overfittingOnset !== null) {
      found.push({ runId: run.id, epoch: summary.overfittingOnset, label: 'overfitting onset', colour });
    }
    return found.filter((marker) => shown.includes(marker.label));
  });
}
