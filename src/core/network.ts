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
  /** Σg² of each row of gradWeight, written by a backward pass with a fused step (outputs). */
  rowSquares: Float32Array;
}

/** One trainable array with its gradient; the penalty applies to weights, and to biases when asked. */
export interface Parameter {
  value: Float32Array;
  grad: Float32Array;
  isBias: boolean;
  /** A weight's Σg² by row after a backward pass with a fused step (DenseLayer.rowSquares). */
  rowSquares?: Float32Array;
}

/** Plain SGD fused into the backward pass (Kernels.gradientStep): 2·λ₂ for each layer's weights, 0 when not penalized. */
export interface WeightStep {
  learningRate: number;
  l2Twice: readonly number[];
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
        rowSquares: kernels.allocate(outputs),
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
      return [weights, outputs, weights, outputs, capacity * outputs, isOutput ? 0 : capacity * outputs, capacity * outputs, outputs];
    });
    return [...layers, capacity];
  }

  get output(): DenseLayer {
    return this.layers[this.layers.length - 1];
  }

  parameters(): Parameter[] {
    return this.layers.flatMap((layer) => [
      { value: layer.weight, grad: layer.gradWeight, isBias: false, rowSquares: layer.rowSquares },
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
   * writing (or adding to, when accumulating over chunks) every layer's gradients. With `step` (the
   * kernels must have gradientStep; not accumulating) each layer's weights take their SGD step as
   * soon as their gradient is known, after the gradient flowing down has read them; rowSquares
   * holds the step's Σg² by row. Biases are left to the caller.
   */
  backward(x: Float32Array, rows: number, accumulate = false, step?: WeightStep): void {
    const { kernels } = this;
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const layer = this.layers[l];
      const below = l > 0 ? this.layers[l - 1] : null;
      const input = below ? below.a : x;
      if (step) {
        if (below) kernels.matmul(rows, layer.inputs, layer.outputs, layer.delta, layer.weight, below.delta);
        const { inputs, outputs, delta, gradWeight, weight, rowSquares } = layer;
        kernels.gradientStep!(outputs, inputs, rows, delta, input, gradWeight, weight, step.learningRate, step.l2Twice[l], rowSquares);
      } else {
        kernels.matmulTransposedA(layer.outputs, layer.inputs, rows, layer.delta, input, layer.gradWeight, accumulate);
        if (below) kernels.matmul(rows, layer.inputs, layer.outputs, layer.delta, layer.weight, below.delta);
      }
      kernels.sumRows(rows, layer.outputs, layer.delta, layer.gradBias, accumulate);
      if (below) this.activateBackward(below.z, below.a, below.delta, rows * below.outputs);
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
