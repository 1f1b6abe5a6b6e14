/**
 * Inverted dropout (Srivastava et al. 2014, scaled at training time as PyTorch and Keras do): in a
 * training step each hidden activation is kept with probability 1 − p and then divided by 1 − p,
 *   ã = a·m,  m = 0 with probability p, 1/(1 − p) otherwise,
 * so E[ã] = a and evaluation uses the network unchanged. Backpropagation multiplies by the same m.
 */
import type { Rng } from '../rng';
import type { RegularizationSpec } from '../spec';

/** One rate per hidden layer, from a single rate or a list. */
export function dropoutRates(dropout: RegularizationSpec['dropout'], hiddenLayers: number): number[] {
  if (typeof dropout === 'number') return new Array<number>(hiddenLayers).fill(dropout);
  if (dropout.length !== hiddenLayers) {
    throw new Error(`regularization.dropout lists ${dropout.length} rates, but the model has ${hiddenLayers} hidden layers: give one rate per hidden layer, or a single number.`);
  }
  return [...dropout];
}

/** Whether any hidden layer drops units. */
export function hasDropout(dropout: RegularizationSpec['dropout']): boolean {
  return typeof dropout === 'number' ? dropout > 0 : dropout.some((rate) => rate > 0);
}

/** Writes a fresh mask (0 or 1/(1 − p)) into mask[0..length); the draws are rows × units, in row-major order. */
export function drawMask(mask: Float32Array, length: number, rate: number, rng: Rng): void {
  const keep = 1 / (1 - rate);
  for (let i = 0; i < length; i++) mask[i] = rng.next() < rate ? 0 : keep;
}

/** values[i] *= mask[i]: drops activations on the way forward and their gradients on the way back. */
export function applyMask(values: Float32Array, mask: Float32Array, length: number): void {
  for (let i = 0; i < length; i++) values[i] *= mask[i];
}
