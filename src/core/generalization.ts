/**
 * How RegLens reads a loss curve: the gap, the best epoch and the overfitting onset. The trainer
 * applies these rules to its own epochs and the log readers to runs trained elsewhere, so a run
 * from TensorBoard and a RegLens run are judged the same way.
 */

/** One point of a loss curve; `epoch` is any increasing position (an epoch, or a step). */
export interface LossPoint {
  epoch: number;
  trainLoss: number;
  valLoss: number | null;
}

/** Validation loss minus training loss: positive when the model does better on what it saw. */
export function lossGap(trainLoss: number, valLoss: number): number {
  return valLoss - trainLoss;
}

/** A new best needs to beat the old one by more than minDelta (Keras's and RegLens's early-stopping rule). */
export function improves(value: number, best: number, minDelta = 0): boolean {
  return value < best - minDelta;
}

/** The first point with the lowest validation loss (the training loss where there is none); 0 for no points. */
export function bestEpoch(points: readonly LossPoint[]): number {
  let best = { epoch: 0, value: Infinity };
  for (const point of points) {
    const watched = point.valLoss ?? point.trainLoss;
    if (improves(watched, best.value)) best = { epoch: point.epoch, value: watched };
  }
  return best.epoch;
}

/** The best validation epoch, if afterwards validation loss rose by 1% or more while training loss fell. */
export function overfittingOnset(points: readonly LossPoint[], bestEpoch: number): number | null {
  const last = points[points.length - 1];
  const best = points.find((point) => point.epoch === bestEpoch);
  if (!last || !best || last.valLoss === null || best.valLoss === null || bestEpoch === last.epoch) return null;
  return last.valLoss > best.valLoss * 1.01 && last.trainLoss < best.trainLoss ? bestEpoch : null;
}
