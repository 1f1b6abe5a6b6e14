/** The epoch loop: minibatch steps (or FISTA iterations), an EpochReport per epoch, and the stopping rules. */
import { activationFunction } from './activations';
import type { Dataset, TrainingData } from './data/dataset';
import { outputWidth } from './data/dataset';
import { compression, layerDiagnostics, SpectralTracker, weightHistograms } from './diagnostics';
import { exactLinearLoss, networkLoss } from './dataLoss';
import { createUnitActivity, evaluate, fullGradient } from './evaluate';
import { improves, lossGap, overfittingOnset } from './generalization';
import { Fista } from './fista';
import { kernelLoss, type Loss } from './losses';
import { createKernels, createSharedKernels, recycleKernels, worthSplitting, type KernelHelper, type ThreadUse } from './kernels';
import type { Kernels } from './matrix';
import { initialize, Network, type Parameter, type WeightStep } from './network';
import { createOptimizer, type Optimizer } from './optimizers';
import { PictureRecorder, type PictureOptions } from './pictures/snapshots';
import { addL2Gradient, penaltyCoefficients, penaltyValue, proximalL1, type PenaltyCoefficients } from './penalties';
import type { EpochReport, LayerWeights, TrainCheckpoint, TrainResult } from './report';
import { createRng, rngFromState, type Rng } from './rng';
import { checkRegularizers } from './regularizers/check';
import { smoothedLoss } from './regularizers/labelSmoothing';
import { applyMaxNorm } from './regularizers/maxNorm';
import { needsNoisyPass, NoisyPass } from './regularizers/trainingPass';
import { lossForTask, type TrainSpec } from './spec';
import { chanceLoss, divergence, targetDeviation, weightsZero, type Baseline } from './verdict';

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
   * plain ones, and the run goes back to one thread when splitting does not pay.
   */
  threads?: { helper: KernelHelper; clock?: () => number };
}

const oneThread: ThreadUse = { threads: 1, fellBack: null, splitGemms: 0, helperShare: 0 };

const evaluationChunk = 256;

/** One run's state: the network, its buffers and the update rule. */
class Session {
  readonly network: Network;
  readonly loss: Loss;
  /** The loss training steps minimize: `loss` with smoothed targets under label smoothing. */
  readonly trainingLoss: Loss;
  /** Training steps with dropout or input noise; null when neither is on. */
  private readonly noisy: NoisyPass | null;
  readonly coefficients: PenaltyCoefficients;
  readonly parameters: Parameter[];
  readonly penalized: Set<Parameter>;
  readonly spectra: SpectralTracker;
  readonly xBatch: Float32Array;
  private readonly yBatch: Float32Array;
  private readonly order: Uint32Array;
  private shuffleRng: Rng;
  private readonly optimizer: Optimizer | null;
  readonly fista: Fista | null;
  private readonly sgdStep: Kernels['sgdStep'];
  /** Plain SGD's step on the weights fused into the minibatch backward pass (Network.backward), or null. */
  private readonly weightStep: WeightStep | null;
  /** Gives the kernels' memory back for the next run; nothing may use the network's buffers afterwards. */
  readonly release: () => void;
  /** How the run's GEMMs used the threads. */
  readonly threadUse: () => ThreadUse;

