/**
 * The plan of a comparison of regularizers on one experiment's data and network: the experiment's
 * network with every regularizer off, then each regularizer alone. A regularizer with a strength (λ, a
 * dropout rate, a max norm, a noise σ) is tuned by the same cross-validation and rule as `Tune λ`,
 * generalized through tuning/strength.ts, and trained at the strength chosen; early stopping has no
 * strength to tune: it is the unregularized run stopped by its validation loss.
 */
import type { RegularizationSpec, TrainSpec } from '../spec';
import type { LambdaRange } from '../tuning/grid';
import { strengths, type StrengthName } from '../tuning/strength';
import type { TuningSpec } from '../tuning/types';

export type ComparedName = 'none' | 'l2' | 'l1' | 'elasticNet' | 'dropout' | 'maxNorm' | 'inputNoise' | 'earlyStopping';

/** One regularizer of the comparison, before its strength is chosen. */
export interface ComparedRegularizer {
  name: ComparedName;
  /** What users call it, e.g. "elastic net". */
  label: string;
  /** The spec trained (for a tuned one, the strength is set by `atStrength`). */
  spec: TrainSpec;
  /** How its strength is tuned; null when it has none. */
  tuning: TuningSpec | null;
}

export interface ComparisonPlan {
  /** The experiment's network and training with every regularizer off. */
  base: TrainSpec;
  /** In the order they are shown: none, L2, L1, elastic net, dropout, max-norm, input noise, early stopping. */
  entries: ComparedRegularizer[];
  /** The regularizers this experiment cannot take, with the reason. */
  skipped: { name: ComparedName; label: string; reason: string }[];
}

/**
 * The grids of the strengths other than λ, on the scale each is tuned on (see strength.ts): dropout
 * rates 0.1 … 0.7; max norms c = 8 … 0.5 (s = 1/c; a unit's incoming weights start near ‖w‖ ≈ √2 under
 * He initialization); input noise σ = 0.05 … 0.8 (in units of a standardized feature).
 */
export const strengthGrids: Record<Exclude<StrengthName, 'lambda'>, LambdaRange | number[]> = {
  dropout: [0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1],
  maxNorm: { min: 0.125, max: 2, count: 5 },
  inputNoise: { min: 0.05, max: 0.8, count: 5 },
};

/** Early stopping's patience when the experiment sets none: the config's default. */
export const defaultPatience = 10;

const regularizersOff: Pick<RegularizationSpec, 'penalty' | 'lambda' | 'weightDecay' | 'dropout' | 'maxNorm' | 'inputNoise' | 'labelSmoothing'> = {
  penalty: 'none',
  lambda: 0,
  weightDecay: 0,
  dropout: 0,
  maxNorm: 0,
  inputNoise: 0,
  labelSmoothing: 0,
};

const tunedRows: { name: ComparedName; label: string; strength: StrengthName; regularization: Partial<RegularizationSpec> }[] = [
  { name: 'l2', label: 'L2', strength: 'lambda', regularization: { penalty: 'l2' } },
  { name: 'l1', label: 'L1', strength: 'lambda', regularization: { penalty: 'l1' } },
  { name: 'elasticNet', label: 'elastic net', strength: 'lambda', regularization: { penalty: 'elasticNet' } },
  { name: 'dropout', label: 'dropout', strength: 'dropout', regularization: {} },
  { name: 'maxNorm', label: 'max-norm', strength: 'maxNorm', regularization: {} },
  { name: 'inputNoise', label: 'input noise', strength: 'inputNoise', regularization: {} },
];

/**
 * Plans the comparison of `spec` (its tuning block gives the folds, metric, rule and strategy, and the
 * λ grid). `hasValidation`: early stopping watches the validation loss, so it needs validation rows.
 */
export function planComparison(spec: TrainSpec, tuning: TuningSpec, hasValidation: boolean): ComparisonPlan {
  const base: TrainSpec = {
    ...spec,
    training: { ...spec.training, earlyStopping: null },
    regularization: { ...spec.regularization, ...regularizersOff },
  };
  const entries: ComparedRegularizer[] = [{ name: 'none', label: 'no regularizer', spec: base, tuning: null }];
  const skipped: ComparisonPlan['skipped'] = [];
  for (const row of tunedRows) {
    const entrySpec = { ...base, regularization: { ...base.regularization, ...row.regularization } };
    const unsuitable = strengths[row.strength].checkSpec(entrySpec);
    if (unsuitable) skipped.push({ name: row.name, label: row.label, reason: unsuitable });
    else entries.push({ name: row.name, label: row.label, spec: entrySpec, tuning: strengthTuning(tuning, row.strength) });
  }
  if (hasValidation) entries.push({ name: 'earlyStopping', label: 'early stopping', spec: earlyStopped(base, spec), tuning: null });
  else skipped.push({ name: 'earlyStopping', label: 'early stopping', reason: 'early stopping watches the validation loss, and data.validation is 0' });
  return { base, entries, skipped };
}

/** The experiment's tuning for the strength it tunes itself (λ unless `tuning.strength` says otherwise); the others get their own grid ("auto" for λ). */
function strengthTuning(tuning: TuningSpec, strength: StrengthName): TuningSpec {
  if ((tuning.strength ?? 'lambda') === strength) return { ...tuning, strength };
  if (strength === 'lambda') return { ...tuning, strength, lambdas: 'auto' };
  // Warm starts chain λ values of a convex model; the other strengths make steps random or non-convex.
  return { ...tuning, strength, lambdas: strengthGrids[strength], warmStart: false };
}

/** The unregularized run with early stopping: the experiment's patience and minDelta, or 10 and 0; the best epoch's weights restored. */
function earlyStopped(base: TrainSpec, spec: TrainSpec): TrainSpec {
  const own = spec.training.earlyStopping;
  const earlyStopping = { patience: own?.patience ?? defaultPatience, minDelta: own?.minDelta ?? 0, restoreBest: true };
  return { ...base, training: { ...base.training, earlyStopping } };
}

/** The spec of a tuned regularizer at strength s (trained on all the training rows). */
export function atStrength(entry: ComparedRegularizer, s: number): TrainSpec {
  if (!entry.tuning) throw new Error(`${entry.label} has no strength to set`);
  const strength = strengths[entry.tuning.strength ?? 'lambda'];
  return { ...entry.spec, regularization: strength.apply(entry.spec.regularization, s, 1) };
}
