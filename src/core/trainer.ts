/** train(): a run's epochs on the spec's data, the stopping rules' verdict, and the result. */
import type { TrainingData } from './data/dataset';
import { compression } from './diagnostics';
import { trainOnThisThread, trainWithHelper } from './epochLoops';
import { EpochOutcome } from './epochOutcome';
import { overfittingOnset } from './generalization';
import type { KernelHelper } from './kernels';
import type { Kernels } from './matrix';
import { PictureRecorder, type PictureOptions } from './pictures/snapshots';
import { dataBytes, maxHelperDataBytes, type ReportHelper } from './reportHelper';
import type { EpochReport, LayerWeights, TrainCheckpoint, TrainResult } from './report';
import { checkRegularizers } from './regularizers/check';
import { oneThread, Session } from './session';
import type { TrainSpec } from './spec';
import { weightsZero } from './verdict';

export interface TrainOptions {
  /** Checked between epochs; training stops with stopReason 'cancelled'. */
  signal?: { readonly aborted: boolean };
  /** Asked after each epoch's other stopping rules: a sentence ends the run as completed (e.g. converged), null goes on. */
  stopWhen?: (report: EpochReport) => string | null;
  /** Start from these weights instead of a seeded initialization (warm starts along a λ path). */
  initialWeights?: LayerWeights[];
  /** Matrix kernels with room for this run's buffers; by default the fastest available (see kernels/). */
  kernels?: Kernels;
  /** Continue a run from its checkpoint; the spec's epochs count from the run's start. */
  resume?: TrainCheckpoint;
  /** Return a checkpoint with the result, to continue the run later. */
  checkpoint?: boolean;
  /** Milliseconds for EpochReport.ms; performance.now by default (the bench passes the process's CPU time). */
  clock?: () => number;
  /** Take pictures at the spec's pictureEpochs and the last epoch (not carried over by checkpoints). */
  pictures?: PictureOptions;
  /**
   * 'final' (tuning): epoch reports carry the losses, metrics, penalty and objective only (all the
   * stopping rules read), without layer diagnostics or histograms; the result's final report gets its
   * layers from the returned weights. By default every epoch's report has them.
   */
  layerDiagnostics?: 'every epoch' | 'final';
  /**
   * A second thread for the large GEMMs of a single run (kernels/shared.ts): used when a step's
   * GEMMs are large enough to win (worthSplitting) and the relaxed SIMD kernels run here; never
   * with `kernels`. `clock` (wall-clock ms, performance.now by default) times split GEMMs against
   * plain ones, and the run goes back to one thread when splitting does not pay. A run whose GEMMs
   * are too small to split computes its epoch reports on `reports` instead (see trainWithHelper),
   * when its reports carry layer diagnostics and it is not FISTA's.
   */
  threads?: { helper: KernelHelper; reports?: ReportHelper; clock?: () => number };
}

/** Epochs that record histograms: the ones asked for, or by default the first and the middle one. */
function histogramEpochs(spec: TrainSpec): Set<number> {
  const asked = spec.diagnostics.histogramEpochs;
  return new Set(asked.length > 0 ? asked : [1, Math.ceil(spec.training.epochs / 2)]);
}

/**
 * Trains a network on data as the spec says, calling onEpoch after every epoch. Synchronous: run
 * it in a worker (the extension) or a process of its own (the CLI).
 */
