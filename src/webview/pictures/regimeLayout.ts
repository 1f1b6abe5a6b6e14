/**
 * The seeds' tanh figure as numbers to draw: the activation over the histograms' range, the
 * near-linear band, each hidden layer's bars on a shared axis, and the sentence that states the share.
 */
import type { PreActivationHistogram, RunRecord } from '../../protocol/webview';

type Activation = RunRecord['spec']['model']['activation'];

/** g(z) for the run's hidden activation (leaky relu with its slope). */
export function activationCurve(activation: Activation, leakySlope: number): (z: number) => number {
  switch (activation) {
    case 'tanh':
      return Math.tanh;
    case 'sigmoid':
      return (z) => 1 / (1 + Math.exp(-z));
    case 'relu':
      return (z) => Math.max(0, z);
    case 'leakyRelu':
      return (z) => (z > 0 ? z : leakySlope * z);
    default:
      return (z) => z;
  }
}

/** The widest symmetric range of the layers' histograms: one z axis for the curve and every layer. */
export function sharedRange(histograms: readonly PreActivationHistogram[]): [number, number] {
  const limit = Math.max(1e-9, ...histograms.flatMap((h) => [Math.abs(h.edges[0] ?? 0), Math.abs(h.edges.at(-1) ?? 0)]));
  return [-limit, limit];
}

/**
 * Where g is (near) linear on the z axis: the recorded band (tanh, sigmoid), z > 0 for the relu
 * family (the units' active side, as the record's always-active share reads it), else nothing.
 */
export function linearRegion(histograms: readonly PreActivationHistogram[], range: [number, number]): [number, number] | null {
  const first = histograms[0];
  if (!first) return null;
  if (first.band) return first.band;
  return first.alwaysActive !== null ? [0, range[1]] : null;
}

const percent = (share: number) => `${(100 * share).toFixed(share > 0 && share < 0.001 ? 2 : 1)}%`;

/** What the layer's picture says in words: the share in the band (tanh, sigmoid) or always/never active (relu family). */
export function regimeSentence(h: PreActivationHistogram, name: string): string {
  if (h.alwaysActive !== null && h.neverActive !== null) {
    return `${name}: ${percent(h.alwaysActive)} of units always active (linear), ${percent(h.neverActive)} never active (dead); ${percent(h.insideBand)} of pre-activations > 0.`;
  }
  if (h.band) return `${name}: ${percent(h.insideBand)} of pre-activations in the near-linear band ${h.band[0]} ≤ z ≤ ${h.band[1]}.`;
  return `${name}: ${percent(h.insideBand)} of pre-activations in the linear regime.`;
}

/** Bar heights as fractions of the tallest bar of the layer. */
export function barHeights(counts: readonly number[]): number[] {
  const top = Math.max(0, ...counts);
  return counts.map((c) => (top > 0 ? c / top : 0));
}
