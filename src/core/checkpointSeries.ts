/**
 * Checkpoints over training: one point per checkpoint (the model's weight diagnostics at its step),
 * two checkpoints' layers side by side, and a training log's losses at the checkpoints' steps.
 */
import { lossGap } from './generalization';
import { summarizeModel, type LayerReport, type ModelSummary } from './spectra/layerReport';

/** One weight matrix at one checkpoint. */
export interface SeriesLayer {
  name: string;
  frobenius: number | null;
  alpha: number | null;
  sparsity: number | null;
  stableRank: number | null;
}

/** A checkpoint's place in the series and its model's diagnostics. */
export interface SeriesPoint {
  step: number;
  /** The checkpoint file (or index) read. */
  file: string;
  parameters: number;
  /** Σ‖W‖²_F over the weight matrices, what an L2 penalty charges. */
  sumSquares: number;
  /** Share of the weight matrices' entries with |w| ≤ ε. */
  sparsity: number | null;
  meanAlpha: number | null;
  l2Penalty: ModelSummary['l2Penalty'];
  layers: SeriesLayer[];
}

function isMatrix(layer: LayerReport): boolean {
  return layer.matrix !== null && layer.analysed;
}

export function seriesPoint(step: number, file: string, layers: readonly LayerReport[], lambda: number, m: number): SeriesPoint {
  const model = summarizeModel([...layers], lambda, m);
  const matrices = layers.filter(isMatrix);
  const entries = matrices.reduce((s, l) => s + l.parameters, 0);
  const small = matrices.reduce((s, l) => s + (l.sparsity ?? 0) * l.parameters, 0);
  return {
    step,
    file,
    parameters: model.parameters,
    sumSquares: model.sumSquares,
    sparsity: entries > 0 ? small / entries : null,
    meanAlpha: model.meanAlpha,
    l2Penalty: model.l2Penalty,
    layers: matrices.map(({ name, frobenius, alpha, sparsity, stableRank }) => ({ name, frobenius, alpha, sparsity, stableRank })),
  };
}

/** A layer in two checkpoints: the other's value minus the base's. */
export interface LayerDelta {
  name: string;
  frobenius: [number | null, number | null];
  frobeniusChange: number | null;
  alpha: [number | null, number | null];
  alphaChange: number | null;
  sparsity: [number | null, number | null];
}

const difference = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);

/** Every tensor of the base with a counterpart of the same name and shape in the other, in the base's order. */
export function layerDeltas(base: readonly LayerReport[], other: readonly LayerReport[]): LayerDelta[] {
  const others = new Map(other.map((l) => [l.name, l]));
  return base.flatMap((a) => {
    const b = others.get(a.name);
    if (b === undefined || b.shape.join() !== a.shape.join()) return [];
    return [{
      name: a.name,
      frobenius: [a.frobenius, b.frobenius],
      frobeniusChange: difference(a.frobenius, b.frobenius),
      alpha: [a.alpha, b.alpha],
      alphaChange: difference(a.alpha, b.alpha),
      sparsity: [a.sparsity, b.sparsity],
    }];
  });
}

/** A log's losses at one step. */
export interface StepLosses {
  step: number;
  trainLoss: number | null;
  valLoss: number | null;
}

/** A value logged at a step. */
export interface StepValue {
  step: number;
  value: number;
}

/**
 * For each step asked (a checkpoint's), the log's losses there: the latest training and validation
 * values logged at or before the step (a checkpoint holds the weights after it), null where none was
 * or it is not finite. One sweep over each series: logs run to millions of values.
 */
export function lossesAtSteps(steps: readonly number[], train: readonly StepValue[], val: readonly StepValue[]): (StepLosses & { gap: number | null })[] {
  const trainAt = valuesAtSteps(steps, train), valAt = valuesAtSteps(steps, val);
  return steps.map((step, i) => {
    const trainLoss = trainAt[i], valLoss = valAt[i];
    return { step, trainLoss, valLoss, gap: trainLoss === null || valLoss === null ? null : lossGap(trainLoss, valLoss) };
  });
}

/** For each step, the value logged last at or before it (the later in file order on a tie); null where none or not finite. */
export function valuesAtSteps(steps: readonly number[], values: readonly StepValue[]): (number | null)[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a].step - values[b].step || a - b);
  const asked = steps.map((_, i) => i).sort((a, b) => steps[a] - steps[b]);
  const out = new Array<number | null>(steps.length).fill(null);
  let k = -1;
  for (const i of asked) {
    while (k + 1 < order.length && values[order[k + 1]].step <= steps[i]) k++;
    const value = k >= 0 ? values[order[k]].value : NaN;
    out[i] = Number.isFinite(value) ? value : null;
  }
  return out;
}
