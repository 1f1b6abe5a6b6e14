/**
 * Epoch reports on a second thread: while epoch e + 1 trains, a helper computes epoch e's report
 * (the losses over the whole training and validation sets, the layer diagnostics) from a copy of
 * epoch e's weights. The core starts no threads; the training worker gives it one (see trainer.ts).
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

/** A thread serving reportServer (trainer.ts) for one run at a time. */
export interface ReportHelper {
  /** Starts serving a run; `spectralVectors` continue a resumed run's spectral norm iterations. */
  open(spec: TrainSpec, data: TrainingData, spectralVectors: Float64Array[] | null): void;
  /** Starts computing one epoch's report; one request is outstanding at a time. */
  request(request: ReportRequest): void;
  /** Whether the outstanding report is ready; never blocks. */
  ready(): boolean;
  /** Waits for the outstanding report; throws what the helper threw computing it. */
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
