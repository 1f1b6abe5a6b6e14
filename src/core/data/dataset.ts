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
