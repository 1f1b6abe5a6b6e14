// The comparison store: a comparison is saved apart from the experiment's runs, whole (built in a
// hidden folder, renamed into place), checked field by field on reading, and its header says which
// strength each regularizer got and why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completeSpec, type ComparisonRecord, type RunRecord, type StrengthChoice } from '../../../src/core';
import { ComparisonStore } from '../../../src/io/comparisonStore';
import { newRunId } from '../../../src/io/runNames';
import { RunStore } from '../../../src/io/runStore';
import { choiceText, comparisonHeader, comparisonRecord } from '../../../src/protocol/comparison';
import { penaltyLabel } from '../../../src/protocol/labels';
import { runLabel } from '../../../src/protocol/runLabel';
import { storedRun } from '../store/storedRun';

const run = (experiment: string, createdAt: string, spec = completeSpec()): RunRecord => ({
  ...storedRun(experiment, createdAt, spec),
  summary: { stopReason: 'earlyStopped', message: 'done', bestEpoch: 4, overfittingOnset: null, final: null, compression: { parameters: 3, nonZeros: 3, denseBytes: 12, csrBytes: 24 } },
});

const dropoutChoice: StrengthChoice = {
  strength: 'dropout', value: 0.3, setting: 0.3, rule: '1se', metric: 'valLoss', metricName: 'accuracy',
  folds: 5, candidates: 7, score: { mean: 0.3125, se: 0.02 }, best: { mean: 0.3, se: 0.0201 }, bestValue: 0.1,
};

function comparison(experiment: string, runs: RunRecord[], createdAt = '2026-11-30T01:00:00.000Z'): ComparisonRecord {
  return {
    format: 'reglens-comparison/1',
    id: newRunId(new Date(createdAt)),
    experiment,
    createdAt,
    reglensVersion: 'test',
    config: { name: experiment },
    spec: completeSpec(),
    entries: [
      { name: 'none', label: 'no regularizer', runId: runs[0].id, choice: null, tuning: null },
      { name: 'dropout', label: 'dropout', runId: runs[1].id, choice: dropoutChoice, tuning: null },
      { name: 'earlyStopping', label: 'early stopping', runId: runs[2].id, choice: null, tuning: null },
    ],
    skipped: [{ name: 'maxNorm', label: 'max-norm', reason: 'the fista optimizer takes no …' }],
  };
}

const epoch = JSON.parse(readFileSync(join(process.cwd(), 'test/webview/fixtures/runs.json'), 'utf8'))[0].epochs[0];
const stopping = completeSpec({ training: { earlyStopping: { patience: 7 } } });
const runsOf = (experiment: string) => [run(experiment, '2026-11-30T01:00:01.000Z'), run(experiment, '2026-11-30T01:00:02.000Z', completeSpec({ regularization: { dropout: 0.3 } })), { ...run(experiment, '2026-11-30T01:00:03.000Z', stopping), epochs: Array.from({ length: 11 }, (_, i) => ({ ...epoch, epoch: i + 1 })) }];

test('a comparison is listed only once finished, with its runs apart from the experiment’s own', async () => {
  const root = mkdtempSync(join(tmpdir(), 'reglens-comparisons-'));
  const store = new ComparisonStore(root);
  const runs = runsOf('digits l2');
  const draft = await store.begin('digits l2', newRunId(new Date('2026-11-30T01:00:00.000Z')));
  for (const r of runs) await draft.runs.save(r, null);
  assert.deepEqual(await store.list(), { comparisons: [], problems: [] }, 'a draft is not listed');
  const record = comparison('digits l2', runs);
  const { record: saved } = await store.finish(draft, record);
  assert.deepEqual(saved, record);
  const listed = await store.list();
  assert.deepEqual(listed, { comparisons: [record], problems: [] });
  assert.deepEqual(await store.load('digits l2', record.id), record);
  assert.deepEqual((await store.runs(record)).map((r) => r.id), runs.map((r) => r.id));
  assert.deepEqual(await new RunStore(root).list(), { runs: [], problems: [] }, 'the experiment’s run store has none of them');
  assert.deepEqual(readdirSync(join(store.comparisonsDir, 'digits%20l2')), [record.id], 'no hidden folder is left');
  await store.delete('digits l2', record.id);
  assert.deepEqual(await store.list(), { comparisons: [], problems: [] });
});

