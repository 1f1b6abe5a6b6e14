/**
 * `reglens compare`: one experiment's data and network with no regularizer, L2, L1, elastic net,
 * dropout, max-norm, input noise and early stopping, in this process. Each strength is tuned with the
 * experiment's tuning block, each run trained at its choice; the comparison is saved under
 * DIR/.reglens/comparisons/, apart from the experiment's runs.
 */
import { relative, resolve } from 'node:path';
import type { ExperimentSpec } from '../config';
import { atStrength, planComparison, type ComparisonRecord, type RunRecord, type TuningRecord } from '../core';
import { comparisonRecord } from '../io/comparison';
import { ComparisonStore, type ComparisonDraft } from '../io/comparisonStore';
import type { HelperThread } from '../io/helperThread';
import { runExperiment } from '../io/runExperiment';
import { newRunId } from '../io/runNames';
import { loadTuningRows, tuningRecord, tuningSettings } from '../io/tuning';
import { comparisonHeader } from '../protocol/comparison';
import type { Command } from './args';
import { checkOutFolder, chooseExperiments, readConfig } from './configFile';
import { formatNumber, formatTable } from './format';
import { startHelper } from './helper';
import { Progress } from './progress';
import { tuneHere } from './tune';

type CompareCommand = Extract<Command, { name: 'compare' }>;
/** Where a comparison's runs train: their config's folder, the bundled data, and the helper thread. */
type RunPlace = { configDir: string; mediaDir: string; helper?: HelperThread };

/** Returns the exit code: 0 ok, 1 the comparison failed, 2 a bad config; `helperScript`: see startHelper. */
export async function compareCommand(command: CompareCommand, mediaDir: string, helperScript: string): Promise<number> {
  const config = await readConfig(command.config);
  if (config.hasErrors) return 2;
  await checkOutFolder(command.out);
  const [experiment] = chooseExperiments(config, command.experiment);
  if (command.experiment === null && config.experiments.length > 1) process.stderr.write(`Comparing on ${experiment!.name}, the first experiment (--experiment NAME chooses another).\n`);
  const store = new ComparisonStore(resolve(command.out ?? config.dir));
  try {
    const { record, runs, dir } = await compareOne(experiment!, { configDir: config.dir, mediaDir, store, helper: startHelper(helperScript) });
    if (command.json) process.stdout.write(`${JSON.stringify({ config: config.path, dir, comparison: record }, null, 2)}\n`);
    else process.stdout.write(`\n${comparisonTable(record, runs)}\n\nSaved in ${relative(process.cwd(), dir)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${experiment!.name}: the comparison failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function compareOne(experiment: ExperimentSpec, where: RunPlace & { store: ComparisonStore }): Promise<{ record: ComparisonRecord; runs: RunRecord[]; dir: string }> {
  const createdAt = new Date();
  const plan = planComparison(experiment.spec, experiment.tuning, experiment.data.validation > 0);
  for (const { label, reason } of plan.skipped) process.stderr.write(`${experiment.name}: ${label} is left out: ${reason}\n`);
  const draft = await where.store.begin(experiment.name, newRunId(createdAt));
  try {
    const { rows } = await loadTuningRows(experiment.data, where);
    const tunings: (TuningRecord | null)[] = [];
    for (const entry of plan.entries) {
      if (!entry.tuning) {
        tunings.push(null);
        continue;
      }
      const tuned = { ...experiment, spec: entry.spec, tuning: entry.tuning };
      const settings = tuningSettings(tuned);
      const result = await tuneHere(entry.spec, settings, rows, `${experiment.name} (${entry.label})`);
      if (result.chosen === null) throw new Error(`no ${entry.label} strength finished with a finite score: every fold diverged (lower the learning rate)`);
      tunings.push(tuningRecord(tuned, settings, rows.rows, result, createdAt));
    }
    const runs: RunRecord[] = [];
    for (const [i, entry] of plan.entries.entries()) {
      const spec = entry.tuning ? atStrength(entry, tunings[i]!.result.chosen!) : entry.spec;
      runs.push(await trainEntry({ ...experiment, spec }, entry.label, where, draft));
    }
    const saved = await where.store.finish(draft, comparisonRecord(experiment, plan, tunings, runs, createdAt));
    return { ...saved, runs };
  } catch (error) {
    await where.store.discard(draft);
    throw error;
  }
}

async function trainEntry(experiment: ExperimentSpec, label: string, where: RunPlace, draft: ComparisonDraft): Promise<RunRecord> {
  const progress = new Progress(process.stderr, `${experiment.name} (${label})`, experiment.spec.training.epochs);
  const record = await runExperiment(experiment, {
    configDir: where.configDir,
    mediaDir: where.mediaDir,
    storeRoot: draft.dir,
    runsDir: draft.runs.runsDir,
    config: experiment.config,
    onEpoch: (report) => progress.update(report),
    helper: where.helper,
  });
  progress.finish(record.summary.message);
  return record;
}

/** One row per regularizer: the strength it got, its final validation numbers and gap, and why. */
function comparisonTable(record: ComparisonRecord, runs: readonly RunRecord[]): string {
  const header = comparisonHeader(record, runs);
  const metric = runs[0]?.metric === 'r2' ? 'val R²' : 'val accuracy';
  const rows = header.rows.map((row, i) => {
    const final = runs[i]!.summary.final;
    const gap = final?.valLoss === null || final?.valLoss === undefined ? null : final.valLoss - final.trainLoss;
    return [row.label, row.setting, formatNumber(final?.valLoss), formatNumber(final?.valMetric), formatNumber(gap), String(final?.epoch ?? 0), row.why];
  });
  const skipped = header.skipped.map((s) => `Not compared: ${s.label} (${s.reason}).`);
  return [
    `${record.experiment}: regularizers compared on the same data, network and seed`,
    formatTable([['regularizer', 'strength', 'val loss', metric, 'gap', 'epoch', 'why'], ...rows], [false, false, true, true, true, true, false]),
    ...skipped,
  ].join('\n');
}
