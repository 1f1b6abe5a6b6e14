/** k-fold cross-validation: which fold each row belongs to, fixed by the seed, stratified for classes unless asked not to. */
import type { Dataset, RowGroups, TrainingData } from '../data/dataset';
import { applyStandardization, fitStandardization, subset } from '../data/split';
import { createRng } from '../rng';

/** How the rows are cut into folds; plain data, so a worker can rebuild any fold from the rows alone. */
export interface FoldSpec {
  count: number;
  seed: number;
  /** Standardize each fold with the mean and std of its own training rows (never its validation rows). */
  standardize: boolean;
  /** Shuffle rows by the seed before dealing them out (default); false keeps the data's order. */
  shuffle?: boolean;
  /** Deal each class out on its own, so every fold gets its share (default for classification); not with groups. */
  stratify?: boolean;
}

/**
 * The fold (0..k−1) of every row. By default rows are shuffled by the seed, class by class for
 * classification, and dealt out in turn, continuing across classes: every fold gets each class's
 * share within one row, and fold sizes differ by at most one. Without shuffling, stratified rows
 * are dealt in the data's order, and unstratified ones form contiguous blocks (time-ordered data).
 * Rows with a group column get grouped folds instead (see groupFolds).
 */
export function foldAssignment(data: Dataset, { count, seed, shuffle = true, stratify = true }: FoldSpec): Uint8Array {
  checkFoldCount(count, data.rows);
  if (data.groups) return groupFolds(data.groups, count, seed, shuffle);
  const fold = new Uint8Array(data.rows);
  if (!shuffle && !(stratify && data.task !== 'regression')) {
    for (let row = 0; row < data.rows; row++) fold[row] = Math.floor((row * count) / data.rows);
    return fold;
  }
  const rng = createRng(seed, 'folds');
  let next = 0;
  for (const rows of stratify ? classGroups(data) : [Uint32Array.from({ length: data.rows }, (_, i) => i)]) {
    if (shuffle) rng.shuffle(rows);
    for (const row of rows) {
      fold[row] = next;
      next = (next + 1) % count;
    }
  }
  return fold;
}

/** Throws when `count` folds cannot be cut from `rows` rows. */
export function checkFoldCount(count: number, rows: number): void {
  if (!(Number.isInteger(count) && count >= 2 && count <= 255)) throw new Error(`tuning.folds: must be a whole number from 2 to 255, got ${count}`);
  if (rows < count) throw new Error(`tuning.folds: ${count} folds need at least ${count} rows; the data has ${rows}`);
}

/**
 * Grouped k-fold, as scikit-learn's GroupKFold: every group lies in one fold; groups go largest
 * first, each to the fold with the fewest rows so far (the first such fold on a tie), which gives
 * GroupKFold's fold sizes exactly. GroupKFold orders groups of equal size by its sort; here they
 * keep the file's order, or, when shuffling, an order fixed by the seed. Classes are not balanced.
 */
export function groupFolds(groups: RowGroups, count: number, seed: number, shuffle: boolean): Uint8Array {
  const sizes = new Uint32Array(groups.count);
  for (const id of groups.ids) sizes[id]++;
  const order = Array.from({ length: groups.count }, (_, g) => g).filter((g) => sizes[g] > 0);
  if (order.length < count) throw new Error(`tuning.folds: ${count} folds need at least ${count} groups; the column "${groups.column}" has ${order.length}`);
  if (shuffle) createRng(seed, 'folds').shuffle(order);
  order.sort((a, b) => sizes[b] - sizes[a]); // stable: equal sizes keep the order above
  const rowsIn = new Float64Array(count);
  const foldOf = new Uint8Array(groups.count);
  for (const g of order) {
    let lightest = 0;
    for (let f = 1; f < count; f++) if (rowsIn[f] < rowsIn[lightest]) lightest = f;
    rowsIn[lightest] += sizes[g];
    foldOf[g] = lightest;
  }
  return Uint8Array.from(groups.ids, (id) => foldOf[id]);
}

function classGroups(data: Dataset): Uint32Array[] {
  if (data.task === 'regression') return [Uint32Array.from({ length: data.rows }, (_, i) => i)];
  const groups: number[][] = Array.from({ length: data.classes }, () => []);
  data.y.forEach((label, i) => groups[label].push(i));
  return groups.map((rows) => Uint32Array.from(rows));
}

/** Fold `index` as training data: the other folds train, this one validates; standardized on the training part only. */
export function foldData(data: Dataset, assignment: Uint8Array, index: number, standardize: boolean): TrainingData {
  const trainRows: number[] = [];
  const validationRows: number[] = [];
  assignment.forEach((fold, row) => (fold === index ? validationRows : trainRows).push(row));
  const train = subset(data, trainRows);
  const validation = subset(data, validationRows);
  if (!standardize) return { train, validation };
  const stats = fitStandardization(train);
  return { train: applyStandardization(train, stats), validation: applyStandardization(validation, stats) };
}

/** Every fold as {train, validation} datasets (in fold order). */
export function makeFolds(data: Dataset, k: number, seed: number, standardize = false): TrainingData[] {
  const assignment = foldAssignment(data, { count: k, seed, standardize });
  return Array.from({ length: k }, (_, index) => foldData(data, assignment, index, standardize));
}

/** All rows as training data, standardized on themselves when asked: what the coefficient path trains on. */
export function fullData(data: Dataset, standardize: boolean): TrainingData {
  return { train: standardize ? applyStandardization(data, fitStandardization(data)) : data, validation: null };
}
