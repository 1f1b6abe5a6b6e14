import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TuningRecord } from '../../../src/core';
import { foldCutText } from '../../../src/protocol/foldCut';

const cut = (metricName: 'accuracy' | 'r2', settings: Partial<TuningRecord['settings']>, foldGroups: TuningRecord['result']['foldGroups'] = null) =>
  foldCutText({ settings, result: { metricName, foldGroups } } as TuningRecord);

test('folds are said as they were cut: stratified only where there are classes', () => {
  assert.equal(cut('accuracy', {}), 'shuffled, stratified for classes');
  assert.equal(cut('accuracy', { shuffle: false, stratify: false }), 'in file order, not stratified');
  assert.equal(cut('r2', {}), 'shuffled');
  assert.equal(cut('r2', { shuffle: false }), 'in file order');
  assert.equal(cut('r2', {}, { column: 'site', groups: 10 }), 'grouped by the column "site" (10 groups, each in one fold)');
});
