// Grouped k-fold (issue 14, item 5): a CSV group column keeps each group in one fold, as scikit-learn's GroupKFold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { completeSpec, foldAssignment, groupFolds, parseCsv, splitTrainValidation, type Dataset, type RowGroups } from '../../../src/core';
import { repoRoot } from '../paths';
import { tuneHere } from './tuneHere';

const fixtureDir = join(repoRoot, 'test', 'fixtures', 'groups');
const reference = JSON.parse(readFileSync(join(fixtureDir, 'group_folds.json'), 'utf8')) as {
  csv: { file: string; target: string; group: string; features: string[]; folds: Record<string, number[]> };
  ties: { folds: number; groups: string[]; foldSizes: number[]; groupSizesPerFold: number[][] }[];
};
const csvText = readFileSync(join(fixtureDir, reference.csv.file), 'utf8');

/** Group labels as the CSV reader numbers them: in order of first appearance. */
function rowGroups(labels: readonly string[]): RowGroups {
  const ids = new Map<string, number>();
  return { column: 'g', ids: Uint32Array.from(labels, (label) => ids.get(label) ?? ids.set(label, ids.size).get(label)!), count: new Set(labels).size };
}

function withGroups(groups: RowGroups, classes = 2): Dataset {
  const rows = groups.ids.length;
  const y = Float32Array.from({ length: rows }, (_, i) => i % classes);
  return { x: new Float32Array(rows), y, rows, features: 1, task: 'binary', classes, featureNames: ['x'], classNames: [], groups };
}

const foldsOf = (data: Dataset, count: number, seed: number, shuffle: boolean) => foldAssignment(data, { count, seed, standardize: false, shuffle });

function foldSizes(assignment: Uint8Array, count: number): number[] {
  return Array.from({ length: count }, (_, fold) => assignment.filter((f) => f === fold).length);
}

/** Every group in exactly one fold. */
function assertGroupsWhole(groups: RowGroups, assignment: Uint8Array): void {
  const foldOfGroup = new Map<number, number>();
  groups.ids.forEach((id, row) => {
    const seen = foldOfGroup.get(id) ?? assignment[row];
    assert.equal(assignment[row], seen, `group ${id} is in folds ${seen} and ${assignment[row]}`);
    foldOfGroup.set(id, seen);
  });
}

test('the CSV reader keeps the group column out of the features and numbers groups by first appearance', () => {
  const data = parseCsv(csvText, { target: reference.csv.target, task: 'auto', group: reference.csv.group });
  assert.deepEqual(data.featureNames, reference.csv.features);
  const lines = csvText.trim().split('\n').slice(1).map((line) => line.split(','));
  assert.equal(data.rows, lines.length);
  lines.forEach(([a, site, b], row) => {
    assert.equal(data.x[2 * row], Math.fround(Number(a)));
    assert.equal(data.x[2 * row + 1], Math.fround(Number(b)));
    assert.equal(data.groups!.ids[row], rowGroups(lines.map((l) => l[1])).ids[row], site);
  });
  assert.equal(data.groups!.column, 'site');
  assert.equal(data.groups!.count, 10);
});

test('every row of the CSV gets the fold scikit-learn’s GroupKFold gives it, with and without shuffling', () => {
  const data = parseCsv(csvText, { target: reference.csv.target, task: 'auto', group: reference.csv.group });
  for (const [count, expected] of Object.entries(reference.csv.folds)) {
    for (const [seed, shuffle] of [[1, false], [1, true], [99, true]] as const) {
      assert.deepEqual(Array.from(foldsOf(data, Number(count), seed, shuffle)), expected, `${count} folds, seed ${seed}, shuffle ${shuffle}`);
    }
  }
});

test('with groups of equal size, fold sizes and each fold’s group sizes are GroupKFold’s, whatever breaks the ties', () => {
  for (const { folds, groups, foldSizes: sizes, groupSizesPerFold } of reference.ties) {
    const data = withGroups(rowGroups(groups));
    for (const [seed, shuffle] of [[1, false], [3, true], [4, true]] as const) {
      const assignment = foldsOf(data, folds, seed, shuffle);
      assertGroupsWhole(data.groups!, assignment);
      assert.deepEqual(foldSizes(assignment, folds), sizes, `${folds} folds, seed ${seed}`);
      const perFold = Array.from({ length: folds }, (_, fold) =>
        [...new Set(groups.filter((_, row) => assignment[row] === fold))].map((g) => groups.filter((h) => h === g).length).sort((a, b) => a - b),
      );
      assert.deepEqual(perFold, groupSizesPerFold);
    }
  }
});

const groupedRows = fc
  .record({ groups: fc.integer({ min: 2, max: 30 }), rows: fc.integer({ min: 2, max: 200 }), seed: fc.nat(), count: fc.integer({ min: 2, max: 10 }) })
  .chain(({ groups, rows, seed, count }) =>
    fc.record({
      ids: fc.array(fc.integer({ min: 0, max: groups - 1 }), { minLength: Math.max(rows, count), maxLength: Math.max(rows, count) }),
      seed: fc.constant(seed),
      count: fc.constant(count),
    }),
  )
  .filter(({ ids, count }) => new Set(ids).size >= count);

