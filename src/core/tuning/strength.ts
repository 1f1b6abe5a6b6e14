/**
 * What a tuning varies: the penalty's λ, or the strength of another regularizer. Each is tuned as a
 * strength s ≥ 0 where a larger s always regularizes more and s = 0 turns the regularizer off, so the
 * grid, λ_min and λ_1se (the largest s within one standard error) apply unchanged:
 *   lambda      λ = s
 *   dropout     p = s (every hidden layer), s < 1
 *   maxNorm     c = 1/s (a smaller ball is stronger; s = 0 is no constraint)
 *   inputNoise  σ = s
 */
import type { RegularizationSpec, TrainSpec } from '../spec';

export type StrengthName = 'lambda' | 'dropout' | 'maxNorm' | 'inputNoise';

export interface Strength {
  readonly name: StrengthName;
  /** How the views and messages name the setting, e.g. "max norm c". */
  readonly label: string;
  /** The setting's value at strength s, as the config writes it. */
  setting(s: number): number;
  /** The regularization at strength s; rowShare keeps λ under scale '2m' meaning the same objective on a fold. */
  apply(reg: RegularizationSpec, s: number, rowShare: number): RegularizationSpec;
  /** Why s is not a strength of this regularizer, or null. */
  checkValue(s: number): string | null;
  /** Why this experiment cannot tune it, or null. */
  checkSpec(spec: TrainSpec): string | null;
}

const nonNegative = (s: number) => (Number.isFinite(s) && s >= 0 ? null : `must be a finite number ≥ 0, got ${s}`);
const stepwise = (spec: TrainSpec) =>
  spec.training.optimizer === 'fista' ? 'the fista optimizer takes no dropout, input noise or max-norm: choose sgd, momentum, adam or adamw' : null;

export const strengths: Record<StrengthName, Strength> = {
  lambda: {
    name: 'lambda',
    label: 'λ',
    setting: (s) => s,
    apply: (reg, s, rowShare) => ({ ...reg, lambda: reg.scale === '2m' ? s * rowShare : s }),
    checkValue: nonNegative,
    checkSpec: (spec) => (spec.regularization.penalty === 'none' ? 'regularization.penalty is "none": choose l1, l2 or elasticNet to tune its λ' : null),
  },
  dropout: {
    name: 'dropout',
    label: 'dropout rate p',
    setting: (s) => s,
    apply: (reg, s) => ({ ...reg, dropout: s }),
    checkValue: (s) => (Number.isFinite(s) && s >= 0 && s < 1 ? null : `a dropout rate must be in [0, 1), got ${s}`),
    checkSpec: (spec) => (spec.model.hidden.length === 0 ? 'dropout acts on hidden layers, and model.hidden is []' : stepwise(spec)),
  },
  maxNorm: {
    name: 'maxNorm',
    label: 'max norm c',
    setting: (s) => (s > 0 ? 1 / s : 0),
    apply: (reg, s) => ({ ...reg, maxNorm: s > 0 ? 1 / s : 0 }),
    checkValue: nonNegative,
    checkSpec: stepwise,
  },
  inputNoise: {
    name: 'inputNoise',
    label: 'input noise σ',
    setting: (s) => s,
    apply: (reg, s) => ({ ...reg, inputNoise: s }),
    checkValue: nonNegative,
    checkSpec: stepwise,
  },
};