  constructor(readonly spec: TrainSpec, readonly data: TrainingData, options: TrainOptions) {
    const { train } = data;
    const { model, training, regularization } = spec;
    const batch = this.batchRows();
    const capacity = Math.max(batch, Math.min(evaluationChunk, Math.max(train.rows, data.validation?.rows ?? 0)));
    const sizes = [train.features, ...model.hidden, outputWidth(train)];
    const lengths = [...Network.bufferLengths(sizes, capacity), ...SpectralTracker.bufferLengths(sizes), capacity * train.features];
    const { threads } = options;
    const shared = !options.kernels && threads && worthSplitting(sizes, batch || capacity) ? createSharedKernels(lengths, threads) : null;
    const kernels = options.kernels ?? shared ?? createKernels(lengths);
    this.release = shared ? () => shared.close() : options.kernels ? () => {} : () => recycleKernels(lengths, kernels);
    this.threadUse = shared ? () => shared.threadUse() : () => oneThread;
    this.network = new Network(sizes, activationFunction(model.activation, model.leakySlope), kernels, capacity);
    if (options.initialWeights) this.network.restore(options.initialWeights);
    else initialize(this.network, model, createRng(training.seed, 'init'));
    this.loss = kernelLoss(lossForTask(train.task), kernels);
    this.trainingLoss = smoothedLoss(lossForTask(train.task), this.loss, regularization.labelSmoothing);
    this.noisy = needsNoisyPass(regularization) ? new NoisyPass(this.network, regularization, training.seed) : null;
    this.coefficients = penaltyCoefficients(regularization, train.rows);
    this.parameters = this.network.parameters();
    this.penalized = new Set(this.parameters.filter((p) => regularization.applyToBias || !p.isBias));
    this.spectra = new SpectralTracker(this.network);
    this.xBatch = kernels.allocate(capacity * train.features);
    this.yBatch = this.network.labels;
    this.order = Uint32Array.from({ length: train.rows }, (_, i) => i);
    this.shuffleRng = createRng(training.seed, 'shuffle');
    const isFista = training.optimizer === 'fista';
    const dataLoss = model.hidden.length === 0 ? exactLinearLoss(this.trainingLoss, train, sizes[1]) : networkLoss(this.network, this.trainingLoss, train, this.xBatch);
    this.fista = isFista
      ? new Fista(this.network, dataLoss, (i) => this.penalized.has(this.parameters[i]), this.coefficients, training.learningRate)
      : null;
    this.optimizer = isFista
      ? null
      : createOptimizer(training, this.parameters, regularization.weightDecay, regularization.applyToBias);
    this.sgdStep = training.optimizer === 'sgd' && regularization.weightDecay === 0 ? kernels.sgdStep : undefined;
    // Fused where the kernels can (on two threads each block's rows are updated where their gradient
    // was written); the noisy pass has a backward of its own and keeps the separate step.
    const l2Twice = this.parameters.filter((p) => !p.isBias).map((p) => (this.penalized.has(p) ? 2 * this.coefficients.l2 : 0));
    this.weightStep = this.sgdStep && kernels.gradientStep && !this.noisy ? { learningRate: training.learningRate, l2Twice } : null;
  }

  /** The state that `restore` continues from. */
  checkpoint(): Pick<TrainCheckpoint, 'weights' | 'update' | 'shuffle' | 'spectralVectors' | 'noise'> {
    return {
      weights: this.network.snapshot(),
      update: (this.fista ?? this.optimizer!).state(),
      shuffle: { rng: this.shuffleRng.state(), order: Uint32Array.from(this.order) },
      spectralVectors: this.spectra.vectors,
      ...(this.noisy ? { noise: this.noisy.state() } : {}),
    };
  }

  restore(checkpoint: TrainCheckpoint): void {
    this.network.restore(checkpoint.weights);
    (this.fista ?? this.optimizer!).restore(checkpoint.update);
    this.shuffleRng = rngFromState(checkpoint.shuffle.rng);
    this.order.set(checkpoint.shuffle.order);
    this.spectra.vectors = checkpoint.spectralVectors;
    if (this.noisy && checkpoint.noise) this.noisy.restore(checkpoint.noise);
  }

  /** FISTA on a convex model whose optimality residual reached training.tolerance. */
  converged(): boolean {
    const { tolerance } = this.spec.training;
    return this.fista !== null && this.spec.model.hidden.length === 0 && tolerance > 0 && this.fista.residual <= tolerance;
  }

  /** FISTA's best iterate (its objective is not monotone) goes back into the network; returns its epoch, or 0. */
  restoreBestIterate(): number {
    return this.fista?.restoreBest() ?? 0;
  }

  private batchRows(): number {
    const { batchSize } = this.spec.training;
    return batchSize > 0 && batchSize < this.data.train.rows ? batchSize : 0;
  }

