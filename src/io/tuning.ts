/** Preparing and recording an experiment's λ tuning: the same for `reglens tune` and the extension. */
import type { Dataset } from '../core/data/dataset';
import type { DataSpec } from '../core/data/spec';
import type { TuningRecord } from '../core/runRecord';
import type { TrainSpec } from '../core/spec';
import type { TuningResult, TuningSettings, TuningSpec } from '../core/tuning/types';
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

/**
 * The rows cross-validated (the experiment's training split, unscaled: each fold is standardized on
 * its own training rows) and the settings, with the folds seeded by the data's seed.
 */
export async function prepareTuning(
  experiment: TunedExperiment,
  dirs: { configDir: string; mediaDir: string },
  strategy: TuningSpec['strategy'] = experiment.tuning.strategy,
): Promise<{ rows: Dataset; settings: TuningSettings }> {
  const { data } = await prepareData({ ...experiment.data, standardize: false }, dirs);
  const settings: TuningSettings = { ...experiment.tuning, strategy, seed: experiment.data.seed, standardize: experiment.data.standardize };
  return { rows: data.train, settings };
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
