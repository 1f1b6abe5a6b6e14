/**
 * The two benchmark tasks, written once to bench/.cache/<task>/ so every peer reads the
 * same standardized data, initial weights and batch order.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createRng } from '../src/core';

export type TaskName = 'digits' | 'synth';
export const taskNames: TaskName[] = ['digits', 'synth'];

/** What a peer needs besides the arrays; read by the Python peer too (meta.json). */
export interface TaskMeta {
  name: TaskName;
  /** [inputs, ...hidden, classes] */
  sizes: number[];
  batchSize: number;
  learningRate: number;
  /** W -= lr·(grad + weightDecay·W), weights only. */
  weightDecay: number;
  epochs: number;
  trainRows: number;
  validationRows: number;
  /** The seed of RegLens's shuffle stream: order.u32 holds its batch order, epoch after epoch. */
  seed: number;
  version: number;
}

const version = 1;

const definitions: Record<TaskName, Omit<TaskMeta, 'trainRows' | 'validationRows' | 'version'>> = {
  digits: { name: 'digits', sizes: [64, 128, 64, 10], batchSize: 32, learningRate: 0.05, weightDecay: 1e-4, epochs: 20, seed: 7 },
  synth: { name: 'synth', sizes: [784, 256, 128, 10], batchSize: 128, learningRate: 0.05, weightDecay: 1e-4, epochs: 2, seed: 7 },
};

export interface TaskArrays {
  trainX: Float32Array;
  trainY: Int32Array;
  validationX: Float32Array;
  validationY: Int32Array;
  /** meta.epochs × trainRows row indices, epoch after epoch. */
  order: Uint32Array;
  weights: Float32Array[];
  biases: Float32Array[];
}

export const repoRoot = join(__dirname, '..', '..');
export const cacheDir = (task: TaskName) => join(repoRoot, 'bench', '.cache', task);

/** Exact GEMM FLOPs per training sample: forward 2·Σ in·out, backward 4·Σ in·out minus the first layer's input gradient. */
export function flopsPerSample(sizes: number[]): number {
  let sum = 0;
  for (let l = 1; l < sizes.length; l++) sum += sizes[l - 1] * sizes[l];
  return 6 * sum - 2 * sizes[0] * sizes[1];
}

function digitsTable(): { x: number[][]; y: number[] } {
  const text = gunzipSync(new Uint8Array(readFileSync(join(repoRoot, 'media', 'data', 'digits.csv.gz')))).toString('utf8');
  const lines = text.trim().split('\n').slice(1);
  const rows = lines.map((line) => line.split(',').map(Number));
  return { x: rows.map((r) => r.slice(0, -1)), y: rows.map((r) => r[r.length - 1]) };
}

/** Population std over the training rows, a zero std replaced by 1 (digits has constant pixels). */
function standardize(train: number[][], others: number[][]): [Float32Array, Float32Array] {
  const features = train[0].length;
  const mean = new Float64Array(features), std = new Float64Array(features);
  for (const row of train) row.forEach((v, f) => (mean[f] += v / train.length));
  for (const row of train) row.forEach((v, f) => (std[f] += (v - mean[f]) ** 2 / train.length));
  const scale = Array.from(std, (v) => (v > 0 ? Math.sqrt(v) : 1));
  const flat = (rows: number[][]) => Float32Array.from(rows.flatMap((row) => row.map((v, f) => (v - mean[f]) / scale[f])));
  return [flat(train), flat(others)];
}

function taskData(name: TaskName): Omit<TaskArrays, 'order' | 'weights' | 'biases'> {
  if (name === 'digits') {
    const { x, y } = digitsTable();
    const [trainX, validationX] = standardize(x.slice(0, 1437), x.slice(1437));
    return { trainX, trainY: Int32Array.from(y.slice(0, 1437)), validationX, validationY: Int32Array.from(y.slice(1437)) };
  }
  const rng = createRng(1, 'bench-synth');
  const rows = 20000, features = 784;
  const trainX = Float32Array.from({ length: rows * features }, () => rng.normal());
  const trainY = Int32Array.from({ length: rows }, () => rng.int(10));
  return { trainX, trainY, validationX: new Float32Array(0), validationY: new Int32Array(0) };
}