  /** One epoch of updates; returns the mean gradient norm, or NaN once a step's loss is not finite. */
  runEpoch(): number {
    if (this.fista) return this.fista.iterate();
    const batch = this.batchRows();
    if (batch === 0) {
      const { trainingLoss: loss, data, xBatch } = this;
      return this.step(this.noisy ? this.noisy.fullGradient(loss, data.train, xBatch) : fullGradient(this.network, loss, data.train, xBatch));
    }
    const { x, y, features, rows: m } = this.data.train;
    this.shuffleRng.shuffle(this.order);
    const k = this.network.output.outputs;
    let normSum = 0, steps = 0;
    for (let start = 0; start < m; start += batch) {
      const rows = Math.min(batch, m - start);
      for (let r = 0; r < rows; r++) {
        const row = this.order[start + r];
        // A row is contiguous: one block copy (memcpy) beats a loop of element stores.
        this.xBatch.set(x.subarray(row * features, (row + 1) * features), r * features);
        this.yBatch[r] = y[row];
      }
      const z = (this.noisy ?? this.network).forward(this.xBatch, rows);
      const lossSum = this.trainingLoss.sumAndGradient(z, this.yBatch, rows, k, 1 / rows, this.network.output.delta);
      // A step whose loss is not finite updates nothing (step): its weights are not fused into the pass either.
      const fused = this.weightStep && Number.isFinite(lossSum) ? this.weightStep : undefined;
      if (this.noisy) this.noisy.backward(this.xBatch, rows);
      else this.network.backward(this.xBatch, rows, false, fused);
      const norm = this.step(lossSum, fused !== undefined);
      if (!Number.isFinite(norm)) return NaN;
      normSum += norm;
      steps++;
    }
    return normSum / steps;
  }

  /**
   * Adds the L2 gradient, takes the optimizer's step, then L1's proximal step and the max-norm
   * projection; returns ‖∇‖. `fused`: the backward pass took the weights' step (weightStep).
   */
  private step(lossValue: number, fused = false): number {
    if (!Number.isFinite(lossValue)) return NaN;
    const lr = this.spec.training.learningRate;
    let squaredNorm = 0;
    if (this.sgdStep) {
      // Plain SGD without decoupled decay: the kernels fuse the L2 gradient, the norm and the update.
      for (const p of this.parameters) {
        if (fused && p.rowSquares) for (let i = 0; i < p.rowSquares.length; i++) squaredNorm += p.rowSquares[i];
        else squaredNorm += this.sgdStep(p.value, p.grad, lr, this.penalized.has(p) ? 2 * this.coefficients.l2 : 0);
      }
    } else {
      for (const p of this.parameters) {
        if (this.penalized.has(p)) addL2Gradient(p.value, p.grad, this.coefficients);
        for (let i = 0; i < p.grad.length; i++) squaredNorm += p.grad[i] * p.grad[i];
      }
      this.optimizer!.step(lr);
    }
    if (this.coefficients.l1 > 0) for (const p of this.penalized) proximalL1(p.value, lr, this.coefficients);
    applyMaxNorm(this.network.layers, this.spec.regularization.maxNorm);
    return Math.sqrt(squaredNorm);
  }

  /** The initial weights' losses and the constant predictor's, to judge divergence by. */
  baseline(): Baseline {
    const { train } = this.data;
    const loss = evaluate(this.network, this.loss, train, this.xBatch).loss;
    return { initial: { loss, penalty: this.penaltyValue() }, chance: chanceLoss(train), targetDeviation: targetDeviation(train) };
  }

  penaltyValue(): number {
    let total = 0;
    for (const p of this.penalized) total += penaltyValue(p.value, this.coefficients);
    return total;
  }

