/**
 * "Compare Regularizers": the experiment's data and network with no regularizer, L2, L1, elastic net,
 * dropout, max-norm, input noise and early stopping (core/comparison plans them). Each strength is
 * tuned in turn over the whole pool with the experiment's tuning block, then every run trains at once;
 * the comparison is saved apart from the experiment's runs and opens in the dashboard.
 */
import * as vscode from 'vscode';
import { atStrength, planComparison, type ComparedRegularizer, type ComparisonRecord, type RunRecord, type TrainSpec, type TuningRecord } from '../../../core';
import { comparisonRecord } from '../../../io/comparison';
import { ComparisonStore, type ComparisonDraft } from '../../../io/comparisonStore';
import { newRunId } from '../../../io/runNames';
import { tuningSettings } from '../../../io/tuning';
import { comparisonHeader } from '../../../protocol/comparison';
import type { RegLensContext } from '../../context';
import { untrusted } from '../../text';
import type { TrainTarget } from '../../workspace/configFile';
import { trainAndTell } from '../train/register';

export interface ComparedRegularizers {
  record: ComparisonRecord;
  /** In the order of the record's entries. */
  runs: RunRecord[];
}

/** The experiment with another spec: the same data, name and config snapshot. */
function withSpec({ file, experiment }: TrainTarget, spec: TrainSpec): TrainTarget {
  return { file, experiment: { ...experiment, spec } };
}

/** Undefined when the user stopped it (nothing is kept); throws when a tuning or a run fails (the draft is removed). */
export async function compareRegularizers(context: RegLensContext, target: TrainTarget): Promise<ComparedRegularizers | undefined> {
  const { experiment, file } = target;
  const plan = planComparison(experiment.spec, experiment.tuning, experiment.data.validation > 0);
  const store = new ComparisonStore(file.folder);
  const createdAt = new Date();
  const draft = await store.begin(experiment.name, newRunId(createdAt));
  try {
    const compared = await compareInto(context, target, plan.entries, draft);
    if (!compared) {
      await store.discard(draft);
      void vscode.window.showInformationMessage(`RegLens: the comparison of ${untrusted(experiment.name)} was stopped; nothing was kept.`);
      return undefined;
    }
    const record = comparisonRecord(experiment, plan, compared.tunings, compared.runs, createdAt);
    const saved = await store.finish(draft, record);
    context.log.info(`${experiment.name}: ${record.entries.length} regularizers compared, saved in ${vscode.workspace.asRelativePath(saved.dir)}`);
    context.views.showComparison(compared.runs, comparisonHeader(saved.record, compared.runs));
    return { record: saved.record, runs: compared.runs };
  } catch (error) {
    await store.discard(draft);
    throw error;
  }
}

/** Tunes each strength, then trains every entry into the draft; null when stopped. */
async function compareInto(context: RegLensContext, target: TrainTarget, entries: ComparedRegularizer[], draft: ComparisonDraft): Promise<{ tunings: (TuningRecord | null)[]; runs: RunRecord[] } | null> {
  const { experiment } = target;
  const tunings: (TuningRecord | null)[] = [];
  for (const entry of entries) {
    if (!entry.tuning) {
      tunings.push(null);
      continue;
    }
    const settings = tuningSettings({ ...experiment, spec: entry.spec, tuning: entry.tuning });
    const tuned = await context.jobs.crossValidate(withSpec(target, entry.spec), settings);
    if (tuned.kind === 'cancelled') return null;
    if (tuned.record.result.chosen === null) throw new Error(`no ${entry.label} strength of ${experiment.name} finished with a finite score: every fold diverged. Lower the learning rate.`);
    tunings.push(tuned.record);
  }
  const specs = entries.map((entry, i) => (entry.tuning ? atStrength(entry, tunings[i]!.result.chosen!) : entry.spec));
  const outcomes = await Promise.all(specs.map((spec) => trainAndTell(context, withSpec(target, spec), true, draft.runs.runsDir)));
  const runs = outcomes.flatMap((outcome) => (outcome.kind === 'done' && outcome.record.summary.stopReason !== 'cancelled' ? [outcome.record] : []));
  if (outcomes.some((outcome) => outcome.kind === 'error')) throw new Error(`a run of the comparison of ${experiment.name} failed (see the log)`);
  return runs.length === outcomes.length ? { tunings, runs } : null;
}
