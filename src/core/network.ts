/** A multilayer perceptron of dense layers: forward and backward passes over a batch of rows. */
import type { ActivationFunction } from './activations';
import type { Kernels } from './matrix';
import type { Rng } from './rng';
import type { LayerWeights } from './report';
import type { ModelSpec } from './spec';

export interface DenseLayer {
  inputs: number;
  outputs: number;
  /** outputs × inputs (PyTorch's nn.Linear layout). */
  weight: Float32Array;
  bias: Float32Array;
  gradWeight: Float32Array;
  gradBias: Float32Array;
  /** Pre-activations, capacity × outputs. */
  z: Float32Array;
  /** Activations f(z) of hidden layers (the output layer's logits stay in z). */
  a: Float32Array;
  /** ∂loss/∂z, capacity × outputs. */
  delta: Float32Array;
}

/** One trainable array with its gradient; the penalty applies to weights, and to biases when asked. */
export interface Parameter {
  value: Float32Array;
  grad: Float32Array;
  isBias: boolean;
}

export class Network {
  readonly layers: DenseLayer[];
  /** The labels of the rows in a pass (capacity), where the kernels' losses read them. */
  readonly labels: Float32Array;
  /** The activation's forward and backward passes, by the kernels' fused versions where they have them. */
  private readonly activate: ActivationFunction['forward'];
  private readonly activateBackward: ActivationFunction['backward'];

  /** sizes = [inputs, ...hidden, outputs]; capacity = the most rows a pass handles at once. */
  constructor(
    readonly sizes: number[],
    readonly activation: ActivationFunction,
    readonly kernels: Kernels,
    readonly capacity: number,
  ) {
    this.layers = sizes.slice(1).map((outputs, l) => {
      const inputs = sizes[l];
      const isOutput = l === sizes.length - 2;
      return {
        inputs,
        outputs,
        weight: kernels.allocate(outputs * inputs),
        bias: kernels.allocate(outputs),
        gradWeight: kernels.allocate(outputs * inputs),
        gradBias: kernels.allocate(outputs),
        z: kernels.allocate(capacity * outputs),
        a: isOutput ? new Float32Array(0) : kernels.allocate(capacity * outputs),
        delta: kernels.allocate(capacity * outputs),
      };
    });
    this.labels = kernels.allocate(capacity);
    const { relu, reluBackward } = kernels;
    const fused = activation.name === 'relu' && relu && reluBackward;
    this.activate = fused ? relu : activation.forward;
    this.activateBackward = fused ? (z, _a, grad, length) => reluBackward(z, grad, length) : activation.backward;
  }

  /** The lengths of the buffers the constructor allocates, for kernels that reserve memory up front. */
  static bufferLengths(sizes: number[], capacity: number): number[] {
    const layers = sizes.slice(1).flatMap((outputs, l) => {
      const weights = outputs * sizes[l];
      const isOutput = l === sizes.length - 2;
      return [weights, outputs, weights, outputs, capacity * outputs, isOutput ? 0 : capacity * outputs, capacity * outputs];
    });
    return [...layers, capacity];
  }

  get output(): DenseLayer {
    return this.layers[this.layers.length - 1];
  }

  parameters(): Parameter[] {
    return this.layers.flatMap((layer) => [
      { value: layer.weight, grad: layer.gradWeight, isBias: false },
      { value: layer.bias, grad: layer.gradBias, isBias: true },
    ]);
  }

  /** Runs rows of x (rows × inputs) through the network; returns the output logits (rows × outputs). */
  forward(x: Float32Array, rows: number): Float32Array {
    let input = x;
    for (let l = 0; l < this.layers.length; l++) {
      const layer = this.layers[l];
      this.kernels.affine(rows, layer.outputs, layer.inputs, input, layer.weight, layer.bias, layer.z);
      if (l === this.layers.length - 1) break;
      this.activate(layer.z, layer.a, rows * layer.outputs);
      input = layer.a;
    }
    return this.output.z;
  }

  /**
   * Backpropagates the output layer's delta (already set by the loss) after `forward(x, rows)`,
   * writing (or adding to, when accumulating over chunks) every layer's gradients.
   */
  backward(x: Float32Array, rows: number, accumulate = false): void {
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const layer = this.layers[l];
      const input = l === 0 ? x : this.layers[l - 1].a;
      this.kernels.matmulTransposedA(layer.outputs, layer.inputs, rows, layer.delta, input, layer.gradWeight, accumulate);
      this.kernels.sumRows(rows, layer.outputs, layer.delta, layer.gradBias, accumulate);
      if (l === 0) break;
      const below = this.layers[l - 1];
      this.kernels.matmul(rows, layer.inputs, layer.outputs, layer.delta, layer.weight, below.delta);
      this.activateBackward(below.z, below.a, below.delta, rows * below.outputs);
    }
  }

  /** Copies of the weights, in nn.Linear layout. */
  snapshot(): LayerWeights[] {
    return this.layers.map((layer) => ({
      inputs: layer.inputs,
      outputs: layer.outputs,
      weight: Float32Array.from(layer.weight),
      bias: Float32Array.from(layer.bias),
    }));
  }

  restore(weights: LayerWeights[]): void {
    if (weights.length !== this.layers.length) {
      throw new Error(`Expected weights for ${this.layers.length} layers, got ${weights.length}.`);
    }
    weights.forEach((w, l) => {
      const layer = this.layers[l];
      if (w.inputs !== layer.inputs || w.outputs !== layer.outputs) {
        throw new Error(`Layer ${l}: expected ${layer.outputs}×${layer.inputs} weights, got ${w.outputs}×${w.inputs}.`);
      }
      layer.weight.set(w.weight);
      layer.bias.set(w.bias);
    });
  }
}

/**
 * He normal (std √(2/fan_in)) for the relu family, Glorot uniform (±√(6/(fan_in + fan_out)))
 * otherwise; 'auto' picks by activation, and the linear output layer always takes Glorot. Biases 0.
 */
export function initialize(network: Network, model: ModelSpec, rng: Rng): void {
  const reluFamily = model.activation === 'relu' || model.activation === 'leakyRelu';
  network.layers.forEach((layer, l) => {
    const isOutput = l === network.layers.length - 1;
    const scheme = model.init !== 'auto' ? model.init : reluFamily && !isOutput ? 'he' : 'glorot';
    if (scheme === 'he') {
      const std = Math.sqrt(2 / layer.inputs);
      for (let i = 0; i < layer.weight.length; i++) layer.weight[i] = std * rng.normal();
    } else {
      const limit = Math.sqrt(6 / (layer.inputs + layer.outputs));
      for (let i = 0; i < layer.weight.length; i++) layer.weight[i] = limit * (2 * rng.next() - 1);
    }
    layer.bias.fill(0);
  });
}
