/** From the config file's experiments to what the core trains: every default filled in. */
import { completeSpec, inReglensTerms, type BundledName, type DataSpec, type TrainSpec } from '../core';
import type { BundledDataConfig, DataConfig, ExperimentConfig, ReglensConfig, SyntheticDataConfig, TuningSpec } from './types';

/** The defaults of the config-only settings; the schema's `default`s must match them (tested). */
export const defaultSplit = { validation: 0.2, standardize: true, seed: 1 };
export const defaultSynthetic = { samples: 400, noise: 0.2, features: 2, classes: 3 };
export const defaultTuning: TuningSpec = {
  strength: 'lambda',
  lambdas: { min: 1e-5, max: 10, count: 13 },
  includeZero: false,
  folds: 5,
  shuffle: true,
  stratify: true,
  metric: 'valLoss',
  rule: '1se',
  strategy: 'grid',
  warmStart: true,
};

const bundled: Record<BundledName, true> = { digits: true, breast_cancer: true, iris: true, wine: true, diabetes: true };

export interface ExperimentSpec {
  name: string;
  data: DataSpec;
  spec: TrainSpec;
  tuning: TuningSpec;
  /** The experiment object as written (without `defaults`), for the run record's snapshot. */
  config: ExperimentConfig;
}

/** Assumes a config that validated without errors. `defaults` apply section by section. */
export function experimentSpecs(config: ReglensConfig): ExperimentSpec[] {
  const shared = config.defaults ?? {};
  return config.experiments.map((experiment) => ({
    name: experiment.name,
    data: dataSpec(experiment.data),
    spec: inLibraryTerms(completeSpec({
      model: { ...shared.model, ...experiment.model },
      training: { ...shared.training, ...experiment.training },
      regularization: { ...shared.regularization, ...experiment.regularization },
      diagnostics: { ...shared.diagnostics, ...experiment.diagnostics },
    })),
    tuning: { ...defaultTuning, ...shared.tuning, ...experiment.tuning },
    config: experiment,
  }));
}

/** λ and l1Ratio written in a library's terms (`regularization.convention`) become RegLens's. */
function inLibraryTerms(spec: TrainSpec): TrainSpec {
  return { ...spec, regularization: inReglensTerms(spec.regularization) };
}

function dataSpec(data: DataConfig): DataSpec {
  const split = {
    validation: data.validation ?? defaultSplit.validation,
    standardize: data.standardize ?? defaultSplit.standardize,
    seed: data.seed ?? defaultSplit.seed,
  };
  if ('csv' in data) return { kind: 'csv', csv: data.csv, target: data.target, task: data.task ?? 'auto', group: data.group ?? null, ...split };
  if (isBundled(data)) return { kind: 'bundled', dataset: data.dataset, ...split };
  return {
    kind: 'synthetic',
    dataset: data.dataset,
    samples: data.samples ?? defaultSynthetic.samples,
    noise: data.noise ?? defaultSynthetic.noise,
    features: data.features ?? defaultSynthetic.features,
    classes: data.classes ?? defaultSynthetic.classes,
    ...split,
  };
}

function isBundled(data: BundledDataConfig | SyntheticDataConfig): data is BundledDataConfig {
  return Object.hasOwn(bundled, data.dataset);
}
