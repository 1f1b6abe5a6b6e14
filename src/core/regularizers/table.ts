/**
 * The regularizers beyond the penalty, as a strategy table: whether a spec turns each on, and its
 * exact statement for the run's objective text. Their mechanics live beside this file.
 */
import type { LossName, RegularizationSpec } from '../spec';
import { hasDropout } from './dropout';

export type RegularizerName = 'dropout' | 'maxNorm' | 'inputNoise' | 'labelSmoothing';

export interface Regularizer {
  readonly name: RegularizerName;
  /** What users call it. */
  readonly label: string;
  active(reg: RegularizationSpec): boolean;
  /** The exact rule, with its numbers, e.g. "max-norm: ‖w_j‖₂ ≤ c for …, c=3". */
  text(reg: RegularizationSpec, loss: LossName): string;
  /** A few characters for tables, e.g. "dropout 0.5". */
  brief(reg: RegularizationSpec): string;
}

const rates = (dropout: RegularizationSpec['dropout']) => (typeof dropout === 'number' ? `p=${dropout}` : `p=[${dropout.join(', ')}] by hidden layer`);

export const regularizers: readonly Regularizer[] = [
  {
    name: 'dropout',
    label: 'dropout',
    active: (reg) => hasDropout(reg.dropout),
    brief: (reg) => `dropout ${typeof reg.dropout === 'number' ? reg.dropout : reg.dropout.join('/')}`,
    text: (reg) => `inverted dropout in training steps: hidden activations a ← a·m, m = 0 with probability p else 1/(1 − p), ${rates(reg.dropout)}; off at evaluation`,
  },
  {
    name: 'maxNorm',
    label: 'max-norm',
    active: (reg) => reg.maxNorm > 0,
    brief: (reg) => `max-norm ${reg.maxNorm}`,
    text: (reg) => `max-norm after each step: every unit's incoming weights w ← w·min(1, c/‖w‖₂), c=${reg.maxNorm}`,
  },
  {
    name: 'inputNoise',
    label: 'input noise',
    active: (reg) => reg.inputNoise > 0,
    brief: (reg) => `noise σ=${reg.inputNoise}`,
    text: (reg) => `Gaussian input noise in training steps: x ← x + σ·N(0, 1), σ=${reg.inputNoise}; off at evaluation`,
  },
  {
    name: 'labelSmoothing',
    label: 'label smoothing',
    active: (reg) => reg.labelSmoothing > 0,
    brief: (reg) => `smoothing ε=${reg.labelSmoothing}`,
    text: (reg, loss) =>
      `label smoothing in training steps: targets ${loss === 'binaryCrossEntropy' ? '(1 − ε)·y + ε/2' : '(1 − ε)·onehot(y) + ε/K'}, ε=${reg.labelSmoothing}; reported losses use the true labels`,
  },
];

/** The active regularizers' statements joined for the objective text, each after "; ". */
export function regularizersText(reg: RegularizationSpec, loss: LossName): string {
  return regularizers.filter((r) => r.active(reg)).map((r) => `; ${r.text(reg, loss)}`).join('');
}
