/**
 * A folder of checkpoints over training as the views show it (beside training logs, on the same
 * step axis), and the messages the series worker posts while it reads the checkpoints one by one.
 * Both are checked where they are received.
 */
import type { SeriesLayer, SeriesPoint } from '../core';
import { arrayOf, boolean, nonNegative, nullable, number, object, oneOf, string, tagged, type Check, type Checked } from './check';

export type { SeriesPoint } from '../core';

export interface CheckpointSeries {
  /** The folder, workspace-relative: unique among the series shown. */
  id: string;
  name: string;
  unit: 'step' | 'epoch';
  /** Checkpoints found, read or not yet. */
  checkpoints: number;
  points: SeriesPoint[];
  /** Names in the folder left out, each with why. */
  skipped: string[];
  /** Checkpoints that could not be read, located. */
  problems: string[];
  done: boolean;
}

const finiteOrNull = nullable(number);

export const seriesPointCheck = object<SeriesPoint>({
  step: nonNegative,
  file: string,
  parameters: nonNegative,
  sumSquares: number,
  sparsity: finiteOrNull,
  meanAlpha: finiteOrNull,
  l2Penalty: object<SeriesPoint['l2Penalty']>({ lambda: number, m: number, '2m': number, half: number, sum: number }),
  layers: arrayOf(object<SeriesLayer>({ name: string, frobenius: finiteOrNull, alpha: finiteOrNull, sparsity: finiteOrNull, stableRank: finiteOrNull })),
});

export const checkpointSeriesCheck = object<CheckpointSeries>({
  id: string,
  name: string,
  unit: oneOf('step', 'epoch'),
  checkpoints: nonNegative,
  points: arrayOf(seriesPointCheck),
  skipped: arrayOf(string),
  problems: arrayOf(string),
  done: boolean,
});

/** The series worker's job: the checkpoints of one folder, and the penalty's λ and m. */
export interface SeriesJob {
  kind: 'series';
  folder: string;
  lambda: number;
  m: number;
}

/** Series worker → extension. */
export type SeriesFromWorker =
  | { type: 'found'; unit: 'step' | 'epoch'; checkpoints: number; skipped: string[] }
  | { type: 'point'; point: SeriesPoint }
  | { type: 'problem'; message: string }
  | { type: 'done' };

type Fields<T extends { type: string }, K extends T['type']> = Omit<Extract<T, { type: K }>, 'type'>;

const fromWorker: Check<SeriesFromWorker> = tagged<SeriesFromWorker>({
  found: object<Fields<SeriesFromWorker, 'found'>>({ unit: oneOf('step', 'epoch'), checkpoints: nonNegative, skipped: arrayOf(string) }),
  point: object<Fields<SeriesFromWorker, 'point'>>({ point: seriesPointCheck }),
  problem: object<Fields<SeriesFromWorker, 'problem'>>({ message: string }),
  done: object<Fields<SeriesFromWorker, 'done'>>({}),
});

export function parseSeriesFromWorker(raw: unknown): Checked<SeriesFromWorker> {
  return fromWorker(raw, 'message');
}
