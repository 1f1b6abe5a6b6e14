/** Per-layer pictures of what regularization does: norms, sparsity, dead and linear units, spectra. */
import type { UnitActivity } from './evaluate';
import { typescriptKernels, type Kernels } from './matrix';
import type { DenseLayer, Network } from './network';
import type { Compression, Histogram, LayerDiagnostics } from './report';
import { createRng } from './rng';

const powerIterations = 12;
/**
 * Power iteration stops once σ moves by less than this, relative, between two iterations. Each
 * layer's vector is warm-started from the previous epoch's, so a few iterations usually suffice.
 */
const spectralTolerance = 1e-7;

/**
 * Keeps each layer's power-iteration vector between epochs so a few iterations stay accurate. The
 * vectors live in the kernels' memory (see bufferLengths), where the kernels iterate on them.
 */
export class SpectralTracker {
  private readonly starts: Float64Array[];
  private readonly current: Float64Array[];
  private readonly scratch: Float64Array[];
  private readonly kernels: Kernels;

  /** The float32 lengths the tracker allocates from a network's kernels: a float64 takes two. */
  static bufferLengths(sizes: number[]): number[] {
    return sizes.slice(1).flatMap((outputs, l) => [2 * sizes[l], 2 * outputs]);
  }

  constructor(network: Network) {
    const { kernels } = network;
    const doubles = (length: number) => {
      const floats = kernels.allocate(2 * length);
      return new Float64Array(floats.buffer, floats.byteOffset, length);
    };
    // A generic start: a symmetric one such as all-ones can be orthogonal to the top singular vector.
    const rng = createRng(0, 'spectral');
    this.starts = network.layers.map((layer) => Float64Array.from({ length: layer.inputs }, () => rng.normal()));
    this.current = [];
    this.scratch = [];
    for (const [l, layer] of network.layers.entries()) {
      this.current.push(doubles(layer.inputs));
      this.scratch.push(doubles(layer.outputs));
      this.current[l].set(this.starts[l]);
    }
    this.kernels = kernels.spectralNorm ? kernels : typescriptKernels;
  }

  get vectors(): Float64Array[] {
    return this.current.map((v) => Float64Array.from(v));
  }

  set vectors(vectors: Float64Array[]) {
    this.current.forEach((v, i) => v.set(vectors[i]));
  }

  /** Largest singular value of W by power iteration on WᵀW, warm-started (see spectralTolerance). */
  spectralNorm(layer: DenseLayer, index: number): number {
    const v = this.current[index];
    const sigma = this.kernels.spectralNorm!(layer.weight, layer.outputs, layer.inputs, v, this.scratch[index], powerIterations, spectralTolerance);
    if (sigma === 0) v.set(this.starts[index]);
    return sigma;
  }
}

export function layerDiagnostics(
  network: Network,
  epsilon: number,
  activity: UnitActivity | null,
  spectra: SpectralTracker,
): LayerDiagnostics[] {
  return network.layers.map((layer, l) => {
    const { weight: w, inputs, outputs } = layer;
    let sq = 0, abs = 0, max = 0, small = 0, zeros = 0;
    for (let i = 0; i < w.length; i++) {
      const a = Math.abs(w[i]);
      sq += a * a;
      abs += a;
      if (a > max) max = a;
      if (a <= epsilon) small++;
      if (a === 0) zeros++;
    }
    const spectralNorm = spectra.spectralNorm(layer, l);
    const hidden = activity !== null && l < activity.everActive.length;
    return {
      layer: l,
      inputs,
      outputs,
      frobenius: Math.sqrt(sq),
      l1: abs,
      maxAbs: max,
      sparsity: small / w.length,
      exactZeros: zeros / w.length,
      deadUnits: countDeadUnits(layer, epsilon, hidden ? activity.everActive[l] : null),
      linearFraction: hidden ? linearFraction(network, l, activity) : null,
      spectralNorm,
      stableRank: spectralNorm > 0 ? sq / (spectralNorm * spectralNorm) : 0,
    };
  });
}

/** Units with every incoming weight ≤ ε, or (hidden layers) never active on the probe rows. */
function countDeadUnits(layer: DenseLayer, epsilon: number, everActive: Uint8Array | null): number {
  let dead = 0;
  for (let j = 0; j < layer.outputs; j++) {
    let silent = true;
    for (let i = 0; i < layer.inputs && silent; i++) silent = Math.abs(layer.weight[j * layer.inputs + i]) <= epsilon;
    if (silent || (everActive !== null && everActive[j] === 0)) dead++;
  }
  return dead;
}

/**
 * relu family: the fraction of units active on every probe row (such a unit computes a linear
 * function of its inputs there); tanh and sigmoid: the fraction of pre-activations in the band
 * where the unit is nearly linear (see activations.ts).
 */
function linearFraction(network: Network, l: number, activity: UnitActivity): number {
  const outputs = network.layers[l].outputs;
  if (activity.seen === 0) return 0;
  if (network.activation.linearRegime === 'units') {
    let always = 0;
    for (let j = 0; j < outputs; j++) always += activity.alwaysActive[l][j];
    return always / outputs;
  }
  return activity.nearLinear[l] / (activity.seen * outputs);
}

/** Weight histograms per layer over a symmetric range [−max|w|, max|w|]. */
export function weightHistograms(layers: readonly { weight: Float32Array }[], bins: number): Histogram[] {
  return layers.map((layer, l) => {
    let max = 0;
    for (let i = 0; i < layer.weight.length; i++) max = Math.max(max, Math.abs(layer.weight[i]));
    const limit = max > 0 ? max : 1;
    const width = (2 * limit) / bins;
    const counts = new Array<number>(bins).fill(0);
    for (let i = 0; i < layer.weight.length; i++) {
      counts[Math.min(bins - 1, Math.floor((layer.weight[i] + limit) / width))]++;
    }
    const edges = Array.from({ length: bins + 1 }, (_, b) => -limit + b * width);
    return { layer: l, edges, counts };
  });
}

/** Storage of the final weights dense vs compressed sparse rows (float32 values, int32 indices). */
export function compression(network: Network): Compression {
  let parameters = 0, nonZeros = 0, csrBytes = 0;
  for (const layer of network.layers) {
    let nnz = 0;
    for (let i = 0; i < layer.weight.length; i++) if (layer.weight[i] !== 0) nnz++;
    parameters += layer.weight.length + layer.bias.length;
    nonZeros += nnz + layer.bias.reduce((count, b) => count + (b !== 0 ? 1 : 0), 0);
    csrBytes += nnz * 8 + (layer.outputs + 1) * 4 + layer.bias.length * 4;
  }
  return { parameters, nonZeros, denseBytes: parameters * 4, csrBytes };
}
