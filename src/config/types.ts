/**
 * The reglens.json file as users write it. media/reglens.schema.json is the source of truth for its
 * shape; test/unit/config/types.test.ts checks these types against it, property by property.
 */
import type { BundledDataSpec, CsvDataSpec, PartialTrainSpec, SyntheticDataSpec, TuningSpec } from '../core';

type SplitKeys = 'validation' | 'standardize' | 'seed';
type SplitConfig = Partial<Pick<BundledDataSpec, SplitKeys>>;

export type BundledDataConfig = Pick<BundledDataSpec, 'dataset'> & SplitConfig;
export type SyntheticDataConfig = Pick<SyntheticDataSpec, 'dataset'> &
  Partial<Pick<SyntheticDataSpec, 'samples' | 'noise' | 'features' | 'classes'>> &
  SplitConfig;
export type CsvDataConfig = Pick<CsvDataSpec, 'csv' | 'target'> & Partial<Pick<CsvDataSpec, 'task' | 'group'>> & SplitConfig;
/** The `data` object; the kind follows from its keys (`csv`) or the dataset's name. */
export type DataConfig = BundledDataConfig | SyntheticDataConfig | CsvDataConfig;

export type ModelConfig = NonNullable<PartialTrainSpec['model']>;
export type TrainingConfig = NonNullable<PartialTrainSpec['training']>;
export type RegularizationConfig = NonNullable<PartialTrainSpec['regularization']>;
export type DiagnosticsConfig = NonNullable<PartialTrainSpec['diagnostics']>;

export type { LambdaRange, TuningSpec } from '../core';

export type TuningConfig = Partial<TuningSpec>;

/** The sections an experiment may take from `defaults`. */
export interface SharedConfig {
  model?: ModelConfig;
  training?: TrainingConfig;
  regularization?: RegularizationConfig;
  diagnostics?: DiagnosticsConfig;
  tuning?: TuningConfig;
}

export interface ExperimentConfig extends SharedConfig {
  name: string;
  data: DataConfig;
}

/** A model trained elsewhere: its checkpoints (a folder over training, or one file) and its training log. */
export interface ExternalConfig {
  name: string;
  checkpoints?: string | null;
  log?: string | null;
  /** An experiment of the same file shown beside it. */
  experiment?: string | null;
}

export interface ReglensConfig {
  $schema?: string;
  experiments: ExperimentConfig[];
  /** Merged under every experiment, section by section. */
  defaults?: SharedConfig;
  external?: ExternalConfig[];
}
