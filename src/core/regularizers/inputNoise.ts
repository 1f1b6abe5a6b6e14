/**
 * Gaussian input noise: each training step sees x̃ = x + σ·ε, ε ~ N(0, 1) drawn per row and feature,
 * in the units the network reads (standardized features when data.standardize is on). Evaluation
 * sees x unchanged. For a linear model and squared error it acts on average like an L2 penalty
 * σ²·Σw² (Bishop 1995).
 */
import type { Rng } from '../rng';

/** x[i] += σ·N(0, 1) for i < length. */
export function addInputNoise(x: Float32Array, length: number, sigma: number, rng: Rng): void {
  for (let i = 0; i < length; i++) x[i] += sigma * rng.normal();
}
