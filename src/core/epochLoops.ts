/**
 * The epoch loops of train(): each epoch's report on the run's own thread, or on a helper while the
 * next epoch trains (and the helper's side of it, reportServer).
 */
import type { TrainingData } from './data/dataset';
import type { EpochOutcome } from './epochOutcome';
import type { Network } from './network';
import type { ReportHelper, ReportReply, ReportRequest } from './reportHelper';
import type { TrainSpec } from './spec';
import { Session } from './session';

export interface EpochLoop {
  session: Session;
  outcome: EpochOutcome;
  first: number;
  histogramAt: Set<number>;
  clock: () => number;
}

/** Times one epoch of steps; `betweenSteps` may end it early (see Session.runEpoch). */
function timedEpoch(session: Session, clock: () => number, betweenSteps?: () => boolean): { gradientNorm: number; ms: number } {
  const started = clock();
  const gradientNorm = session.runEpoch(betweenSteps);
  return { gradientNorm, ms: clock() - started };
}

/** Each epoch's steps, then its report, on this thread. */
export function trainOnThisThread({ session, outcome, first, histogramAt, clock }: EpochLoop, everyEpoch: boolean): void {
  const atEpoch = { copy: () => session.network.snapshot(), withNetwork: (use: (network: Network) => void) => use(session.network) };
  for (let epoch = first; epoch <= session.spec.training.epochs; epoch++) {
    const { gradientNorm, ms } = timedEpoch(session, clock);
    if (outcome.conclude(session.report(epoch, gradientNorm, ms, histogramAt.has(epoch), everyEpoch), atEpoch)) return;
  }
}

/**
 * Epoch e's report on the helper while epoch e + 1 trains here. The report is taken between steps as
 * soon as it is ready (so onEpoch comes early and a stop ends the next epoch at once), else after
 * the epoch. When the rules stop the run at epoch e, the network, optimizer and batch order go back
 * to their state after epoch e: the run ends exactly as on one thread. Returns the spectral norm's
 * warm-start vectors after the last report.
 */
export function trainWithHelper({ session, outcome, first, histogramAt, clock }: EpochLoop, helper: ReportHelper): Float64Array[] {
  const { epochs } = session.spec.training;
  let ran = timedEpoch(session, clock);
  for (let epoch = first; ; epoch++) {
    const weights = session.network.snapshot();
    helper.request({ epoch, weights, gradientNorm: ran.gradientNorm, ms: ran.ms, histograms: histogramAt.has(epoch) });
    let vectors: Float64Array[] = [];
    let stops: boolean | null = null;
    const settle = (): boolean => {
      const reply = helper.take();
      vectors = reply.spectralVectors;
      return outcome.conclude(reply.report, { copy: () => weights, withNetwork: (use) => session.withWeights(weights, use) });
    };
    if (epoch === epochs) {
      settle();
      return vectors;
    }
    const settleIfReady = (): boolean => {
      if (stops === null && helper.ready()) stops = settle();
      return stops === true;
    };
    const afterEpoch = session.checkpoint();
    const next = timedEpoch(session, clock, settleIfReady);
    if (stops ?? settle()) {
      session.restore(afterEpoch);
      return vectors;
    }
    ran = next;
  }
}

/**
 * The helper's side of trainWithHelper: a network of the run's shape on this thread's kernels, which
 * reports each epoch from the weights it is sent, exactly as the run's own thread would.
 */
export function reportServer(spec: TrainSpec, data: TrainingData, spectralVectors: Float64Array[] | null): { report(request: ReportRequest): ReportReply; close(): void } {
  const session = new Session(spec, data, {});
  if (spectralVectors) session.spectra.vectors = spectralVectors;
  return {
    report({ epoch, weights, gradientNorm, ms, histograms }) {
      session.network.restore(weights);
      return { report: session.report(epoch, gradientNorm, ms, histograms), spectralVectors: session.spectra.vectors };
    },
    close: () => session.release(),
  };
}
