/** The seeds' network figure as data: units and their state, links by strength, wide layers summarized. */
import type { LayerWeights } from '../report';
import type { NetworkPicture, PictureLayer, PictureLink, UnitState } from './types';

/**
 * Units of every layer (inputs first) and each dense layer's links; a layer with more than
 * `maxLinks` weights keeps its `maxLinks` strongest (largest |w|) and counts the rest as omitted.
 * `everActive` (per hidden layer, from the probe rows) marks units that never passed a signal.
 */
export function networkPicture(
  weights: LayerWeights[],
  epsilon: number,
  everActive: readonly Uint8Array[] | null,
  maxLinks = 200,
): NetworkPicture {
  const sizes = [weights[0].inputs, ...weights.map((w) => w.outputs)];
  const units: UnitState[][] = sizes.map((size) => new Array<UnitState>(size).fill('live'));
  weights.forEach((layer, l) => {
    for (let j = 0; j < layer.outputs; j++) {
      const row = layer.weight.subarray(j * layer.inputs, (j + 1) * layer.inputs);
      if (row.every((w) => Math.abs(w) <= epsilon)) units[l + 1][j] = 'zeroIn';
      else if (everActive && l < everActive.length && everActive[l][j] === 0) units[l + 1][j] = 'dead';
    }
  });
  const first = weights[0];
  for (let i = 0; i < first.inputs; i++) {
    let unused = true;
    for (let j = 0; j < first.outputs && unused; j++) unused = Math.abs(first.weight[j * first.inputs + i]) <= epsilon;
    if (unused) units[0][i] = 'unused';
  }
  return { sizes, units, layers: weights.map((layer, l) => pictureLayer(layer, l, maxLinks)), epsilon };
}

function pictureLayer(layer: LayerWeights, l: number, maxLinks: number): PictureLayer {
  const { weight, inputs } = layer;
  let maxAbs = 0;
  for (let i = 0; i < weight.length; i++) maxAbs = Math.max(maxAbs, Math.abs(weight[i]));
  let indices = Array.from({ length: weight.length }, (_, i) => i);
  if (weight.length > maxLinks) {
    // Strongest first; ties by position so the picture is the same on every machine.
    indices.sort((a, b) => Math.abs(weight[b]) - Math.abs(weight[a]) || a - b);
    indices = indices.slice(0, maxLinks).sort((a, b) => a - b);
  }
  // Four significant digits are plenty for a width and a colour, and keep the record small.
  const links: PictureLink[] = indices.map((i) => ({ from: i % inputs, to: Math.floor(i / inputs), weight: Number(weight[i].toPrecision(4)) }));
  return { layer: l, links, total: weight.length, omitted: weight.length - links.length, maxAbs };
}
