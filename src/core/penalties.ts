/**
 * The penalty term, in one place. With W the weights (biases too if applyToBias) and m the number
 * of training rows, the objective is  data loss + l1·Σ|w| + l2·Σw²  where, by `scale`:
 *
 *   '2m'   (default, the seeds' form):  l1 = λ/2m,  l2 = λ/2m   →  L2 gradient (λ/m)·w
 *   'half' (PyTorch weight_decay):      l1 = λ/2,   l2 = λ/2    →  L2 gradient λ·w
 *   'sum'  (Keras l1(λ), l2(λ)):        l1 = λ,     l2 = λ      →  L2 gradient 2λ·w
 *
 * Elastic net takes l1Ratio of the L1 coefficient and (1 − l1Ratio) of the L2 one.
 * L1 is never applied as a subgradient: `proximalL1` soft-thresholds after each step, which is
 * what makes weights exactly zero.
 */
import type { Floats } from './losses';
import type { PenaltyScale, RegularizationSpec } from './spec';

export interface PenaltyCoefficients {
  /** Multiplies Σ|w|. */
  l1: number;
  /** Multiplies Σw². */
  l2: number;
}

/** Per-weight multiplier of λ under each convention (m = training rows). */
export function scaleFactor(scale: PenaltyScale, m: number): number {
  switch (scale) {
    case '2m':
      return 1 / (2 * m);
    case 'half':
      return 1 / 2;
    case 'sum':
      return 1;
  }
}

export function penaltyCoefficients(reg: RegularizationSpec, m: number): PenaltyCoefficients {
  const c = reg.lambda * scaleFactor(reg.scale, m);
  switch (reg.penalty) {
    case 'none':
      return { l1: 0, l2: 0 };
    case 'l1':
      return { l1: c, l2: 0 };
    case 'l2':
      return { l1: 0, l2: c };
    case 'elasticNet':
      return { l1: c * reg.l1Ratio, l2: c * (1 - reg.l1Ratio) };
  }
}

/** l1·Σ|w| + l2·Σw² over one parameter array. */
export function penaltyValue(w: Floats, k: PenaltyCoefficients): number {
  if (k.l1 === 0 && k.l2 === 0) return 0;
  let abs = 0;
  let sq = 0;
  for (let i = 0; i < w.length; i++) {
    const v = w[i];
    abs += Math.abs(v);
    sq += v * v;
  }
  return k.l1 * abs + k.l2 * sq;
}

/** grad += 2·l2·w: the smooth (L2) part's gradient. */
export function addL2Gradient(w: Floats, grad: Floats, k: PenaltyCoefficients): void {
  const twice = 2 * k.l2;
  if (twice === 0) return;
  for (let i = 0; i < w.length; i++) grad[i] += twice * w[i];
}

/** w ← sign(w)·max(|w| − threshold, 0): the proximal map of threshold·Σ|w|. */
export function softThreshold(w: Float32Array, threshold: number): void {
  if (threshold <= 0) return;
  for (let i = 0; i < w.length; i++) {
    const v = w[i];
    w[i] = v > threshold ? v - threshold : v < -threshold ? v + threshold : 0;
  }
}

/** The proximal step of the L1 part after a gradient step of size η. */
export function proximalL1(w: Float32Array, step: number, k: PenaltyCoefficients): void {
  softThreshold(w, step * k.l1);
}