  /** The epoch's losses and metrics on the whole training and validation sets; with `layers`, the layer diagnostics too. */
  report(epoch: number, gradientNorm: number, ms: number, withHistograms: boolean, layers = true): EpochReport {
    const { train, validation } = this.data;
    const probe: Dataset = validation ?? train;
    const activity = layers ? createUnitActivity(this.network) : undefined;
    const trainEval = evaluate(this.network, this.loss, train, this.xBatch, validation ? undefined : activity);
    const valEval = validation ? evaluate(this.network, this.loss, validation, this.xBatch, activity) : null;
    const penalty = this.penaltyValue();
    // Under label smoothing the optimizer minimizes the smoothed loss; trainLoss stays comparable with valLoss.
    const minimized = this.trainingLoss === this.loss ? trainEval.loss : evaluate(this.network, this.trainingLoss, train, this.xBatch).loss;
    return {
      epoch,
      trainLoss: trainEval.loss,
      penalty,
      objective: minimized + penalty,
      valLoss: valEval?.loss ?? null,
      trainMetric: trainEval.metric,
      valMetric: valEval?.metric ?? null,
      gap: valEval ? lossGap(trainEval.loss, valEval.loss) : null,
      metricGap: valEval ? trainEval.metric - valEval.metric : null,
      gradientNorm,
      learningRate: this.spec.training.learningRate,
      ms,
      layers: activity ? layerDiagnostics(this.network, this.spec.diagnostics.sparsityEpsilon, probe.rows > 0 ? activity : null, this.spectra) : [],
      histograms: withHistograms ? weightHistograms(this.network, this.spec.diagnostics.histogramBins) : null,
    };
  }
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
  // Released even when training throws: shared kernels hold a helper thread until released.
  try {
    const { epochs, earlyStopping } = spec.training;
    const everyEpoch = options.layerDiagnostics !== 'final';
    const recordHistogramAt = everyEpoch ? histogramEpochs(spec) : new Set<number>();
    const { resume, clock = () => performance.now() } = options;
    if (resume) session.restore(resume);
    const baseline = resume?.baseline ?? session.baseline();
    const pictures = options.pictures ? new PictureRecorder(spec, data, options.pictures) : null;
    const reports: EpochReport[] = resume ? [...resume.reports] : [];
    let stop = resume?.stop ?? null;
    let best: TrainCheckpoint['best'] = resume ? resume.best : { epoch: 0, value: Infinity, weights: null };

    for (let epoch = reports.length + 1; epoch <= epochs && !stop; epoch++) {
      const started = clock();
      const gradientNorm = session.runEpoch();
      const ms = clock() - started;
      let report = session.report(epoch, gradientNorm, ms, recordHistogramAt.has(epoch), everyEpoch);
      stop = divergence(report, reports[0], baseline, spec);
      const watched = report.valLoss ?? report.objective;
      if (!stop && improves(watched, best.value, earlyStopping?.minDelta)) {
        best = { epoch, value: watched, weights: earlyStopping?.restoreBest ? session.network.snapshot() : null };
      }
      if (!stop && earlyStopping && epoch - best.epoch >= earlyStopping.patience) {
        stop = { reason: 'earlyStopped', message: `Stopped early at epoch ${epoch}: no validation improvement since epoch ${best.epoch}.` };
      }
      if (!stop && session.converged()) {
        stop = { reason: 'converged', message: `Converged at epoch ${epoch}: optimality residual ${session.fista!.residual.toExponential(1)} ≤ training.tolerance ${spec.training.tolerance}.` };
      }
      if (!stop && options.signal?.aborted) stop = { reason: 'cancelled', message: `Cancelled after epoch ${epoch}.` };
      const reached = stop ? null : options.stopWhen?.(report);
      if (reached) stop = { reason: 'completed', message: reached };
      if (everyEpoch && !report.histograms && (stop || epoch === epochs)) {
        report = { ...report, histograms: weightHistograms(session.network, spec.diagnostics.histogramBins) };
      }
      reports.push(report);
      if (pictures?.wants(epoch, stop !== null || epoch === epochs)) pictures.take(epoch, session.network, session.loss, session.xBatch);
      onEpoch(report);
    }

    const checkpoint = options.checkpoint ? { ...session.checkpoint(), reports: [...reports], best, stop, baseline } : undefined;
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
      threads: session.threadUse(),
      ...(checkpoint ? { checkpoint } : {}),
      ...(pictures ? { pictures: pictures.pictures } : {}),
    };
    return result;
  } finally {
    session.release();
  }
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
