/** What a legend calls a run of any kind: its penalty and other regularizers, and early stopping when it has it. */
import type { TrainSpec } from '../core';
import { penaltyLabel } from './labels';

export function runLabel(spec: TrainSpec): string {
  const stopping = spec.training.earlyStopping;
  return stopping ? `${penaltyLabel(spec.regularization)}, early stopping (patience ${stopping.patience})` : penaltyLabel(spec.regularization);
}
