/**
 * Weight histograms per layer: for one run its first, middle and last recorded epochs; for several
 * runs the last recorded epoch of each, overlaid.
 */
import type { Histogram } from '../protocol/records';
import type { ShownRun } from '../protocol/webview';
import { layerCount, layerName, runNames } from './series';

export interface HistogramLine {
  label: string;
  colour: number;
  dash: number;
  /** Bin centre → count of weights in the bin. */
  points: { x: number; y: number }[];
}

export interface HistogramChart {
  id: string;
  title: string;
  description: string;
  lines: HistogramLine[];
}

function recorded(run: ShownRun): { epoch: number; histograms: Histogram[] }[] {
  return run.epochs.flatMap((r) => (r.histograms ? [{ epoch: r.epoch, histograms: r.histograms }] : []));
}

/** First, middle and last of the recorded epochs, without repeats. */
export function chosenEpochs<T>(items: readonly T[]): T[] {
  if (items.length === 0) return [];
  const picks = [0, Math.floor((items.length - 1) / 2), items.length - 1];
  return [...new Set(picks)].map((i) => items[i]);
}

function points(h: Histogram): { x: number; y: number }[] {
  return h.counts.map((count, i) => ({ x: (h.edges[i] + h.edges[i + 1]) / 2, y: count }));
}

export function histogramCharts(runs: readonly ShownRun[]): HistogramChart[] {
  if (runs.length === 0) return [];
  const layers = Math.max(...runs.map(layerCount));
  const names = runNames(runs);
  return Array.from({ length: layers }, (_, layer) => {
    const lines: HistogramLine[] =
      runs.length === 1
        ? chosenEpochs(recorded(runs[0])).flatMap(({ epoch, histograms }, i) => {
            const h = histograms.find((x) => x.layer === layer);
            return h ? [{ label: `epoch ${epoch}`, colour: i, dash: 0, points: points(h) }] : [];
          })
        : runs.flatMap((run, r) => {
            const last = recorded(run).at(-1);
            const h = last?.histograms.find((x) => x.layer === layer);
            return last && h ? [{ label: `${names[r]}: epoch ${last.epoch}`, colour: r, dash: 0, points: points(h) }] : [];
          });
    const name = layerName(layer, layers);
    return {
      id: `histogram-${layer}`,
      title: `Weight histogram, ${name}`,
      description: `Number of weights of the ${name} per value bin, at the recorded epochs.`,
      lines,
    };
  });
}
