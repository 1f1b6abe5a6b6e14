/** Pictures of a run at a few epochs, taken by the trainer when asked (TrainOptions.pictures). */
import type { TrainingData } from '../data/dataset';
import type { Standardization } from '../data/split';
import { createUnitActivity, evaluate } from '../evaluate';
import type { Loss } from '../losses';
import type { Network } from '../network';
import type { TrainSpec } from '../spec';
import { curvePoints, decisionGrid, firstFeatureRange, fittedCurve, planeAxes, planePoints } from './boundary';
import { networkPicture } from './networkPicture';
import { preActivationHistograms } from './preActivations';
import type { GridAxis, PictureSnapshot, PlanePoints, RunPictures } from './types';

export interface PictureOptions {
  /** How the data was standardized: the grid, curve and points are then in raw feature units. */
  standardization: Standardization | null;
  /** The data is the polynomial set (features x, x², …): draw the fitted curve instead of a grid. */
  polynomial: boolean;
  /** Grid cells per axis. */
  resolution?: number;
  /** Sees each snapshot as it is taken, with the run's points, e.g. to send them on while the run trains. */
  onSnapshot?: (snapshot: PictureSnapshot, points: PlanePoints | null) => void;
}

const defaultResolution = 40;

/** The epochs asked for, or by default the first and the quarters; the last epoch always joins (see `wants`). */
export function pictureEpochs(asked: readonly number[], epochs: number): Set<number> {
  if (asked.length > 0) return new Set(asked);
  return new Set([1, Math.ceil(epochs / 4), Math.ceil(epochs / 2), Math.ceil((3 * epochs) / 4)]);
}

export class PictureRecorder {
  readonly pictures: RunPictures;
  private readonly epochs: Set<number>;
  private readonly axes: [GridAxis, GridAxis] | null;
  private readonly curveRange: [number, number] | null;

  constructor(private readonly spec: TrainSpec, private readonly data: TrainingData, private readonly options: PictureOptions) {
    const plane = data.train.features === 2 && !options.polynomial;
    this.epochs = pictureEpochs(spec.diagnostics.pictureEpochs, spec.training.epochs);
    this.axes = plane ? planeAxes(data, options.standardization, options.resolution ?? defaultResolution) : null;
    this.curveRange = options.polynomial ? firstFeatureRange(data, options.standardization) : null;
    const points = plane ? planePoints(data, options.standardization) : options.polynomial ? curvePoints(data, options.standardization) : null;
    this.pictures = { points, snapshots: [] };
  }

  /** Whether this epoch takes pictures: a chosen one, or the run's last (`final`). */
  wants(epoch: number, final: boolean): boolean {
    return final || this.epochs.has(epoch);
  }

  take(epoch: number, network: Network, loss: Loss, xBuffer: Float32Array): void {
    const { spec, data, options } = this;
    const probe = data.validation ?? data.train;
    const activity = createUnitActivity(network);
    evaluate(network, loss, probe, xBuffer, activity);
    const weights = network.snapshot();
    const snapshot: PictureSnapshot = {
      epoch,
      network: networkPicture(weights, spec.diagnostics.sparsityEpsilon, probe.rows > 0 ? activity.everActive : null),
      preActivations: preActivationHistograms(network, probe, xBuffer, activity, spec.diagnostics.histogramBins),
      boundary: this.axes ? decisionGrid(weights, spec.model, data.train.task, this.axes, options.standardization) : null,
      curve: this.curveRange ? fittedCurve(weights, spec.model, options.standardization, this.curveRange) : null,
    };
    this.pictures.snapshots.push(snapshot);
    options.onSnapshot?.(snapshot, this.pictures.points);
  }
}
