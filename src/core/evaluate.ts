/** Full passes over a dataset in chunks the network's buffers hold: loss, metric, full-batch gradient. */
import type { ActivationFunction } from './activations';
import type { Dataset } from './data/dataset';
import type { Loss } from './losses';
import type { Kernels } from './matrix';
import type { DenseLayer, Network } from './network';

/** Per hidden layer: which units ever passed a signal, and how many pre-activations were near-linear. */
export interface UnitActivity {
  everActive: Uint8Array[];
  alwaysActive: Uint8Array[];
  nearLinear: number[];
  seen: number;
}

export interface Evaluation {
  /** Mean data loss. */
  loss: number;
  /** Accuracy, or R² for regression. */
  metric: number;
}

export function createUnitActivity(network: Network): UnitActivity {
  const hidden = network.layers.slice(0, -1);
  return {
    everActive: hidden.map((layer) => new Uint8Array(layer.outputs)),
    alwaysActive: hidden.map((layer) => new Uint8Array(layer.outputs).fill(1)),
    nearLinear: hidden.map(() => 0),
    seen: 0,
  };
}

function recordActivity(network: Network, rows: number, activity: UnitActivity): void {
  const f: ActivationFunction = network.activation;
  const { columnExtremes } = network.kernels;
  const reluFamily = f.name === 'relu' || f.name === 'leakyRelu';
  for (let l = 0; l < activity.everActive.length; l++) {
    if (reluFamily && columnExtremes && network.capacity >= 2) {
      recordReluActivity(network.layers[l], rows, columnExtremes, activity.everActive[l], activity.alwaysActive[l]);
      continue;
    }
    const { z, outputs } = network.layers[l];
    const ever = activity.everActive[l];
    const always = activity.alwaysActive[l];
    let linear = 0;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < outputs; j++) {
        const value = z[i * outputs + j];
        if (f.active(value)) ever[j] = 1;
        else always[j] = 0;
        if (f.nearLinear(value)) linear++;
      }
    }
    activity.nearLinear[l] += linear;
  }
  activity.seen += rows;
}

/**
 * The relu family's activity from column extremes in the kernels: a unit is active where z > 0, so
 * it fired on some row if its column's max is > 0 and on every row if its min is. Its near-linear
 * count is not needed (LayerDiagnostics.linearFraction reads alwaysActive for these activations).
 * The layer's delta (capacity ≥ 2 rows) is free between backward passes: it holds the extremes.
 */
function recordReluActivity(layer: DenseLayer, rows: number, columnExtremes: NonNullable<Kernels['columnExtremes']>, ever: Uint8Array, always: Uint8Array): void {
  const { z, delta, outputs } = layer;
  const max = delta.subarray(0, outputs), min = delta.subarray(outputs, 2 * outputs);
  columnExtremes(rows, outputs, z, max, min);
  for (let j = 0; j < outputs; j++) {
    if (max[j] > 0) ever[j] = 1;
    if (!(min[j] > 0)) always[j] = 0;
  }
}

/** Runs every row of data forward, in chunks the network's buffers hold; `visit` sees each chunk's logits. */
function forEachChunk(
  network: Network,
  data: Dataset,
  xBuffer: Float32Array,
  visit: (z: Float32Array, y: Float32Array, rows: number, first: boolean) => void,
): void {
  for (let start = 0; start < data.rows; start += network.capacity) {
    const rows = Math.min(network.capacity, data.rows - start);
    xBuffer.set(data.x.subarray(start * data.features, (start + rows) * data.features));
    network.labels.set(data.y.subarray(start, start + rows));
    const z = network.forward(xBuffer, rows);
    visit(z, network.labels, rows, start === 0);
  }
}

/** Loss and metric of the network on every row of data; fills `activity` when given. */
export function evaluate(network: Network, loss: Loss, data: Dataset, xBuffer: Float32Array, activity?: UnitActivity): Evaluation {
  const k = network.output.outputs;
  let lossSum = 0;
  let correct = 0;
  forEachChunk(network, data, xBuffer, (z, y, rows) => {
    lossSum += loss.sum(z, y, rows, k);
    correct += loss.correct(z, y, rows, k);
    if (activity) recordActivity(network, rows, activity);
  });
  const meanLoss = lossSum / data.rows;
  const metric = loss.metric === 'accuracy' ? correct / data.rows : 1 - lossSum / totalSumOfSquares(data.y, data.rows);
  return { loss: meanLoss, metric };
}

function totalSumOfSquares(y: Float32Array, rows: number): number {
  let mean = 0;
  for (let i = 0; i < rows; i++) mean += y[i];
  mean /= rows;
  let total = 0;
  for (let i = 0; i < rows; i++) total += (y[i] - mean) ** 2;
  return total;
}

/** Writes the gradient of the mean data loss over all rows into the network; returns that mean loss. */
export function fullGradient(network: Network, loss: Loss, data: Dataset, xBuffer: Float32Array): number {
  const k = network.output.outputs;
  let lossSum = 0;
  forEachChunk(network, data, xBuffer, (z, y, rows, first) => {
    lossSum += loss.sumAndGradient(z, y, rows, k, 1 / data.rows, network.output.delta);
    network.backward(xBuffer, rows, !first);
  });
  return lossSum / data.rows;
}
