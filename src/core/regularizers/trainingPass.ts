/**
 * Training steps with dropout or input noise. They go through the same matrix kernels as
 * Network.forward/backward but not its fused activation path: a mask sits between each hidden
 * activation and the next layer, and the derivative of f is taken at f(z), not at the masked value.
 */
import type { Dataset } from '../data/dataset';
import type { Loss } from '../losses';
import type { Network } from '../network';
import { createRng, rngFromState, type Rng } from '../rng';
import type { RegularizationSpec } from '../spec';
import { applyMask, drawMask, dropoutRates, hasDropout } from './dropout';
import { addInputNoise } from './inputNoise';

/** Whether training steps need the noisy pass: some dropout, or input noise. */
export function needsNoisyPass(reg: RegularizationSpec): boolean {
  return hasDropout(reg.dropout) || reg.inputNoise > 0;
}

/** The noisy forward and backward passes of one run, with their own seeded streams ('dropout', 'inputNoise'). */
export class NoisyPass {
  private readonly rates: number[];
  private readonly masks: Float32Array[];
  private readonly sigma: number;
  private dropoutRng: Rng;
  private noiseRng: Rng;

  constructor(private readonly network: Network, reg: RegularizationSpec, seed: number) {
    const hidden = network.layers.slice(0, -1);
    this.rates = dropoutRates(reg.dropout, hidden.length);
    this.masks = hidden.map((layer, l) => new Float32Array(this.rates[l] > 0 ? network.capacity * layer.outputs : 0));
    this.sigma = reg.inputNoise;
    this.dropoutRng = createRng(seed, 'dropout');
    this.noiseRng = createRng(seed, 'inputNoise');
  }

  /** Adds noise to x (a copy of the batch: it is changed) and runs it forward with fresh masks; returns the logits. */
  forward(x: Float32Array, rows: number): Float32Array {
    const { layers, kernels, activation } = this.network;
    if (this.sigma > 0) addInputNoise(x, rows * layers[0].inputs, this.sigma, this.noiseRng);
    let input = x;
    for (let l = 0; l < layers.length; l++) {
      const layer = layers[l];
      kernels.affine(rows, layer.outputs, layer.inputs, input, layer.weight, layer.bias, layer.z);
      if (l === layers.length - 1) break;
      const n = rows * layer.outputs;
      activation.forward(layer.z, layer.a, n);
      if (this.rates[l] > 0) {
        drawMask(this.masks[l], n, this.rates[l], this.dropoutRng);
        applyMask(layer.a, this.masks[l], n);
      }
      input = layer.a;
    }
    return this.network.output.z;
  }

  /** Backpropagates the output delta of the last `forward`, through the same masks; the x passed to forward. */
  backward(x: Float32Array, rows: number, accumulate = false): void {
    const { layers, kernels, activation } = this.network;
    for (let l = layers.length - 1; l >= 0; l--) {
      const layer = layers[l];
      const input = l === 0 ? x : layers[l - 1].a;
      kernels.matmulTransposedA(layer.outputs, layer.inputs, rows, layer.delta, input, layer.gradWeight, accumulate);
      kernels.sumRows(rows, layer.outputs, layer.delta, layer.gradBias, accumulate);
      if (l === 0) break;
      const below = layers[l - 1];
      const n = rows * below.outputs;
      kernels.matmul(rows, layer.inputs, layer.outputs, layer.delta, layer.weight, below.delta);
      if (this.rates[l - 1] > 0) {
        applyMask(below.delta, this.masks[l - 1], n);
        activation.forward(below.z, below.a, n); // the unmasked f(z), which the derivative reads
      }
      activation.backward(below.z, below.a, below.delta, n);
    }
  }

  /** The gradient of the mean training loss over all rows, one noisy draw per row; returns that mean loss. */
  fullGradient(loss: Loss, data: Dataset, xBuffer: Float32Array): number {
    const k = this.network.output.outputs;
    const { capacity } = this.network;
    let lossSum = 0;
    for (let start = 0; start < data.rows; start += capacity) {
      const rows = Math.min(capacity, data.rows - start);
      xBuffer.set(data.x.subarray(start * data.features, (start + rows) * data.features));
      const z = this.forward(xBuffer, rows);
      lossSum += loss.sumAndGradient(z, data.y.subarray(start, start + rows), rows, k, 1 / data.rows, this.network.output.delta);
      this.backward(xBuffer, rows, start > 0);
    }
    return lossSum / data.rows;
  }

  /** The streams' positions, to resume a run exactly. */
  state(): number[][] {
    return [this.dropoutRng.state(), this.noiseRng.state()];
  }

  restore(state: number[][]): void {
    this.dropoutRng = rngFromState(state[0]);
    this.noiseRng = rngFromState(state[1]);
  }
}
