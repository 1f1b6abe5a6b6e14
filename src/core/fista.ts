/**
 * Full-batch accelerated proximal gradient (FISTA, Beck & Teboulle 2009) with backtracking and
 * gradient-based restarts (O'Donoghue & Candès 2015). Restarts and the backtracking test avoid
 * comparing objective values closer than float32 resolves them, which would stall convergence. The smooth part f is the mean data loss plus
 * the L2 term; the L1 term is handled exactly by soft-thresholding. For models without hidden
 * layers (linear, logistic, softmax regression) f is convex and the iterates converge to the optimum.
 */
import type { Dataset } from './data/dataset';
import { evaluate, fullGradient } from './evaluate';
import type { Loss } from './losses';
import type { Network, Parameter } from './network';
import { addL2Gradient, penaltyValue, type PenaltyCoefficients } from './penalties';
import type { UpdateState } from './report';

const maxBacktracks = 60;
/** Relative size of rounding in a float32 loss evaluation. */
const float32Noise = 1e-7;

export class Fista {
  private readonly previous: Float32Array[];
  private readonly extrapolated: Float32Array[];
  private lipschitz: number;
  private t = 1;

  constructor(
    private readonly network: Network,
    private readonly loss: Loss,
    private readonly data: Dataset,
    private readonly xBuffer: Float32Array,
    private readonly parameters: Parameter[],
    private readonly penalized: Set<Parameter>,
    private readonly coefficients: PenaltyCoefficients,
    initialStep: number,
  ) {
    this.previous = parameters.map((p) => Float32Array.from(p.value));
    this.extrapolated = parameters.map((p) => new Float32Array(p.value.length));
    this.lipschitz = 1 / initialStep;
  }

  state(): UpdateState {
    return { scalars: [this.t, this.lipschitz], buffers: this.previous.map((p) => Float32Array.from(p)) };
  }

  restore(state: UpdateState): void {
    [this.t, this.lipschitz] = state.scalars;
    this.previous.forEach((p, i) => p.set(state.buffers[i]));
  }

  /** One iteration; returns the norm of the smooth part's gradient at the extrapolated point. */
  iterate(): number {
    const tNext = (1 + Math.sqrt(1 + 4 * this.t * this.t)) / 2;
    const beta = (this.t - 1) / tNext;
    this.parameters.forEach((p, i) => {
      const x = p.value, prev = this.previous[i], y = this.extrapolated[i];
      for (let j = 0; j < x.length; j++) y[j] = x[j] + beta * (x[j] - prev[j]);
      prev.set(x);
      x.set(y);
    });
    const smoothAtY = fullGradient(this.network, this.loss, this.data, this.xBuffer) + this.l2Value();
    let squaredNorm = 0;
    for (const p of this.parameters) {
      if (this.penalized.has(p)) addL2Gradient(p.value, p.grad, this.coefficients);
      for (let j = 0; j < p.grad.length; j++) squaredNorm += p.grad[j] * p.grad[j];
    }
    for (let attempt = 0; attempt < maxBacktracks; attempt++) {
      const bound = this.proximalStep(smoothAtY);
      if (this.smoothValue() <= bound + float32Noise * (1 + Math.abs(smoothAtY))) break;
      this.lipschitz *= 2;
    }
    this.t = this.movingBackwards() ? 1 : tNext;
    return Math.sqrt(squaredNorm);
  }

  /** ⟨y − x_new, x_new − x_old⟩ > 0: the momentum points uphill, so drop it. */
  private movingBackwards(): boolean {
    let dot = 0;
    this.parameters.forEach((p, i) => {
      const x = p.value, y = this.extrapolated[i], prev = this.previous[i];
      for (let j = 0; j < x.length; j++) dot += (y[j] - x[j]) * (x[j] - prev[j]);
    });
    return dot > 0;
  }

  /** x ← prox(y − ∇f(y)/L); returns the quadratic upper bound f(y) + ⟨∇f(y), x − y⟩ + L/2·‖x − y‖². */
  private proximalStep(smoothAtY: number): number {
    const step = 1 / this.lipschitz;
    let linear = 0, quadratic = 0;
    this.parameters.forEach((p, i) => {
      const x = p.value, y = this.extrapolated[i], g = p.grad;
      const threshold = this.penalized.has(p) ? step * this.coefficients.l1 : 0;
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

  private smoothValue(): number {
    return evaluate(this.network, this.loss, this.data, this.xBuffer).loss + this.l2Value();
  }

  private l2Value(): number {
    let total = 0;
    for (const p of this.penalized) total += penaltyValue(p.value, { l1: 0, l2: this.coefficients.l2 });
    return total;
  }
}
