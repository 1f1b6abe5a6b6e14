/**
 * Full-batch accelerated proximal gradient (FISTA, Beck & Teboulle 2009) with backtracking and
 * gradient-based restarts (O'Donoghue & Candès 2015). The smooth part f is the mean data loss plus
 * the L2 term; the L1 term is handled exactly by soft-thresholding. Iterates, objective and step
 * sizes are float64; the data loss is float64 too for models without hidden layers (see dataLoss.ts),
 * where f is convex and the iterates converge to the optimum.
 *
 * FISTA's objective is not monotone, so it keeps the best iterate it has seen, and it measures
 * convergence by the optimality (KKT) residual at the current iterate x, with g = ∇f(x):
 *   max over weights of  |g + l1·sign(w)|  (w ≠ 0),  max(|g| − l1, 0)  (w = 0, penalized),  |g|  (otherwise)
 * relative to the same maximum at all-zero parameters (the data loss's gradient before any fit), so
 * one tolerance means the same thing for diabetes' targets in the hundreds and for 0/1 labels.
 */
import type { DataLoss } from './dataLoss';
import type { Network } from './network';
import type { PenaltyCoefficients } from './penalties';
import { addL2Gradient, penaltyValue } from './penalties';
import type { UpdateState } from './report';

const maxBacktracks = 60;

export class Fista {
  /** The current iterate, the previous one, the extrapolated point and the best one (by objective). */
  private readonly x: Float64Array[];
  private readonly previous: Float64Array[];
  private readonly extrapolated: Float64Array[];
  private readonly best: Float64Array[];
  private readonly gradient: Float64Array[];
  private readonly candidateGradient: Float64Array[];
  private readonly candidate: Float64Array[];
  private readonly isPenalized: boolean[];
  private readonly gradientScale: number;
  private lipschitz: number;
  private t = 1;
  private iteration = 0;
  private bestObjective = Infinity;
  private bestIteration = 0;
  /** The relative optimality residual of the current iterate (Infinity before the first iteration). */
  residual = Infinity;

  constructor(
    private readonly network: Network,
    private readonly dataLoss: DataLoss,
    penalized: (index: number) => boolean,
    private readonly coefficients: PenaltyCoefficients,
    initialStep: number,
  ) {
    const values = network.parameters().map((p) => p.value);
    const copies = () => values.map((v) => Float64Array.from(v));
    const zeros = () => values.map((v) => new Float64Array(v.length));
    this.x = copies();
    this.previous = copies();
    this.best = copies();
    this.candidate = copies();
    this.extrapolated = zeros();
    this.gradient = zeros();
    this.candidateGradient = zeros();
    this.isPenalized = values.map((_, i) => penalized(i));
    this.lipschitz = 1 / initialStep;
    const atZero = zeros();
    dataLoss.valueAndGradient(zeros(), atZero);
    this.gradientScale = Math.max(...atZero.map(maxAbs)) || 1;
  }

  state(): UpdateState {
    const scalars = [this.t, this.lipschitz, this.iteration, this.bestObjective, this.bestIteration, this.residual];
    // Float64 arrays travel as float32 views of their bytes: checkpoints are bit-exact, not rounded.
    return { scalars, buffers: [...this.x, ...this.previous, ...this.best].map((v) => new Float32Array(v.slice().buffer)) };
  }

  restore(state: UpdateState): void {
    [this.t, this.lipschitz, this.iteration, this.bestObjective, this.bestIteration, this.residual] = state.scalars;
    const n = this.x.length;
    [this.x, this.previous, this.best].forEach((arrays, group) =>
      arrays.forEach((v, i) => v.set(new Float64Array(state.buffers[group * n + i].slice().buffer))),
    );
    this.writeToNetwork(this.x);
  }