test('a discarded draft leaves nothing; a taken id is saved under another', async () => {
  const store = new ComparisonStore(mkdtempSync(join(tmpdir(), 'reglens-comparisons-')));
  const runs = runsOf('e');
  const stopped = await store.begin('e', runs[0].id);
  await stopped.runs.save(runs[0], null);
  await store.discard(stopped);
  assert.deepEqual(readdirSync(join(store.comparisonsDir, 'e')), []);
  const record = comparison('e', runs);
  const first = await store.finish(await store.begin('e', record.id), record);
  const second = await store.finish(await store.begin('e', record.id), record);
  assert.notEqual(second.record.id, first.record.id);
  assert.deepEqual((await store.list('e')).comparisons.map((c) => c.id).sort(), [first.record.id, second.record.id].sort());
});

test('a bad comparison.json is reported with its folder, and the others still list', async () => {
  const store = new ComparisonStore(mkdtempSync(join(tmpdir(), 'reglens-comparisons-')));
  const good = comparison('e', runsOf('e'));
  await store.finish(await store.begin('e', good.id), good);
  const badId = newRunId(new Date('2026-11-30T02:00:00.000Z'));
  const badDir = join(store.comparisonsDir, 'e', badId);
  mkdirSync(badDir);
  writeFileSync(join(badDir, 'comparison.json'), JSON.stringify({ ...good, id: badId, entries: [{ ...good.entries[0], runId: 5 }] }));
  const { comparisons, problems } = await store.list();
  assert.deepEqual(comparisons.map((c) => c.id), [good.id]);
  assert.deepEqual(problems, [{ path: badDir, message: 'comparison.json.entries[0].runId: expected a string, got 5' }]);
  assert.equal(comparisonRecord({ ...good, format: 'reglens-run/1' }, 'c').ok, false);
});

test('the header says which strength each got and why, with the numbers formatted once', () => {
  const runs = runsOf('e');
  const header = comparisonHeader(comparison('e', runs), runs);
  assert.deepEqual(header.rows.map((r) => [r.label, r.setting]), [['no regularizer', '—'], ['dropout', 'p=0.3'], ['early stopping', 'patience 7']]);
  assert.equal(header.rows[1].why, '1-SE rule: the strongest p whose CV val loss (0.3125 ± 0.02) is within one SE of the best (0.3 ± 0.0201 at p=0.1); 5-fold CV over 7 values');
  assert.equal(header.rows[2].why, 'the unregularized run, which stops once the validation loss has not improved by more than 0 for 7 epochs, then restores the weights of its best validation epoch: stopped at epoch 11, weights of epoch 4 kept');
  assert.deepEqual(header.skipped, [{ label: 'max-norm', reason: 'the fista optimizer takes no …' }]);
  const maxNorm = choiceText({ ...dropoutChoice, strength: 'maxNorm', value: 0.5, setting: 2, bestValue: 0.25, rule: 'min' });
  assert.equal(maxNorm, 'best mean CV val loss (0.3125 ± 0.02); 5-fold CV over 7 values');
});

test('labels name every regularizer, so a comparison’s legends tell its runs apart', () => {
  const base = completeSpec().regularization;
  assert.equal(penaltyLabel({ ...base, dropout: 0.30000000000000004 }), 'no penalty, dropout p=0.3');
  assert.equal(penaltyLabel({ ...base, dropout: [0.5, 0.2] }), 'no penalty, dropout p=0.5/0.2');
  assert.equal(penaltyLabel({ ...base, maxNorm: 2 }), 'no penalty, max-norm c=2');
  assert.equal(penaltyLabel({ ...base, inputNoise: 0.39999999999999997 }), 'no penalty, input noise σ=0.4');
  assert.equal(penaltyLabel({ ...base, labelSmoothing: 0.1 }), 'no penalty, label smoothing ε=0.1');
  assert.equal(runLabel(stopping), 'no penalty, early stopping (patience 7)');
  assert.equal(runLabel(completeSpec()), 'no penalty');
});
