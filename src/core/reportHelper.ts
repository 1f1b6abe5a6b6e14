/**
 * Epoch reports on a second thread: while the next epochs train, a helper computes epoch e's report
 * (the losses over the whole training and validation sets, the layer diagnostics) from a copy of
 * epoch e's weights. The core starts no threads; the training worker gives it one (see epochLoops.ts).
 */
import type { TrainingData } from './data/dataset';
import type { EpochReport, LayerWeights } from './report';
import type { TrainSpec } from './spec';

export interface ReportRequest {
  epoch: number;
  /** The epoch's weights, a copy the helper may keep. */
  weights: LayerWeights[];
  gradientNorm: number;
  ms: number;
  histograms: boolean;
}

export interface ReportReply {
  report: EpochReport;
  /** The spectral norm's warm-start vectors after this report, for a checkpoint. */
  spectralVectors: Float64Array[];
}

/** A thread serving reportServer (epochLoops.ts) for one run at a time. */
export interface ReportHelper {
  /**
   * Starts serving a run; `spectralVectors` continue a resumed run's spectral norm iterations. The
   * reports an earlier run asked for and never took are dropped.
   */
  open(spec: TrainSpec, data: TrainingData, spectralVectors: Float64Array[] | null): void;
  /** Asks for one epoch's report; the reports asked for are computed, and taken, in order. */
  request(request: ReportRequest): void;
  /** Whether the oldest report asked for and not taken is ready; never blocks. */
  ready(): boolean;
  /** Waits for the oldest report asked for and not taken; throws what the helper threw computing it. */
  take(): ReportReply;
  /** Ends the run on the helper. */
  close(): void;
}

/**
 * The helper holds a copy of the run's data: above this many bytes of it the reports stay on the
 * run's thread rather than doubling the data's memory.
 */
export const maxHelperDataBytes = 256 * 1024 * 1024;

export function dataBytes({ train, validation }: TrainingData): number {
  return train.x.byteLength + train.y.byteLength + (validation ? validation.x.byteLength + validation.y.byteLength : 0);
}
