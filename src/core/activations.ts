/** Hidden-layer activations as a strategy table: adding one is adding a row. */
import type { Activation } from './spec';

export interface ActivationFunction {
  readonly name: Activation;
  /** a[i] = f(z[i]) for i < length. */
  forward(z: Float32Array, a: Float32Array, length: number): void;
  /** grad[i] *= f′(z[i]), using a = f(z) where that is cheaper. */
  backward(z: Float32Array, a: Float32Array, grad: Float32Array, length: number): void;
  /** Whether a pre-activation lies in the near-linear part of f (see LayerDiagnostics.linearFraction). */
  nearLinear(z: number): boolean;
  /** Whether a unit with this pre-activation passes a signal (for dead-unit counting). */
  active(z: number): boolean;
  /**
   * How LayerDiagnostics.linearFraction reads: 'units' counts units active on every probe row (a
   * relu unit that never switches off computes a linear function); 'band' counts pre-activations
   * for which nearLinear holds.
   */
  linearRegime: 'units' | 'band';
  /** The interval where nearLinear holds, for pictures of the band; null for the relu family and linear. */
  band: readonly [number, number] | null;
}

function relu(): ActivationFunction {
  return {
    name: 'relu',
    forward(z, a, n) {
      for (let i = 0; i < n; i++) a[i] = z[i] > 0 ? z[i] : 0;
    },
    backward(z, _a, g, n) {
      for (let i = 0; i < n; i++) if (z[i] <= 0) g[i] = 0;
    },
    nearLinear: (z) => z > 0,
    active: (z) => z > 0,
    linearRegime: 'units',
    band: null,
  };
}

function leakyRelu(slope: number): ActivationFunction {
  return {
    name: 'leakyRelu',
    forward(z, a, n) {
      for (let i = 0; i < n; i++) a[i] = z[i] > 0 ? z[i] : slope * z[i];
    },
    backward(z, _a, g, n) {
      for (let i = 0; i < n; i++) if (z[i] <= 0) g[i] *= slope;
    },
    nearLinear: (z) => z > 0,
    active: (z) => z > 0,
    linearRegime: 'units',
    band: null,
  };
}

// tanh(z)/z ≥ 0.92 for |z| ≤ 0.5, and σ′(z) ≥ 0.79·σ′(0) for |z| ≤ 1: the bands where small
// weights keep these units, as the seeds put it, close to linear.
const tanhBand = 0.5;
const sigmoidBand = 1;

const tanh: ActivationFunction = {
  name: 'tanh',
  forward(z, a, n) {
    for (let i = 0; i < n; i++) a[i] = Math.tanh(z[i]);
  },
  backward(_z, a, g, n) {
    for (let i = 0; i < n; i++) g[i] *= 1 - a[i] * a[i];
  },
  nearLinear: (z) => Math.abs(z) <= tanhBand,
  active: () => true,
  linearRegime: 'band',
  band: [-tanhBand, tanhBand],
};

const sigmoid: ActivationFunction = {
  name: 'sigmoid',
  forward(z, a, n) {
    for (let i = 0; i < n; i++) a[i] = 1 / (1 + Math.exp(-z[i]));
  },
  backward(_z, a, g, n) {
    for (let i = 0; i < n; i++) g[i] *= a[i] * (1 - a[i]);
  },
  nearLinear: (z) => Math.abs(z) <= sigmoidBand,
  active: () => true,
  linearRegime: 'band',
  band: [-sigmoidBand, sigmoidBand],
};

const linear: ActivationFunction = {
  name: 'linear',
  forward(z, a, n) {
    for (let i = 0; i < n; i++) a[i] = z[i];
  },
  backward() {},
  nearLinear: () => true,
  active: () => true,
  linearRegime: 'band',
  band: null,
};

export function activationFunction(name: Activation, leakySlope: number): ActivationFunction {
  switch (name) {
    case 'relu':
      return relu();
    case 'leakyRelu':
      return leakyRelu(leakySlope);
    case 'tanh':
      return tanh;
    case 'sigmoid':
      return sigmoid;
    case 'linear':
      return linear;
  }
}
