/**
 * Max-norm constraint (Srivastava et al. 2014): after every step, each unit's incoming weight vector
 * w_j (row j of W in nn.Linear layout; the bias is not part of it) is projected onto the ball
 * ‖w_j‖₂ ≤ c:  w_j ← w_j · min(1, c/‖w_j‖₂). Every dense layer, the output layer included.
 */
import type { DenseLayer } from '../network';

/** Projects each row of `weight` (outputs × inputs) onto the ball of radius c; returns how many rows moved. */
export function projectMaxNorm(weight: Float32Array, outputs: number, inputs: number, c: number): number {
  let projected = 0;
  for (let j = 0; j < outputs; j++) {
    const start = j * inputs;
    let squares = 0;
    for (let i = 0; i < inputs; i++) squares += weight[start + i] * weight[start + i];
    const norm = Math.sqrt(squares);
    if (norm <= c) continue;
    const shrink = c / norm;
    for (let i = 0; i < inputs; i++) weight[start + i] *= shrink;
    projected++;
  }
  return projected;
}

/** The constraint over every layer of a network; c = 0 means no constraint. */
export function applyMaxNorm(layers: readonly DenseLayer[], c: number): void {
  if (c <= 0) return;
  for (const layer of layers) projectMaxNorm(layer.weight, layer.outputs, layer.inputs, c);
}
