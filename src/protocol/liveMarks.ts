/**
 * The best epoch and overfitting onset of a run still training, by the trainer's rules (the watched
 * value is the validation loss, else the objective; early stopping's minDelta), so the charts mark
 * them live; the run's summary carries the final ones once it ends.
 */
import { improves, overfittingOnset, type EpochReport, type TrainSpec } from '../core';

export function liveMarks(epochs: readonly EpochReport[], spec: TrainSpec): { bestEpoch: number; overfittingOnset: number | null } {
  const minDelta = spec.training.earlyStopping?.minDelta ?? 0;
  let best = { epoch: 0, value: Infinity };
  for (const report of epochs) {
    const watched = report.valLoss ?? report.objective;
    if (improves(watched, best.value, minDelta)) best = { epoch: report.epoch, value: watched };
  }
  return { bestEpoch: best.epoch, overfittingOnset: overfittingOnset(epochs, best.epoch) };
}
