/** Diagnoses each checkpoint of a series in step order: one checkpoint open, one tensor in memory, at a time. */
import { seriesPoint, type SeriesPoint } from '../../core';
import { CheckpointError } from './checkpointError';
import type { FoundSeries } from './findSeries';
import { defaultInspectOptions, inspectTensor } from './inspectTensors';
import { openCheckpoint } from './openCheckpoint';

export interface SeriesOptions {
  /** λ and m of the L2 penalty each checkpoint's weights would cost. */
  lambda: number;
  m: number;
  /** Tensors whose names match, or all. */
  layers: RegExp | null;
}

export type SeriesEvent = { kind: 'point'; point: SeriesPoint } | { kind: 'problem'; message: string };

/** One event per checkpoint: its point, or why it could not be read (the others go on). */
export async function* inspectSeries(series: FoundSeries, options: SeriesOptions): AsyncGenerator<SeriesEvent> {
  for (const { step, path } of series.checkpoints) {
    try {
      const checkpoint = await openCheckpoint(path);
      try {
        const chosen = checkpoint.tensors.filter((t) => options.layers === null || options.layers.test(t.name));
        const layers = [];
        for (const tensor of chosen) layers.push(await inspectTensor(tensor, defaultInspectOptions));
        yield { kind: 'point', point: seriesPoint(step, path, layers, options.lambda, options.m) };
      } finally {
        await checkpoint.close();
      }
    } catch (error) {
      yield { kind: 'problem', message: error instanceof CheckpointError ? error.message : `${path}: ${(error as Error).message}` };
    }
  }
}
