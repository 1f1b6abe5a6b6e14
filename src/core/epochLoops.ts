/**
 * The epoch loops of train(): each epoch's report on the run's own thread, or on a helper while the
 * next epochs train (and the helper's side of it, reportServer).
 */
import type { TrainingData } from './data/dataset';
import type { EpochOutcome } from './epochOutcome';
import type { Network } from './network';
import type { ReportHelper, ReportReply, ReportRequest } from './reportHelper';
import type { TrainSpec } from './spec';
import { Session, type SessionState } from './session';

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

/** The reports may fall this many epochs behind the steps at most... */
const maxBacklog = 16;
/** ...and only as far as the copies to go back to take at most this many bytes. */
const maxBacklogBytes = 64 * 1024 * 1024;

/**
 * Each epoch's report on the helper while the next epochs train here. A report is taken between
 * steps as soon as it is ready (so onEpoch comes early, and a stop ends the epoch in progress at
 * once); the run waits for one only when the reports fall behind by more than the backlog allows
 * (see maxBacklog), and for the last ones after the last epoch. When the rules stop the run at epoch
 * e, the network, optimizer and batch order go back to their state after epoch e: the run ends
 * exactly as on one thread. Returns the spectral norm's warm-start vectors after the last report.
 */
export function trainWithHelper({ session, outcome, first, histogramAt, clock }: EpochLoop, helper: ReportHelper): Float64Array[] {
  /** Epochs sent to the helper and not yet concluded, oldest first: the state after each. */
  const pending: SessionState[] = [];
  let vectors: Float64Array[] = [];
  let stoppedAfter: SessionState | null = null;
  const settleOldest = (): void => {
    const after = pending.shift()!;
    const reply = helper.take();
    vectors = reply.spectralVectors;
    const { weights } = after;
    if (outcome.conclude(reply.report, { copy: () => weights, withNetwork: (use) => session.withWeights(weights, use) })) stoppedAfter = after;
  };
  const settleReady = (): boolean => {
    while (!stoppedAfter && pending.length > 0 && helper.ready()) settleOldest();
    return stoppedAfter !== null;
  };
  for (let epoch = first; epoch <= session.spec.training.epochs && !stoppedAfter; epoch++) {
    const { gradientNorm, ms } = timedEpoch(session, clock, settleReady);
    if (stoppedAfter) break;
    const after = session.checkpoint();
    helper.request({ epoch, weights: after.weights, gradientNorm, ms, histograms: histogramAt.has(epoch) });
    pending.push(after);
    const backlog = Math.max(1, Math.min(maxBacklog, Math.floor(maxBacklogBytes / stateBytes(after))));
    while (!stoppedAfter && pending.length > backlog) settleOldest();
  }
  while (!stoppedAfter && pending.length > 0) settleOldest();
  if (stoppedAfter) session.restore(stoppedAfter);
  return vectors;
}

function stateBytes({ weights, update, shuffle }: SessionState): number {
  const arrays = [...weights.flatMap((layer) => [layer.weight, layer.bias]), ...update.buffers, shuffle.order];
  return arrays.reduce((total, array) => total + array.byteLength, 0);
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
