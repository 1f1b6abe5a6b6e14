/**
 * The input path of a network with hidden layers: for each input feature j, the group norm
 * ‖W₁[:, j]‖₂ of its first-layer weights (every hidden unit's weight on it) against λ. A norm at
 * or near 0 means the penalty has switched that input off.
 */
import type { LayerWeights } from '../report';
import type { FoldOutcome, InputPath } from './types';

/** ‖W[:, j]‖₂ for every input j of a layer (W is outputs × inputs, row-major), summed in float64. */
export function inputGroupNorms(layer: LayerWeights): number[] {
  const squares = new Float64Array(layer.inputs);
  for (let unit = 0; unit < layer.outputs; unit++) {
    for (let j = 0; j < layer.inputs; j++) squares[j] += layer.weight[unit * layer.inputs + j] ** 2;
  }
  return Array.from(squares, Math.sqrt);
}

/** The first layer's group norms per λ, largest λ first, from the outcomes trained on all rows; null without hidden layers. */
export function inputPath(outcomes: readonly FoldOutcome[], featureNames: string[]): InputPath | null {
  const points = outcomes
    .filter((o) => o.fold < 0 && o.weights && o.weights.length > 1)
    .sort((a, b) => b.lambda - a.lambda)
    .map((o) => ({ lambda: o.lambda, norms: inputGroupNorms(o.weights![0]) }));
  return points.length === 0 ? null : { featureNames, points };
}
