/** One run's state: its network and buffers, the update rule, an epoch of steps, and an epoch's report. */
import { activationFunction } from './activations';
import type { Dataset, TrainingData } from './data/dataset';
import { outputWidth } from './data/dataset';
import { layerDiagnostics, SpectralTracker, weightHistograms } from './diagnostics';
import { exactLinearLoss, networkLoss } from './dataLoss';
import { createUnitActivity, evaluate, fullGradient } from './evaluate';
import { lossGap } from './generalization';
import { Fista } from './fista';
import { kernelLoss, type Loss } from './losses';
import { createKernels, createSharedKernels, recycleKernels, worthSplitting, type KernelHelper, type ThreadUse } from './kernels';
import type { Kernels } from './matrix';
import { initialize, Network, type Parameter, type WeightStep } from './network';
import { createOptimizer, type Optimizer } from './optimizers';
import { addL2Gradient, penaltyCoefficients, penaltyValue, proximalL1, type PenaltyCoefficients } from './penalties';
import type { EpochReport, LayerWeights, TrainCheckpoint } from './report';
import { createRng, rngFromState, type Rng } from './rng';
import { smoothedLoss } from './regularizers/labelSmoothing';
import { applyMaxNorm } from './regularizers/maxNorm';
import { needsNoisyPass, NoisyPass } from './regularizers/trainingPass';
import { lossForTask, type TrainSpec } from './spec';
import { chanceLoss, targetDeviation, type Baseline } from './verdict';

/** What Session takes of TrainOptions (see there). */
export interface SessionOptions {
  initialWeights?: LayerWeights[];
  kernels?: Kernels;
  threads?: { helper: KernelHelper; clock?: () => number };
}

/** A run whose GEMMs all ran on its own thread. */
export const oneThread: ThreadUse = { threads: 1, fellBack: null, splitGemms: 0, helperShare: 0 };

const evaluationChunk = 256;

/** What a checkpoint keeps of a Session. */
export type SessionState = Pick<TrainCheckpoint, 'weights' | 'update' | 'shuffle' | 'spectralVectors' | 'noise'>;

/** One run's state: the network, its buffers and the update rule. */
export class Session {
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
  /** Whether a helper thread shares the run's large GEMMs. */
  readonly splits: boolean;

  constructor(readonly spec: TrainSpec, readonly data: TrainingData, options: SessionOptions) {
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
    this.splits = shared !== null;
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
  checkpoint(): SessionState {
    return {
      weights: this.network.snapshot(),
      update: (this.fista ?? this.optimizer!).state(),
      shuffle: { rng: this.shuffleRng.state(), order: Uint32Array.from(this.order) },
      spectralVectors: this.spectra.vectors,
      ...(this.noisy ? { noise: this.noisy.state() } : {}),
    };
  }

  restore(checkpoint: SessionState): void {
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

  /**
   * One epoch of updates; returns the mean gradient norm, or NaN once a step's loss is not finite.
   * `betweenSteps` is asked after each minibatch step; true ends the epoch there.
   */
  runEpoch(betweenSteps?: () => boolean): number {
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
      if (betweenSteps?.()) break;
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

  /** Runs `use` with the network holding these weights, then puts the current ones back. */
  withWeights(weights: LayerWeights[], use: (network: Network) => void): void {
    const current = this.network.snapshot();
    this.network.restore(weights);
    try {
      use(this.network);
    } finally {
      this.network.restore(current);
    }
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
      histograms: withHistograms ? weightHistograms(this.network.layers, this.spec.diagnostics.histogramBins) : null,
    };
  }
}