  /** One iteration; returns the norm of the smooth part's gradient at the extrapolated point. */
  iterate(): number {
    const tNext = (1 + Math.sqrt(1 + 4 * this.t * this.t)) / 2;
    const beta = (this.t - 1) / tNext;
    this.x.forEach((x, i) => {
      const prev = this.previous[i], y = this.extrapolated[i];
      for (let j = 0; j < x.length; j++) y[j] = x[j] + beta * (x[j] - prev[j]);
    });
    const smoothAtY = this.smooth(this.extrapolated, this.gradient);
    let smoothAtX = smoothAtY;
    for (let attempt = 0; attempt < maxBacktracks; attempt++) {
      const bound = this.proximalStep(smoothAtY);
      smoothAtX = this.smooth(this.candidate, this.candidateGradient);
      if (smoothAtX <= bound + this.dataLoss.noise * (1 + Math.abs(smoothAtY))) break;
      this.lipschitz *= 2;
    }
    this.x.forEach((x, i) => {
      this.previous[i].set(x);
      x.set(this.candidate[i]);
    });
    this.t = this.movingBackwards() ? 1 : tNext;
    this.iteration++;
    this.residual = this.optimalityResidual();
    const objective = smoothAtX + this.l1Value();
    if (objective < this.bestObjective) {
      this.bestObjective = objective;
      this.bestIteration = this.iteration;
      this.x.forEach((x, i) => this.best[i].set(x));
    }
    this.writeToNetwork(this.x);
    return Math.sqrt(this.gradient.reduce((sum, g) => sum + g.reduce((s, v) => s + v * v, 0), 0));
  }

  /** Puts the best iterate into the network; returns its iteration (1-based, 0 if none ran). */
  restoreBest(): number {
    if (this.bestIteration > 0) this.writeToNetwork(this.best);
    return this.bestIteration;
  }

  /** f(x) = data loss + L2 term, and its gradient. */
  private smooth(x: Float64Array[], grad: Float64Array[]): number {
    let value = this.dataLoss.valueAndGradient(x, grad);
    const l2 = { l1: 0, l2: this.coefficients.l2 };
    x.forEach((v, i) => {
      if (!this.isPenalized[i]) return;
      value += penaltyValue(v, l2);
      addL2Gradient(v, grad[i], l2);
    });
    return value;
  }

  /** ⟨y − x_new, x_new − x_old⟩ > 0: the momentum points uphill, so drop it. */
  private movingBackwards(): boolean {
    let dot = 0;
    this.x.forEach((x, i) => {
      const y = this.extrapolated[i], prev = this.previous[i];
      for (let j = 0; j < x.length; j++) dot += (y[j] - x[j]) * (x[j] - prev[j]);
    });
    return dot > 0;
  }

  /** candidate ← prox(y − ∇f(y)/L); returns the quadratic upper bound f(y) + ⟨∇f(y), x − y⟩ + L/2·‖x − y‖². */
  private proximalStep(smoothAtY: number): number {
    const step = 1 / this.lipschitz;
    let linear = 0, quadratic = 0;
    this.candidate.forEach((x, i) => {
      const y = this.extrapolated[i], g = this.gradient[i];
      const threshold = this.isPenalized[i] ? step * this.coefficients.l1 : 0;
      for (let j = 0; j < x.length; j++) {
        const v = y[j] - step * g[j];
        const next = v > threshold ? v - threshold : v < -threshold ? v + threshold : 0;
        x[j] = next;
        const d = next - y[j];
        linear += g[j] * d;
        quadratic += d * d;
      }
    });
    return smoothAtY + linear + (this.lipschitz / 2) * quadratic;
  }

  /** The KKT residual at x (whose smooth gradient is candidateGradient), relative to the gradient at zero. */
  private optimalityResidual(): number {
    const l1 = this.coefficients.l1;
    let worst = 0;
    this.x.forEach((x, i) => {
      const g = this.candidateGradient[i];
      const threshold = this.isPenalized[i] ? l1 : 0;
      for (let j = 0; j < x.length; j++) {
        const w = x[j];
        const r = w > 0 ? Math.abs(g[j] + threshold) : w < 0 ? Math.abs(g[j] - threshold) : Math.max(Math.abs(g[j]) - threshold, 0);
        if (r > worst) worst = r;
      }
    });
    return worst / this.gradientScale;
  }

  private l1Value(): number {
    const l1 = { l1: this.coefficients.l1, l2: 0 };
    return this.x.reduce((sum, x, i) => sum + (this.isPenalized[i] ? penaltyValue(x, l1) : 0), 0);
  }

  private writeToNetwork(values: Float64Array[]): void {
    this.network.parameters().forEach((p, i) => p.value.set(values[i]));
  }
}

function maxAbs(v: Float64Array): number {
  let max = 0;
  for (let j = 0; j < v.length; j++) max = Math.max(max, Math.abs(v[j]));
  return max;
}
