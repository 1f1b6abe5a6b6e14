/** TensorFlow.js peer: the same task with tfjs ops on its CPU (plain JavaScript) or WASM backend. */
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { join } from 'node:path';
import { readTask, repoRoot, type TaskName } from '../tasks';
import { peakRssMB, type PeerResult } from './result';

export type TfjsBackend = 'cpu' | 'wasm';

async function useBackend(backend: TfjsBackend): Promise<void> {
  if (backend === 'wasm') {
    setWasmPaths(join(repoRoot, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist') + '/');
    setThreadsCount(1);
  }
  if (!(await tf.setBackend(backend))) throw new Error(`The TensorFlow.js ${backend} backend did not load.`);
  await tf.ready();
}

export async function runTfjs(task: TaskName, backend: TfjsBackend): Promise<PeerResult> {
  await useBackend(backend);
  const { meta, arrays } = readTask(task);
  const { sizes, trainRows: rows, batchSize, weightDecay } = meta;
  const classes = sizes[sizes.length - 1];
  // tfjs multiplies x·W with W as inputs × outputs: the transpose of the files' nn.Linear layout.
  const weights = arrays.weights.map((w, l) => tf.variable(tf.tidy(() => tf.tensor2d(w, [sizes[l + 1], sizes[l]]).transpose())));
  const biases = arrays.biases.map((b) => tf.variable(tf.tensor1d(b)));
  const logits = (x: tf.Tensor2D) =>
    weights.reduce<tf.Tensor2D>((h, w, l) => {
      const z = tf.add(tf.matMul(h, w), biases[l]) as tf.Tensor2D;
      return l < weights.length - 1 ? tf.relu(z) : z;
    }, x);
  const x = tf.tensor2d(arrays.trainX, [rows, sizes[0]]);
  const y = tf.oneHot(tf.tensor1d(arrays.trainY, 'int32'), classes);
  const order = new Int32Array(arrays.order.buffer, arrays.order.byteOffset, arrays.order.length);
  const optimizer = tf.train.sgd(meta.learningRate);
  const [started, startedCpu] = [performance.now(), process.cpuUsage()];
  for (let epoch = 0; epoch < meta.epochs; epoch++) {
    for (let start = 0; start < rows; start += batchSize) {
      const at = epoch * rows + start;
      tf.tidy(() => {
        const index = tf.tensor1d(order.subarray(at, at + Math.min(batchSize, rows - start)), 'int32');
        const xb = tf.gather(x, index) as tf.Tensor2D;
        const yb = tf.gather(y, index);
        // (wd/2)·Σ‖W‖² has the gradient wd·W: W -= lr·(grad + wd·W), weights only.
        optimizer.minimize(() =>
          tf.add(tf.losses.softmaxCrossEntropy(yb, logits(xb)), tf.mul(weightDecay / 2, tf.addN(weights.map((w) => tf.sum(tf.square(w)))))) as tf.Scalar,
        );
      });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(startedCpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  let validationAccuracy: number | null = null;
  if (meta.validationRows > 0) {
    const predicted = tf.tidy(() => tf.argMax(logits(tf.tensor2d(arrays.validationX, [meta.validationRows, sizes[0]])), 1));
    const labels = Array.from(await predicted.data());
    validationAccuracy = labels.filter((label, i) => label === arrays.validationY[i]).length / meta.validationRows;
  }
  return {
    peer: `TensorFlow.js ${backend}`,
    task,
    samplesPerSecond: (meta.epochs * rows) / cpuSeconds,
    wallSamplesPerSecond: (meta.epochs * rows) / seconds,
    validationAccuracy,
    epochLosses: [],
    maxRssMB: peakRssMB(),
    extra: { version: tf.version.tfjs },
  };
}
