/** Small seeded datasets for the core's tests. */
import { createRng } from '../../../src/core/rng';
import type { Dataset } from '../../../src/core/data/dataset';
import type { Task } from '../../../src/core/spec';

/** Rows of N(0,1) features with targets from a random linear rule (plus noise), for any task. */
export function syntheticDataset(rows: number, features: number, task: Task, classes = task === 'multiclass' ? 3 : task === 'binary' ? 2 : 1, seed = 1): Dataset {
  const rng = createRng(seed, 'fixture');
  const x = new Float32Array(rows * features);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const outputs = task === 'multiclass' ? classes : 1;
  const w = Array.from({ length: outputs * features }, () => rng.normal());
  const y = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    const scores = Array.from({ length: outputs }, (_, c) => {
      let s = 0;
      for (let j = 0; j < features; j++) s += w[c * features + j] * x[i * features + j];
      return s + 0.5 * rng.normal();
    });
    y[i] = task === 'regression' ? scores[0] : task === 'binary' ? (scores[0] > 0 ? 1 : 0) : scores.indexOf(Math.max(...scores));
  }
  return { x, y, rows, features, task, classes, featureNames: [], classNames: [] };
}

/** The first `rows` rows of a dataset, and the rest. */
export function splitAt(data: Dataset, rows: number): { train: Dataset; validation: Dataset } {
  const part = (from: number, to: number): Dataset => ({
    ...data,
    x: data.x.slice(from * data.features, to * data.features),
    y: data.y.slice(from, to),
    rows: to - from,
  });
  return { train: part(0, rows), validation: part(rows, data.rows) };
}