export function train(
  spec: TrainSpec,
  data: TrainingData,
  onEpoch: (report: EpochReport) => void = () => {},
  options: TrainOptions = {},
): TrainResult {
  checkInputs(spec, data);
  const session = new Session(spec, data, options);
  const everyEpoch = options.layerDiagnostics !== 'final';
  const helper = reportsOnHelper(session, options, everyEpoch);
  // Released even when training throws: shared kernels hold a helper thread until released.
  try {
    const { epochs } = spec.training;
    const { resume } = options;
    if (resume) session.restore(resume);
    helper?.open(spec, data, resume?.spectralVectors ?? null);
    const recorder = options.pictures ? new PictureRecorder(spec, data, options.pictures) : null;
    const outcome = new EpochOutcome(spec, resume?.baseline ?? session.baseline(), {
      signal: options.signal,
      stopWhen: options.stopWhen,
      everyEpoch,
      onEpoch,
      pictures: recorder && { wants: (epoch, final) => recorder.wants(epoch, final), take: (epoch, network) => recorder.take(epoch, network, session.loss, session.xBatch) },
      converged: (epoch) => (session.converged() ? `Converged at epoch ${epoch}: optimality residual ${session.fista!.residual.toExponential(1)} ≤ training.tolerance ${spec.training.tolerance}.` : null),
    }, resume);
    const first = outcome.reports.length + 1;
    if (first <= epochs && !outcome.stop) {
      const histogramAt = everyEpoch ? histogramEpochs(spec) : new Set<number>();
      const epochLoop = { session, outcome, first, histogramAt, clock: options.clock ?? (() => performance.now()) };
      if (helper) session.spectra.vectors = trainWithHelper(epochLoop, helper);
      else trainOnThisThread(epochLoop, everyEpoch);
    }

    const { reports, best } = outcome;
    let { stop } = outcome;
    const checkpoint = options.checkpoint ? { ...session.checkpoint(), reports: [...reports], best, stop, baseline: outcome.baseline } : undefined;
    const restored = best.weights !== null && stop?.reason !== 'diverged';
    if (restored) session.network.restore(best.weights!);
    const bestIterate = restored || stop?.reason === 'diverged' ? 0 : session.restoreBestIterate();
    if (stop === null || stop.reason === 'earlyStopped' || stop.reason === 'converged') stop = weightsZero(session.network.snapshot(), spec) ?? stop;
    const chosen = (restored ? reports[best.epoch - 1] : bestIterate > 0 ? reports[bestIterate - 1] : reports.at(-1)) ?? null;
    // The network now holds the chosen epoch's weights: its layers are that epoch's, its losses as recorded.
    const final = chosen && !everyEpoch ? { ...chosen, layers: session.report(chosen.epoch, chosen.gradientNorm, chosen.ms, false).layers } : chosen;
    const result: TrainResult = {
      stopReason: stop?.reason ?? 'completed',
      message: stop?.message ?? `Completed ${epochs} epochs.`,
      epochs: reports,
      bestEpoch: best.epoch,
      final,
      overfittingOnset: overfittingOnset(reports, best.epoch),
      metric: session.loss.metric,
      weights: session.network.snapshot(),
      compression: compression(session.network),
      kernels: session.network.kernels.name,
      threads: helper ? { ...oneThread, threads: 2 } : session.threadUse(),
      helperReports: helper !== null,
      ...(checkpoint ? { checkpoint } : {}),
      ...(recorder ? { pictures: recorder.pictures } : {}),
    };
    return result;
  } finally {
    helper?.close();
    session.release();
  }
}

/** The helper for this run's epoch reports, or null when they stay on this thread. */
function reportsOnHelper(session: Session, options: TrainOptions, everyEpoch: boolean): ReportHelper | null {
  const reports = options.threads?.reports;
  const usable = reports && everyEpoch && !options.kernels && !session.splits && !session.fista && dataBytes(session.data) <= maxHelperDataBytes;
  return usable ? reports : null;
}

function checkInputs(spec: TrainSpec, data: TrainingData): void {
  const { train } = data;
  if (train.rows === 0) throw new Error('The training set is empty.');
  if (train.x.length !== train.rows * train.features || train.y.length !== train.rows) {
    throw new Error(`The training data's arrays do not match ${train.rows} rows × ${train.features} features.`);
  }
  checkRegularizers(spec);
  if (spec.training.earlyStopping && !data.validation) {
    throw new Error('Early stopping watches the validation loss, but there is no validation data (set data.validation > 0).');
  }
  for (let i = 0; i < train.x.length; i++) {
    if (!Number.isFinite(train.x[i])) {
      const row = Math.floor(i / train.features);
      throw new Error(`Training row ${row + 1}, feature ${(i % train.features) + 1} is not a finite number.`);
    }
  }
}
