// Finite-difference checks of every gradient the core computes: each loss × activation × penalty,
// weights and biases. The objective checked is  mean data loss + l1·Σ|w| + l2·Σw²  (penalties.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activationFunction } from '../../../src/core/activations';
import { evaluate, fullGradient } from '../../../src/core/evaluate';
import { losses } from '../../../src/core/losses';
import { typescriptKernels } from '../../../src/core/matrix';
import { initialize, Network, type Parameter } from '../../../src/core/network';
import { addL2Gradient, penaltyCoefficients, penaltyValue } from '../../../src/core/penalties';
import { createRng } from '../../../src/core/rng';
import { completeSpec, lossForTask, type Activation, type PenaltyName, type Task } from '../../../src/core/spec';
import { syntheticDataset } from './fixtures';

const tasks: Task[] = ['regression', 'binary', 'multiclass'];
const activations: Activation[] = ['relu', 'leakyRelu', 'tanh', 'sigmoid', 'linear'];
const penalties: PenaltyName[] = ['none', 'l1', 'l2', 'elasticNet'];

function check(task: Task, activation: Activation, penalty: PenaltyName) {
  const data = syntheticDataset(7, 4, task);
  const spec = completeSpec({
    model: { hidden: [5, 3], activation, leakySlope: 0.1 },
    regularization: { penalty, lambda: 0.3, scale: 'half', applyToBias: true, l1Ratio: 0.4 },
  });
  const network = new Network([4, 5, 3, task === 'multiclass' ? 3 : 1], activationFunction(activation, 0.1), typescriptKernels, 7);
  initialize(network, spec.model, createRng(3, 'init'));
  // L1 has a kink at 0: keep every parameter (biases too) at least 0.05 away from it, beyond the step h.
  network.layers.forEach((layer) => layer.bias.forEach((_, j) => (layer.bias[j] = 0.1 * (j + 1))));
  for (const { value } of network.parameters()) {
    value.forEach((w, i) => (value[i] = Math.abs(w) < 0.05 ? (w < 0 ? -0.05 : 0.05) : w));
  }
  const loss = losses[lossForTask(task)];
  const k = penaltyCoefficients(spec.regularization, data.rows);
  const buffer = new Float32Array(7 * 4);
  const objective = () =>
    evaluate(network, loss, data, buffer).loss + network.parameters().reduce((s, p) => s + penaltyValue(p.value, k), 0);

  fullGradient(network, loss, data, buffer);
  const analytic: number[] = [];
  const numeric: number[] = [];
  for (const p of network.parameters() as Parameter[]) {
    addL2Gradient(p.value, p.grad, k);
    const grad = Float32Array.from(p.grad);
    for (let i = 0; i < p.value.length; i++) {
      const w = p.value[i];
      analytic.push(grad[i] + k.l1 * Math.sign(w));
      const h = 1e-2;
      p.value[i] = w + h;
      const up = objective();
      p.value[i] = w - h;
      const down = objective();
      p.value[i] = w;
      numeric.push((up - down) / (2 * h));
    }
  }
  const diff = Math.hypot(...analytic.map((a, i) => a - numeric[i]));
  const scale = Math.hypot(...analytic) + Math.hypot(...numeric);
  assert.ok(diff / scale < 2e-3, `relative gradient error ${(diff / scale).toExponential(2)}`);
}

for (const task of tasks) {
  for (const activation of activations) {
    for (const penalty of penalties) {
      test(`gradient of ${lossForTask(task)} with ${activation} and ${penalty} matches finite differences`, () =>
        check(task, activation, penalty));
    }
  }
}

test('the finite-difference check fails on a wrong gradient', () => {
  const data = syntheticDataset(7, 4, 'regression');
  const network = new Network([4, 1], activationFunction('linear', 0), typescriptKernels, 7);
  initialize(network, completeSpec().model, createRng(1));
  fullGradient(network, losses.mse, data, new Float32Array(28));
  const analytic = Array.from(network.layers[0].gradWeight);
  const halved = analytic.map((g) => g / 2);
  const diff = Math.hypot(...analytic.map((a, i) => a - halved[i]));
  assert.ok(diff / (Math.hypot(...analytic) + Math.hypot(...halved)) > 2e-3);
});
