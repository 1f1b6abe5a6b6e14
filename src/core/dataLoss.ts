/**
 * The mean data loss over all training rows and its gradient, as a function of parameters held in
 * float64: what FISTA's smooth part is made of. Two ways to compute it:
 *   exactLinearLoss  models without hidden layers, in float64 end to end (logits, loss, gradient)
 *   networkLoss      any network, through its float32 kernels
 * In float32 a convex problem stalls once a step moves no weight by half an ulp (logistic regression
 * at λ = 1e-4 freezes ~2e-4 away from its optimum); float64 reaches it to the tolerance asked for.
 */
import type { Dataset } from './data/dataset';
import { fullGradient } from './evaluate';
import type { Loss } from './losses';
import type { Network } from './network';

export interface DataLoss {
  /** Relative rounding of one evaluation: the slack FISTA's sufficient-decrease test allows. */
  readonly noise: number;
  /** Mean data loss at x (one array per network parameter, in its order); writes the gradient into grad. */
  valueAndGradient(x: readonly Float64Array[], grad: readonly Float64Array[]): number;
}

/** z = W·x + b per row, in float64; x = [W (outputs × features, nn.Linear layout), b]. */
export function exactLinearLoss(loss: Loss, data: Dataset, outputs: number): DataLoss {
  const { x: rows, y, rows: m, features: d } = data;
  const z = new Float64Array(m * outputs);
  const dz = new Float64Array(m * outputs);
  return {
    noise: 1e-12,
    valueAndGradient([w, b], [gw, gb]) {
      for (let i = 0; i < m; i++) {
        for (let c = 0; c < outputs; c++) {
          let s = b[c];
          for (let f = 0, row = i * d, col = c * d; f < d; f++) s += w[col + f] * rows[row + f];
          z[i * outputs + c] = s;
        }
      }
      const sum = loss.sumAndGradient(z, y, m, outputs, 1 / m, dz);
      gw.fill(0);
      gb.fill(0);
      for (let i = 0; i < m; i++) {
        for (let c = 0; c < outputs; c++) {
          const delta = dz[i * outputs + c];
          if (delta === 0) continue;
          gb[c] += delta;
          for (let f = 0, row = i * d, col = c * d; f < d; f++) gw[col + f] += delta * rows[row + f];
        }
      }
      return sum / m;
    },
  };
}

/** Through the network's float32 forward and backward passes (models with hidden layers). */
export function networkLoss(network: Network, loss: Loss, data: Dataset, xBuffer: Float32Array): DataLoss {
  const parameters = network.parameters();
  return {
    noise: 1e-7,
    valueAndGradient(x, grad) {
      parameters.forEach((p, i) => p.value.set(x[i]));
      const value = fullGradient(network, loss, data, xBuffer);
      parameters.forEach((p, i) => grad[i].set(p.grad));
      return value;
    },
  };
}
