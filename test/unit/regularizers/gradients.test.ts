// Gradient proofs for the training-step regularizers: finite differences through a fixed dropout
// mask and fixed input noise (restoring the streams replays the same draws), for every activation and
// loss, and the label-smoothed losses against their closed forms and finite differences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activationFunction } from '../../../src/core/activations';
import { losses } from '../../../src/core/losses';
import { typescriptKernels } from '../../../src/core/matrix';
import { initialize, Network } from '../../../src/core/network';
import { smoothedLoss } from '../../../src/core/regularizers/labelSmoothing';
import { NoisyPass } from '../../../src/core/regularizers/trainingPass';
import { createRng } from '../../../src/core/rng';
import { completeSpec, lossForTask, type Activation, type Task } from '../../../src/core/spec';
import { syntheticDataset } from '../core/fixtures';

const tasks: Task[] = ['regression', 'binary', 'multiclass'];
const activations: Activation[] = ['relu', 'leakyRelu', 'tanh', 'sigmoid', 'linear'];

/** Relative distance ‖a − b‖ / (‖a‖ + ‖b‖). */
function relativeError(a: number[], b: number[]): number {
  return Math.hypot(...a.map((v, i) => v - b[i])) / (Math.hypot(...a) + Math.hypot(...b));
}

function checkMaskedGradient(task: Task, activation: Activation, labelSmoothing: number): void {
  const rows = 9;
  const data = syntheticDataset(rows, 4, task);
  const spec = completeSpec({
    model: { hidden: [6, 5], activation, leakySlope: 0.1 },
    regularization: { dropout: [0.3, 0.5], inputNoise: 0.2, labelSmoothing },
  });
  const network = new Network([4, 6, 5, task === 'multiclass' ? 3 : 1], activationFunction(activation, 0.1), typescriptKernels, rows);
  initialize(network, spec.model, createRng(5, 'init'));
  network.layers.forEach((layer) => layer.bias.forEach((_, j) => (layer.bias[j] = 0.1 * (j + 1))));
  const name = lossForTask(task);
  const loss = smoothedLoss(name, losses[name], labelSmoothing);
  const pass = new NoisyPass(network, spec.regularization, 11);
  const start = pass.state();
  const k = network.output.outputs;
  // The same streams give the same masks and noise: the loss below is a fixed function of the weights.
  const lossWithSameDraws = () => {
    pass.restore(start);
    const z = pass.forward(Float32Array.from(data.x), rows);
    return loss.sum(z, data.y, rows, k) / rows;
  };

  pass.restore(start);
  const x = Float32Array.from(data.x);
  const z = pass.forward(x, rows);
  loss.sumAndGradient(z, data.y, rows, k, 1 / rows, network.output.delta);
  pass.backward(x, rows);
  const analytic: number[] = [];
  const numeric: number[] = [];
  for (const p of network.parameters()) {
    const grad = Float32Array.from(p.grad);
    for (let i = 0; i < p.value.length; i++) {
      const w = p.value[i];
      const h = 1e-2;
      p.value[i] = w + h;
      const up = lossWithSameDraws();
      p.value[i] = w - h;
      const down = lossWithSameDraws();
      p.value[i] = w;
      analytic.push(grad[i]);
      numeric.push((up - down) / (2 * h));
    }
  }
  const error = relativeError(analytic, numeric);
  assert.ok(error < 2e-3, `${task} ${activation} ε=${labelSmoothing}: relative gradient error ${error.toExponential(2)}`);
  // The draws matter: the plain network's gradient is another one.
  const plainX = Float32Array.from(data.x);
  losses[name].sumAndGradient(network.forward(plainX, rows), data.y, rows, k, 1 / rows, network.output.delta);
  network.backward(plainX, rows);
  const plain = network.parameters().flatMap((p) => [...p.grad]);
  assert.ok(relativeError(analytic, plain) > 1e-2, `${task} ${activation}: dropout and noise changed nothing`);
}

test('gradients through a fixed dropout mask and input noise match finite differences, every activation × loss', () => {
  for (const task of tasks) for (const activation of activations) checkMaskedGradient(task, activation, 0);
});

test('with label smoothing too, the gradients match finite differences (classification)', () => {
  for (const task of ['binary', 'multiclass'] as Task[]) for (const activation of activations) checkMaskedGradient(task, activation, 0.2);
});

/** −Σ_c q_c·log softmax(z)_c in float64, the smoothed targets q written out. */
function smoothedCrossEntropy(z: number[], y: number, epsilon: number): number {
  const max = Math.max(...z);
  const logSum = max + Math.log(z.reduce((s, v) => s + Math.exp(v - max), 0));
  return -z.reduce((s, v, c) => s + ((c === y ? 1 - epsilon : 0) + epsilon / z.length) * (v - logSum), 0);
}

/** −[t·log σ(z) + (1 − t)·log(1 − σ(z))], t = (1 − ε)·y + ε/2. */
function smoothedBinaryCrossEntropy(z: number, y: number, epsilon: number): number {
  const t = (1 - epsilon) * y + epsilon / 2;
  const p = 1 / (1 + Math.exp(-z));
  return -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
}

test('label-smoothed losses equal their closed forms, and their gradients match finite differences', () => {
  const rng = createRng(2, 'smoothing');
  const epsilon = 0.15;
  for (const [name, k] of [['softmaxCrossEntropy', 4], ['binaryCrossEntropy', 1]] as const) {
    const rows = 6;
    const z = Float32Array.from({ length: rows * k }, () => 3 * rng.normal());
    const y = Float32Array.from({ length: rows }, () => rng.int(k === 1 ? 2 : k));
    const loss = smoothedLoss(name, losses[name], epsilon);
    let expected = 0;
    for (let i = 0; i < rows; i++) {
      expected += k === 1 ? smoothedBinaryCrossEntropy(z[i], y[i], epsilon) : smoothedCrossEntropy([...z.subarray(i * k, (i + 1) * k)], y[i], epsilon);
    }
    const total = loss.sum(z, y, rows, k);
    assert.ok(Math.abs(total - expected) < 1e-9 * expected, `${name}: ${total} vs closed form ${expected}`);
    const grad = new Float32Array(rows * k);
    assert.ok(Math.abs(loss.sumAndGradient(z, y, rows, k, 1, grad) - total) < 1e-12 * total);
    const numeric = [...z].map((_, i) => {
      const zz = Float64Array.from(z);
      const at = (v: number) => {
        zz[i] = v;
        let s = 0;
        for (let r = 0; r < rows; r++) s += k === 1 ? smoothedBinaryCrossEntropy(zz[r], y[r], epsilon) : smoothedCrossEntropy([...zz.subarray(r * k, (r + 1) * k)], y[r], epsilon);
        return s;
      };
      return (at(z[i] + 1e-5) - at(z[i] - 1e-5)) / 2e-5;
    });
    assert.ok(relativeError([...grad], numeric) < 1e-6, `${name}: gradient vs finite differences`);
    // ε = 0 is the plain loss; a regression refuses smoothing.
    assert.equal(smoothedLoss(name, losses[name], 0), losses[name]);
  }
  assert.throws(() => smoothedLoss('mse', losses.mse, 0.1), /regression/);
});
