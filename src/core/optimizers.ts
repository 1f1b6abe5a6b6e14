/**
 * Minibatch optimizers. Each step sees gradients that already include the L2 part of the penalty
 * (coupled, as in the objective); decoupled weight decay is applied here, beside the gradient:
 *   sgd       w ← w − η·g
 *   momentum  v ← μ·v + g;  w ← w − η·v            (Nesterov: w ← w − η·(g + μ·v))
 *   adam      w ← w − η·m̂/(√v̂ + ε)
 *   adamw     adam, with weight decay w ← w − η·wd·w before the step (Loshchilov & Hutter)
 * For every optimizer, weightDecay > 0 decays decoupled from the gradient, as adamw does.
 */
import type { Parameter } from './network';
import type { UpdateState } from './report';
import type { TrainingSpec } from './spec';

export interface Optimizer {
  step(learningRate: number): void;
  /** Copies of the step count and moments, to resume training exactly where it stopped. */
  state(): UpdateState;
  restore(state: UpdateState): void;
}

interface Slot {
  parameter: Parameter;
  decays: boolean;
  first: Float32Array;
  second: Float32Array;
}

export function createOptimizer(
  training: TrainingSpec,
  parameters: Parameter[],
  weightDecay: number,
  decayBiases: boolean,
): Optimizer {
  const stateful = training.optimizer !== 'sgd';
  const adaptive = training.optimizer === 'adam' || training.optimizer === 'adamw';
  const slots: Slot[] = parameters.map((parameter) => ({
    parameter,
    decays: weightDecay > 0 && (decayBiases || !parameter.isBias),
    first: new Float32Array(stateful ? parameter.value.length : 0),
    second: new Float32Array(adaptive ? parameter.value.length : 0),
  }));
  let t = 0;

  return {
    step(lr) {
      t++;
      for (const slot of slots) {
        const { value: w, grad: g } = slot.parameter;
        if (slot.decays) {
          const keep = 1 - lr * weightDecay;
          for (let i = 0; i < w.length; i++) w[i] *= keep;
        }
        if (adaptive) adamStep(w, g, slot, lr, t, training);
        else if (stateful) momentumStep(w, g, slot.first, lr, training.momentum, training.nesterov);
        else for (let i = 0; i < w.length; i++) w[i] -= lr * g[i];
      }
    },
    state: () => ({ scalars: [t], buffers: slots.flatMap((s) => [Float32Array.from(s.first), Float32Array.from(s.second)]) }),
    restore(state) {
      t = state.scalars[0];
      slots.forEach((slot, i) => {
        slot.first.set(state.buffers[2 * i]);
        slot.second.set(state.buffers[2 * i + 1]);
      });
    },
  };
}

function momentumStep(w: Float32Array, g: Float32Array, v: Float32Array, lr: number, mu: number, nesterov: boolean): void {
  for (let i = 0; i < w.length; i++) {
    v[i] = mu * v[i] + g[i];
    w[i] -= lr * (nesterov ? g[i] + mu * v[i] : v[i]);
  }
}

function adamStep(w: Float32Array, g: Float32Array, slot: Slot, lr: number, t: number, training: TrainingSpec): void {
  const { beta1, beta2, adamEpsilon } = training;
  const correction1 = 1 - beta1 ** t;
  const correction2 = 1 - beta2 ** t;
  const m = slot.first;
  const v = slot.second;
  for (let i = 0; i < w.length; i++) {
    m[i] = beta1 * m[i] + (1 - beta1) * g[i];
    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
    w[i] -= (lr * (m[i] / correction1)) / (Math.sqrt(v[i] / correction2) + adamEpsilon);
  }
}
