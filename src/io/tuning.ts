/** Preparing and recording an experiment's λ tuning: the same for `reglens tune` and the extension's workers. */
import type { DataSpec, Dataset, DatasetSummary, TrainSpec, TuningRecord, TuningResult, TuningSettings, TuningSpec } from '../core';
import { prepareData } from './datasets';
import { newRunId } from './runNames';
import { reglensVersion } from './version';

export interface TunedExperiment {
  name: string;
  data: DataSpec;
  spec: TrainSpec;
  tuning: TuningSpec;
  /** The experiment object as the config file has it. */
  config?: unknown;
}

/** The settings of a tuning, with the folds seeded by the data's seed. */
export function tuningSettings(experiment: TunedExperiment, strategy: TuningSpec['strategy'] = experiment.tuning.strategy): TuningSettings {
  return { ...experiment.tuning, strategy, seed: experiment.data.seed, standardize: experiment.data.standardize };
}

/**
 * The rows cross-validated: the experiment's training split, unscaled (each fold is standardized on
 * its own training rows), and what they are.
 */
export async function loadTuningRows(data: DataSpec, dirs: { configDir: string; mediaDir: string }): Promise<{ rows: Dataset; summary: DatasetSummary }> {
  const prepared = await prepareData({ ...data, standardize: false }, dirs);
  return { rows: prepared.data.train, summary: prepared.summary };
}

export function tuningRecord(experiment: TunedExperiment, settings: TuningSettings, rows: number, result: TuningResult, createdAt: Date): TuningRecord {
  return {
    format: 'reglens-tuning/1',
    id: newRunId(createdAt),
    experiment: experiment.name,
    createdAt: createdAt.toISOString(),
    reglensVersion,
    config: experiment.config,
    spec: experiment.spec,
    settings,
    rows,
    result,
  };
}
