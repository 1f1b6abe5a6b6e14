import type { Task } from '../spec';

/** A table of examples: row-major features and one target per row. */
export interface Dataset {
  /** rows × features, row-major. */
  x: Float32Array;
  /** One target per row: the class index (0..classes−1) for classification, the value for regression. */
  y: Float32Array;
  rows: number;
  features: number;
  task: Task;
  /** Number of classes; 1 for regression. */
  classes: number;
  featureNames: string[];
  /** Class labels as the user knows them (e.g. "setosa"); [] for regression. */
  classNames: string[];
  /** Which group each row belongs to (a CSV's group column): splits and folds keep a group whole. */
  groups?: RowGroups;
}

/** A group column: rows with the same value belong together (a patient, a site, a session). */
export interface RowGroups {
  /** The column's name in the header. */
  column: string;
  /** Each row's group, numbered 0.. in order of first appearance in the file. */
  ids: Uint32Array;
  /** Groups in the file (a subset of the rows may hold fewer). */
  count: number;
}

/** The data a run trains on: validation is optional (no early stopping or gap without it). */
export interface TrainingData {
  train: Dataset;
  validation: Dataset | null;
}

/** Number of network outputs a task needs. */
export function outputWidth(data: Pick<Dataset, 'task' | 'classes'>): number {
  return data.task === 'multiclass' ? data.classes : 1;
}