/** He normal for the hidden layers, Glorot uniform for the output layer, zero biases (RegLens's 'auto' init). */
function initialWeights(sizes: number[]): { weights: Float32Array[]; biases: Float32Array[] } {
  const rng = createRng(3, 'bench-init');
  const weights = sizes.slice(1).map((outputs, l) => {
    const inputs = sizes[l];
    const isOutput = l === sizes.length - 2;
    const he = Math.sqrt(2 / inputs), glorot = Math.sqrt(6 / (inputs + outputs));
    return Float32Array.from({ length: outputs * inputs }, () => (isOutput ? glorot * (2 * rng.next() - 1) : he * rng.normal()));
  });
  return { weights, biases: sizes.slice(1).map((outputs) => new Float32Array(outputs)) };
}

/** The batch order RegLens's trainer takes for this seed: one in-place shuffle of 0..m−1 per epoch. */
function batchOrder(meta: TaskMeta): Uint32Array {
  const rng = createRng(meta.seed, 'shuffle');
  const order = Uint32Array.from({ length: meta.trainRows }, (_, i) => i);
  const all = new Uint32Array(meta.epochs * meta.trainRows);
  for (let epoch = 0; epoch < meta.epochs; epoch++) {
    rng.shuffle(order);
    all.set(order, epoch * meta.trainRows);
  }
  return all;
}

const bytes = (array: ArrayBufferView) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

/** Writes the task's files unless a current copy exists; returns its meta. */
export function prepareTask(name: TaskName): TaskMeta {
  const dir = cacheDir(name);
  const metaPath = join(dir, 'meta.json');
  if (existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as TaskMeta;
    if (meta.version === version) return meta;
  }
  mkdirSync(dir, { recursive: true });
  const data = taskData(name);
  const definition = definitions[name];
  const meta: TaskMeta = {
    ...definition,
    trainRows: data.trainY.length,
    validationRows: data.validationY.length,
    version,
  };
  const { weights, biases } = initialWeights(meta.sizes);
  writeFileSync(join(dir, 'train_x.f32'), bytes(data.trainX));
  writeFileSync(join(dir, 'train_y.i32'), bytes(data.trainY));
  writeFileSync(join(dir, 'validation_x.f32'), bytes(data.validationX));
  writeFileSync(join(dir, 'validation_y.i32'), bytes(data.validationY));
  writeFileSync(join(dir, 'order.u32'), bytes(batchOrder(meta)));
  weights.forEach((w, l) => writeFileSync(join(dir, `weight${l}.f32`), bytes(w)));
  biases.forEach((b, l) => writeFileSync(join(dir, `bias${l}.f32`), bytes(b)));
  writeFileSync(metaPath, JSON.stringify(meta, null, 2));
  return meta;
}

function read<T>(path: string, make: (buffer: ArrayBuffer) => T): T {
  const copy = new Uint8Array(readFileSync(path));
  return make(copy.buffer);
}

export function readTask(name: TaskName): { meta: TaskMeta; arrays: TaskArrays } {
  const dir = cacheDir(name);
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as TaskMeta;
  const layers = meta.sizes.slice(1).map((_, l) => l);
  return {
    meta,
    arrays: {
      trainX: read(join(dir, 'train_x.f32'), (b) => new Float32Array(b)),
      trainY: read(join(dir, 'train_y.i32'), (b) => new Int32Array(b)),
      validationX: read(join(dir, 'validation_x.f32'), (b) => new Float32Array(b)),
      validationY: read(join(dir, 'validation_y.i32'), (b) => new Int32Array(b)),
      order: read(join(dir, 'order.u32'), (b) => new Uint32Array(b)),
      weights: layers.map((l) => read(join(dir, `weight${l}.f32`), (b) => new Float32Array(b))),
      biases: layers.map((l) => read(join(dir, `bias${l}.f32`), (b) => new Float32Array(b))),
    },
  };
}
