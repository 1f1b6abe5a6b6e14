/**
 * Data losses on the output layer's logits z (the loss owns the link function), as means over rows:
 *   mse                  (z − y)²
 *   binaryCrossEntropy   log(1 + e^z) − y·z        (= BCE(σ(z), y), computed without overflow)
 *   softmaxCrossEntropy  logΣ_c e^{z_c} − z_y       (= CE(softmax(z), y), shifted by max z)
 */
import type { Kernels } from './matrix';
import type { MetricName } from './report';
import type { LossName } from './spec';

/** Logits and their gradients: float32 in the network, float64 in the exact convex solver (see fista.ts). */
export type Floats = Float32Array | Float64Array;

export interface Loss {
  readonly metric: MetricName;
  /** Σ over rows of the per-row loss (callers divide by the rows they average over). */
  sum(z: Floats, y: Float32Array, rows: number, outputs: number): number;
  /** Writes grad = ∂(scale · Σ loss)/∂z and returns Σ loss. */
  sumAndGradient(z: Floats, y: Float32Array, rows: number, outputs: number, scale: number, grad: Floats): number;
  /** Number of correct predictions among the rows (classification only). */
  correct(z: Floats, y: Float32Array, rows: number, outputs: number): number;
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

const mse: Loss = {
  metric: 'r2',
  sum(z, y, rows) {
    let total = 0;
    for (let i = 0; i < rows; i++) total += (z[i] - y[i]) ** 2;
    return total;
  },
  sumAndGradient(z, y, rows, _outputs, scale, grad) {
    let total = 0;
    for (let i = 0; i < rows; i++) {
      const r = z[i] - y[i];
      total += r * r;
      grad[i] = 2 * scale * r;
    }
    return total;
  },
  correct: () => 0,
};

const binaryCrossEntropy: Loss = {
  metric: 'accuracy',
  sum(z, y, rows) {
    let total = 0;
    for (let i = 0; i < rows; i++) total += softplus(z[i]) - y[i] * z[i];
    return total;
  },
  sumAndGradient(z, y, rows, _outputs, scale, grad) {
    let total = 0;
    for (let i = 0; i < rows; i++) {
      total += softplus(z[i]) - y[i] * z[i];
      grad[i] = scale * (1 / (1 + Math.exp(-z[i])) - y[i]);
    }
    return total;
  },
  correct(z, y, rows) {
    let hits = 0;
    for (let i = 0; i < rows; i++) if ((z[i] > 0 ? 1 : 0) === y[i]) hits++;
    return hits;
  },
};

function logSumExp(z: Floats, start: number, k: number): number {
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, z[start + c]);
  let sum = 0;
  for (let c = 0; c < k; c++) sum += Math.exp(z[start + c] - max);
  return max + Math.log(sum);
}

const softmaxCrossEntropy: Loss = {
  metric: 'accuracy',
  sum(z, y, rows, k) {
    let total = 0;
    for (let i = 0; i < rows; i++) total += logSumExp(z, i * k, k) - z[i * k + y[i]];
    return total;
  },
  sumAndGradient(z, y, rows, k, scale, grad) {
    let total = 0;
    for (let i = 0; i < rows; i++) {
      const start = i * k;
      const lse = logSumExp(z, start, k);
      total += lse - z[start + y[i]];
      for (let c = 0; c < k; c++) grad[start + c] = scale * Math.exp(z[start + c] - lse);
      grad[start + y[i]] -= scale;
    }
    return total;
  },
  correct(z, y, rows, k) {
    let hits = 0;
    for (let i = 0; i < rows; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (z[i * k + c] > z[i * k + best]) best = c;
      if (best === y[i]) hits++;
    }
    return hits;
  },
};

export const losses: Record<LossName, Loss> = { mse, binaryCrossEntropy, softmaxCrossEntropy };

/**
 * The loss with its passes in the kernels where they offer them (the cross-entropies, on arrays in
 * their memory; equal to the loops above within float32 rounding of the gradient), else the loss itself.
 */
export function kernelLoss(name: LossName, kernels: Kernels): Loss {
  const { crossEntropy, correctRows } = kernels;
  if (name === 'mse' || !crossEntropy || !correctRows) return losses[name];
  const plain = losses[name];
  const float32 = (z: Floats): z is Float32Array => z instanceof Float32Array;
  return {
    metric: plain.metric,
    sum: (z, y, rows, k) => (float32(z) ? crossEntropy(name, z, y, rows, k, 0, null) : plain.sum(z, y, rows, k)),
    sumAndGradient: (z, y, rows, k, scale, grad) =>
      float32(z) && float32(grad) ? crossEntropy(name, z, y, rows, k, scale, grad) : plain.sumAndGradient(z, y, rows, k, scale, grad),
    correct: (z, y, rows, k) => (float32(z) ? correctRows(z, y, rows, k) : plain.correct(z, y, rows, k)),
  };
}
