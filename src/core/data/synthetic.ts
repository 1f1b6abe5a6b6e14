import type { Dataset } from './dataset';
import type { SyntheticDataSpec, SyntheticName } from './spec';
import { createRng, type Rng } from '../rng';

export type SyntheticParams = Pick<SyntheticDataSpec, 'dataset' | 'samples' | 'noise' | 'features' | 'classes' | 'seed'>;

/**
 * Generates a toy dataset; the same parameters and seed give identical data. Points are made class by
 * class, then the rows are shuffled. `noise` is the standard deviation of Gaussian noise, in the units
 * of the shapes below (each spans about one to three units), so one value means similar difficulty.
 */
export function generateSynthetic(params: SyntheticParams): Dataset {
  checkParams(params);
  const rng = createRng(params.seed, 'synthetic');
  return shuffleRows(generators[params.dataset](params, rng), rng);
}

type Generator = (params: SyntheticParams, rng: Rng) => Dataset;

const generators: Record<SyntheticName, Generator> = {
  /** Two interleaving half circles (as scikit-learn's make_moons). */
  moons: ({ samples, noise }, rng) => {
    const outer = Math.ceil(samples / 2);
    return points2d(samples, ['upper moon', 'lower moon'], rng, noise, (i) => {
      const inOuter = i < outer;
      const t = (Math.PI * (inOuter ? i : i - outer)) / Math.max(1, (inOuter ? outer : samples - outer) - 1);
      return inOuter ? [Math.cos(t), Math.sin(t), 0] : [1 - Math.cos(t), 0.5 - Math.sin(t), 1];
    });
  },
  /** A circle of radius 1 around one of radius 0.5. */
  circles: ({ samples, noise }, rng) => {
    const outer = Math.ceil(samples / 2);
    return points2d(samples, ['outer circle', 'inner circle'], rng, noise, (i) => {
      const inOuter = i < outer;
      const t = (2 * Math.PI * (inOuter ? i : i - outer)) / (inOuter ? outer : samples - outer);
      const radius = inOuter ? 1 : 0.5;
      return [radius * Math.cos(t), radius * Math.sin(t), inOuter ? 0 : 1];
    });
  },
  /** `classes` arms winding out from the origin, each turning by 1.5π (as in CS231n's spiral). */
  spiral: ({ samples, noise, classes }, rng) => {
    const names = Array.from({ length: classes }, (_, c) => `arm ${c + 1}`);
    return points2d(samples, names, rng, noise, (i) => {
      const arm = i % classes;
      const radius = (Math.floor(i / classes) + 1) / Math.ceil(samples / classes);
      const t = (2 * Math.PI * arm) / classes + 1.5 * Math.PI * radius;
      return [radius * Math.cos(t), radius * Math.sin(t), arm];
    });
  },
  /** Uniform points in [−1, 1]², labelled by whether both coordinates have the same sign; noise moves them after labelling. */
  xor: ({ samples, noise }, rng) =>
    points2d(samples, ['same sign', 'opposite sign'], rng, noise, () => {
      const a = 2 * rng.next() - 1;
      const b = 2 * rng.next() - 1;
      return [a, b, a * b >= 0 ? 0 : 1];
    }),
  /** `classes` Gaussian blobs in `features` dimensions, centres uniform in [−1, 1]^d, spread `noise`. */
  blobs: ({ samples, noise, features, classes }, rng) => {
    const centres = Array.from({ length: classes }, () => Array.from({ length: features }, () => 2 * rng.next() - 1));
    const x = new Float32Array(samples * features);
    const y = new Float32Array(samples);
    for (let i = 0; i < samples; i++) {
      y[i] = i % classes;
      for (let j = 0; j < features; j++) x[i * features + j] = centres[i % classes][j] + noise * rng.normal();
    }
    const featureNames = Array.from({ length: features }, (_, j) => `x${j + 1}`);
    const classNames = Array.from({ length: classes }, (_, c) => `blob ${c + 1}`);
    return classification(x, y, featureNames, classNames);
  },
  /**
   * Few points of y = sin(πx) + noise on [−1, 1], with the features x, x², …, x^features: the classic
   * picture of a high-degree polynomial overfitting, which a penalty on the weights tames.
   */
  polynomial: ({ samples, noise, features }, rng) => {
    const x = new Float32Array(samples * features);
    const y = new Float32Array(samples);
    for (let i = 0; i < samples; i++) {
      const t = 2 * rng.next() - 1;
      y[i] = Math.sin(Math.PI * t) + noise * rng.normal();
      for (let j = 0; j < features; j++) x[i * features + j] = t ** (j + 1);
    }
    const featureNames = Array.from({ length: features }, (_, j) => (j === 0 ? 'x' : `x^${j + 1}`));
    return { x, y, rows: samples, features, task: 'regression', classes: 1, featureNames, classNames: [] };
  },
};

/** Builds a 2-feature classification set from `point(i)` = [x1, x2, class], adding noise to both coordinates. */
function points2d(samples: number, classNames: string[], rng: Rng, noise: number, point: (i: number) => number[]): Dataset {
  const x = new Float32Array(samples * 2);
  const y = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    const [a, b, label] = point(i);
    x[2 * i] = a + noise * rng.normal();
    x[2 * i + 1] = b + noise * rng.normal();
    y[i] = label;
  }
  return classification(x, y, ['x1', 'x2'], classNames);
}

function classification(x: Float32Array, y: Float32Array, featureNames: string[], classNames: string[]): Dataset {
  const task = classNames.length === 2 ? 'binary' : 'multiclass';
  return { x, y, rows: y.length, features: featureNames.length, task, classes: classNames.length, featureNames, classNames };
}

function shuffleRows(data: Dataset, rng: Rng): Dataset {
  const order = new Uint32Array(data.rows).map((_, i) => i);
  rng.shuffle(order);
  const x = new Float32Array(data.x.length);
  const y = new Float32Array(data.rows);
  order.forEach((from, to) => {
    x.set(data.x.subarray(from * data.features, (from + 1) * data.features), to * data.features);
    y[to] = data.y[from];
  });
  return { ...data, x, y };
}

function checkParams({ dataset, samples, noise, features, classes }: SyntheticParams): void {
  const problem = (what: string): never => {
    throw new Error(`synthetic dataset "${dataset}": ${what}`);
  };
  if (!generators[dataset]) problem(`unknown; choose one of ${Object.keys(generators).join(', ')}`);
  const perClass = dataset === 'spiral' || dataset === 'blobs' ? classes : 2;
  if (!Number.isInteger(samples) || samples < 2 * perClass) problem(`samples must be an integer ≥ ${2 * perClass}, got ${samples}`);
  if (!(noise >= 0) || !Number.isFinite(noise)) problem(`noise must be a number ≥ 0, got ${noise}`);
  if ((dataset === 'spiral' || dataset === 'blobs') && !(Number.isInteger(classes) && classes >= 2 && classes <= 100)) {
    problem(`classes must be an integer from 2 to 100, got ${classes}`);
  }
  if ((dataset === 'blobs' || dataset === 'polynomial') && !(Number.isInteger(features) && features >= 1 && features <= 1000)) {
    problem(`features must be an integer from 1 to 1000, got ${features}`);
  }
}
