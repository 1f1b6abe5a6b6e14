/**
 * Label smoothing: classification losses trained against softened targets.
 *   softmax CE  q_c = (1 − ε)·[c = y] + ε/K      loss  logΣ e^z − Σ_c q_c·z_c,  ∂/∂z_c = softmax(z)_c − q_c
 *   BCE         t   = (1 − ε)·y + ε/2            loss  log(1 + e^z) − t·z,     ∂/∂z   = σ(z) − t
 * (Keras's `label_smoothing`; PyTorch's CrossEntropyLoss(label_smoothing=ε) for softmax.) Only
 * training steps see the smoothed targets: every reported loss uses the true labels.
 */
import type { Floats, Loss } from '../losses';
import type { LossName } from '../spec';

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function smoothedBinary(base: Loss, epsilon: number): Loss {
  const target = (y: number) => (1 - epsilon) * y + epsilon / 2;
  return {
    metric: base.metric,
    correct: base.correct,
    sum(z, y, rows) {
      let total = 0;
      for (let i = 0; i < rows; i++) total += softplus(z[i]) - target(y[i]) * z[i];
      return total;
    },
    sumAndGradient(z, y, rows, _k, scale, grad) {
      let total = 0;
      for (let i = 0; i < rows; i++) {
        const t = target(y[i]);
        total += softplus(z[i]) - t * z[i];
        grad[i] = scale * (1 / (1 + Math.exp(-z[i])) - t);
      }
      return total;
    },
  };
}

function smoothedSoftmax(base: Loss, epsilon: number): Loss {
  /** Σ loss of one row; fills grad (scaled) when given. */
  const row = (z: Floats, start: number, k: number, y: number, scale: number, grad: Floats | null): number => {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, z[start + c]);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(z[start + c] - max);
    const lse = max + Math.log(sum);
    let loss = lse;
    for (let c = 0; c < k; c++) {
      const q = (c === y ? 1 - epsilon : 0) + epsilon / k;
      loss -= q * z[start + c];
      if (grad) grad[start + c] = scale * (Math.exp(z[start + c] - lse) - q);
    }
    return loss;
  };
  return {
    metric: base.metric,
    correct: base.correct,
    sum(z, y, rows, k) {
      let total = 0;
      for (let i = 0; i < rows; i++) total += row(z, i * k, k, y[i], 0, null);
      return total;
    },
    sumAndGradient(z, y, rows, k, scale, grad) {
      let total = 0;
      for (let i = 0; i < rows; i++) total += row(z, i * k, k, y[i], scale, grad);
      return total;
    },
  };
}

/** The loss training steps minimize under label smoothing ε (the base loss itself when ε = 0). */
export function smoothedLoss(name: LossName, base: Loss, epsilon: number): Loss {
  if (epsilon === 0) return base;
  if (name === 'mse') throw new Error('Label smoothing applies to classification losses; this task is a regression (set regularization.labelSmoothing to 0).');
  return name === 'binaryCrossEntropy' ? smoothedBinary(base, epsilon) : smoothedSoftmax(base, epsilon);
}
