import type { Dataset, RowGroups, TrainingData } from './dataset';
import { createRng, type Rng } from '../rng';

/**
 * Holds out `fraction` of the rows for validation, chosen from the seed. For classes the split is
 * stratified: each class gives its share (largest remainders decide the rounding, so every class is
 * within one row of exact and the total is round(rows · fraction)). With a group column, whole groups
 * are held out instead (see heldGroups). Both parts keep the file's row order.
 */
export function splitTrainValidation(data: Dataset, fraction: number, seed: number): TrainingData {
  if (!(fraction >= 0 && fraction < 1)) throw new Error(`validation must be a fraction in [0, 1), got ${fraction}`);
  const total = Math.round(data.rows * fraction);
  if (total === 0) return { train: data, validation: null };
  if (total >= data.rows) throw new Error(`validation ${fraction} of ${data.rows} rows leaves none for training`);
  const rng = createRng(seed, 'split');
  if (data.groups) return splitWhere(data, heldGroups(data.groups, data.rows, total, rng));
  const groups = rowGroups(data);
  const held = new Uint8Array(data.rows);
  shares(groups.map((rows) => rows.length), fraction, total).forEach((count, g) => {
    const rows = groups[g];
    rng.shuffle(rows);
    for (let k = 0; k < count; k++) held[rows[k]] = 1;
  });
  return splitWhere(data, held);
}

function splitWhere(data: Dataset, held: Uint8Array): TrainingData {
  const total = held.reduce((sum, flag) => sum + flag, 0);
  // Typed row lists, not arrays of numbers: a large table's split stays small beside its copies.
  const pick = (flag: number) => subset(data, rowsWhere(held, flag, flag === 1 ? total : data.rows - total));
  return { train: pick(0), validation: pick(1) };
}

/**
 * Whole groups go to validation, in an order fixed by the seed, until at least `total` rows are held
 * out; at least one group always stays for training, so no group is ever on both sides.
 */
function heldGroups(groups: RowGroups, rows: number, total: number, rng: Rng): Uint8Array {
  const sizes = new Uint32Array(groups.count);
  for (const id of groups.ids) sizes[id]++;
  const order = Uint32Array.from({ length: groups.count }, (_, g) => g).filter((g) => sizes[g] > 0);
  if (order.length < 2) throw new Error(`a validation split needs at least two groups in the column "${groups.column}"; it has ${order.length}`);
  rng.shuffle(order);
  const isHeld = new Uint8Array(groups.count);
  let count = 0;
  for (let k = 0; k < order.length - 1 && count < total; k++) {
    isHeld[order[k]] = 1;
    count += sizes[order[k]];
  }
  const held = new Uint8Array(rows);
  for (let row = 0; row < rows; row++) held[row] = isHeld[groups.ids[row]];
  return held;
}

function rowsWhere(flags: Uint8Array, flag: number, count: number): Uint32Array {
  const rows = new Uint32Array(count);
  for (let i = 0, k = 0; i < flags.length; i++) if (flags[i] === flag) rows[k++] = i;
  return rows;
}

/** The rows of each class, or all rows as one group for regression. */
function rowGroups(data: Dataset): Uint32Array[] {
  if (data.task === 'regression') return [new Uint32Array(data.rows).map((_, i) => i)];
  const sizes = new Uint32Array(data.classes);
  for (const label of data.y) sizes[label]++;
  const groups = Array.from(sizes, (size) => new Uint32Array(size));
  const filled = new Uint32Array(data.classes);
  data.y.forEach((label, i) => (groups[label][filled[label]++] = i));
  return groups;
}

/** Splits `total` over groups in proportion to their sizes (largest remainder method). */
function shares(sizes: number[], fraction: number, total: number): number[] {
  const exact = sizes.map((size) => size * fraction);
  const counts = exact.map(Math.floor);
  const byRemainder = exact.map((value, g) => ({ g, remainder: value - counts[g] })).sort((a, b) => b.remainder - a.remainder || a.g - b.g);
  let left = total - counts.reduce((sum, count) => sum + count, 0);
  for (const { g } of byRemainder) {
    if (left === 0) break;
    if (counts[g] < sizes[g]) {
      counts[g]++;
      left--;
    }
  }
  return counts;
}

/** The given rows of a dataset, in the order given. */
export function subset(data: Dataset, rows: ArrayLike<number>): Dataset {
  const width = data.features;
  const x = new Float32Array(rows.length * width);
  const y = new Float32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    x.set(data.x.subarray(rows[k] * width, (rows[k] + 1) * width), k * width);
    y[k] = data.y[rows[k]];
  }
  const groups = data.groups && { ...data.groups, ids: Uint32Array.from(rows, (row) => data.groups!.ids[row]) };
  return { ...data, x, y, rows: rows.length, ...(groups && { groups }) };
}

/** Per-feature mean and population standard deviation, fitted on the training rows. */
export interface Standardization {
  mean: number[];
  /** ddof = 0; a constant feature gets 1, so it maps to 0 rather than NaN. */
  std: number[];
}

/**
 * Standardizes both parts with statistics of the training rows only (validation must not leak into
 * them), in place: the caller hands over its own copies, and a large table is not held twice.
 */
export function standardize(data: TrainingData): { data: TrainingData; stats: Standardization } {
  const stats = fitStandardization(data.train);
  for (const part of [data.train, data.validation]) if (part) scaleInPlace(part.x, stats);
  return { data, stats };
}

function scaleInPlace(x: Float32Array, { mean, std }: Standardization): void {
  const width = mean.length;
  for (let k = 0; k < x.length; k++) x[k] = (x[k] - mean[k % width]) / std[k % width];
}

export function fitStandardization(data: Dataset): Standardization {
  const width = data.features;
  const mean = new Array<number>(width).fill(0);
  const squares = new Array<number>(width).fill(0);
  for (let i = 0; i < data.rows; i++) for (let j = 0; j < width; j++) mean[j] += data.x[i * width + j];
  for (let j = 0; j < width; j++) mean[j] /= data.rows;
  for (let i = 0; i < data.rows; i++) for (let j = 0; j < width; j++) squares[j] += (data.x[i * width + j] - mean[j]) ** 2;
  const std = squares.map((sum) => Math.sqrt(sum / data.rows) || 1);
  return { mean, std };
}

export function applyStandardization(data: Dataset, { mean, std }: Standardization): Dataset {
  const width = data.features;
  const x = data.x.map((value, k) => (value - mean[k % width]) / std[k % width]);
  return { ...data, x };
}
