/** The run's epoch reports so far and the stopping rules applied to each one as it arrives. */
import { weightHistograms } from './diagnostics';
import { improves } from './generalization';
import type { Network } from './network';
import type { EpochReport, LayerWeights, TrainCheckpoint } from './report';
import type { TrainSpec } from './spec';
import { divergence, type Baseline, type Stop } from './verdict';

export interface OutcomeOptions {
  signal?: { readonly aborted: boolean };
  stopWhen?: (report: EpochReport) => string | null;
  /** Whether reports carry layer diagnostics (then the last one carries histograms too). */
  everyEpoch: boolean;
  onEpoch: (report: EpochReport) => void;
  /** The pictures an epoch wants (PictureRecorder), taken from the network at that epoch's weights. */
  pictures: { wants(epoch: number, final: boolean): boolean; take(epoch: number, network: Network): void } | null;
  /** FISTA's convergence test, asked after the other rules: a sentence when the run converged at this epoch. */
  converged: (epoch: number) => string | null;
}

/** An epoch's weights as the rules need them: a copy to keep, and the network holding them for a moment. */
export interface EpochWeights {
  copy(): LayerWeights[];
  withNetwork(use: (network: Network) => void): void;
}

export class EpochOutcome {
  readonly reports: EpochReport[];
  stop: Stop | null;
  best: TrainCheckpoint['best'];

  constructor(
    private readonly spec: TrainSpec,
    readonly baseline: Baseline,
    private readonly options: OutcomeOptions,
    resume?: TrainCheckpoint,
  ) {
    this.reports = resume ? [...resume.reports] : [];
    this.stop = resume?.stop ?? null;
    this.best = resume ? resume.best : { epoch: 0, value: Infinity, weights: null };
  }

  /** Applies the stopping rules to the next epoch's report, records it and passes it on; returns whether the run stops. */
  conclude(report: EpochReport, weights: EpochWeights): boolean {
    const { spec, options } = this;
    const { epoch } = report;
    const { epochs, earlyStopping } = spec.training;
    let stop = divergence(report, this.reports[0], this.baseline, spec);
    const watched = report.valLoss ?? report.objective;
    if (!stop && improves(watched, this.best.value, earlyStopping?.minDelta)) {
      this.best = { epoch, value: watched, weights: earlyStopping?.restoreBest ? weights.copy() : null };
    }
    if (!stop && earlyStopping && epoch - this.best.epoch >= earlyStopping.patience) {
      stop = { reason: 'earlyStopped', message: `Stopped early at epoch ${epoch}: no validation improvement since epoch ${this.best.epoch}.` };
    }
    const converged = stop ? null : options.converged(epoch);
    if (converged) stop = { reason: 'converged', message: converged };
    if (!stop && options.signal?.aborted) stop = { reason: 'cancelled', message: `Cancelled after epoch ${epoch}.` };
    const reached = stop ? null : options.stopWhen?.(report);
    if (reached) stop = { reason: 'completed', message: reached };
    const last = stop !== null || epoch === epochs;
    if (options.everyEpoch && !report.histograms && last) {
      report = { ...report, histograms: weightHistograms(weights.copy(), spec.diagnostics.histogramBins) };
    }
    this.reports.push(report);
    const { pictures } = options;
    if (pictures?.wants(epoch, last)) weights.withNetwork((network) => pictures.take(epoch, network));
    this.stop = stop;
    options.onEpoch(report);
    return stop !== null;
  }
}