test('property: no group is split, every fold holds rows, folds differ by at most the largest group, and a seed fixes them', () => {
  fc.assert(
    fc.property(groupedRows, fc.boolean(), ({ ids, seed, count }, shuffle) => {
      const groups: RowGroups = { column: 'g', ids: Uint32Array.from(ids), count: Math.max(...ids) + 1 };
      const assignment = groupFolds(groups, count, seed, shuffle);
      assertGroupsWhole(groups, assignment);
      const sizes = foldSizes(assignment, count);
      assert.ok(sizes.every((size) => size > 0), `sizes ${sizes}`);
      const largest = Math.max(...[...new Set(ids)].map((g) => ids.filter((h) => h === g).length));
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= largest, `sizes ${sizes}, largest group ${largest}`);
      assert.deepEqual(groupFolds(groups, count, seed, shuffle), assignment);
      // Ties are broken by the seed, never the loads: the fold sizes are the same for any seed.
      assert.deepEqual(foldSizes(groupFolds(groups, count, seed + 1, shuffle), count), sizes);
    }),
    { seed: 14, numRuns: 300 },
  );
});

test('property: the folds do not depend on how the groups are numbered when sizes differ', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 3, maxLength: 10 }), fc.integer({ min: 2, max: 3 }), fc.nat(), (sizes, count, seed) => {
      const labels = sizes.flatMap((size, g) => Array<number>(size).fill(g));
      const renamed = labels.map((g) => sizes.length - 1 - g);
      const a = groupFolds({ column: 'g', ids: Uint32Array.from(labels), count: sizes.length }, count, seed, true);
      const b = groupFolds({ column: 'g', ids: Uint32Array.from(renamed), count: sizes.length }, count, seed + 7, false);
      assert.deepEqual(a, b);
    }),
    { seed: 15, numRuns: 200 },
  );
});

test('too few groups for the folds is a clear error naming the column', () => {
  const data = withGroups(rowGroups(['a', 'a', 'b', 'b', 'b']));
  assert.throws(() => foldsOf(data, 3, 1, true), /3 folds need at least 3 groups; the column "g" has 2/);
});

test('the validation split holds out whole groups, at least the fraction of rows, fixed by the seed', () => {
  const data = parseCsv(csvText, { target: reference.csv.target, task: 'auto', group: reference.csv.group });
  for (const seed of [1, 2, 3]) {
    const { train, validation } = splitTrainValidation(data, 0.25, seed);
    const trainGroups = new Set(train.groups!.ids);
    const heldGroups = new Set(validation!.groups!.ids);
    assert.ok([...heldGroups].every((g) => !trainGroups.has(g)), `seed ${seed}: a group on both sides`);
    assert.equal(train.rows + validation!.rows, data.rows);
    assert.ok(validation!.rows >= Math.round(data.rows * 0.25));
    assert.deepEqual(splitTrainValidation(data, 0.25, seed).validation!.groups!.ids, validation!.groups!.ids);
  }
  assert.throws(() => splitTrainValidation(withGroups(rowGroups(['a', 'a', 'a'])), 0.5, 1), /at least two groups in the column "g"/);
});

test('the CSV reader refuses a group column that is missing, the target, or the only other column', () => {
  assert.throws(() => parseCsv('a,b,y\n1,2,0\n', { target: 'y', task: 'auto', group: 'site' }), /no group column "site"; the columns are "a", "b", "y"/);
  assert.throws(() => parseCsv('a,y\n1,0\n', { target: 'y', task: 'auto', group: 'y' }), /cannot be both the target and the group/);
  assert.throws(() => parseCsv('g,y\nx,0\n', { target: 'y', task: 'auto', group: 'g' }), /a target and a group column but no feature columns/);
  assert.throws(() => parseCsv('a,g,y\n1,,0\n', { target: 'y', task: 'auto', group: 'g' }), /line 2, column 2 \("g"\): missing value/);
});

test('a tuning on grouped rows stores grouped folds and says which column they keep whole', async () => {
  const data = parseCsv(csvText, { target: reference.csv.target, task: 'auto', group: reference.csv.group });
  const spec = completeSpec({ model: { hidden: [] }, training: { optimizer: 'fista', epochs: 20, learningRate: 1 }, regularization: { penalty: 'l2', lambda: 1 } });
  const settings = { lambdas: [1], includeZero: false, folds: 3, metric: 'valLoss' as const, rule: '1se' as const, strategy: 'grid' as const, warmStart: true, seed: 1, standardize: true };
  const result = await tuneHere(spec, settings, data);
  assert.deepEqual(result.foldGroups, { column: 'site', groups: 10 });
  assert.deepEqual(result.foldAssignment, reference.csv.folds['3']);
  assert.equal(result.curve[0].foldScores.length, 3);
});
