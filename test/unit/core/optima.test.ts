// Full-batch FISTA reaches the known optimum of convex problems (no hidden layer).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeSpec } from '../../../src/core/spec';
import { train } from '../../../src/core/trainer';
import { syntheticDataset } from './fixtures';

/** Solves A·x = b by Gaussian elimination with partial pivoting (float64). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    const pivot = m.slice(c).reduce((best, row, i) => (Math.abs(row[c]) > Math.abs(m[best][c]) ? c + i : best), c);
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) x[r] = (m[r][n] - m[r].slice(r + 1, n).reduce((s, v, k) => s + v * x[r + 1 + k], 0)) / m[r][r];
  return x;
}

test("ridge regression matches the closed form (XcᵀXc + (λ/2)·I)·w = Xcᵀyc under '2m'", () => {
  const data = syntheticDataset(80, 6, 'regression', 1, 5);
  const lambda = 12, d = data.features, m = data.rows;
  const mean = (f: (i: number) => number) => Array.from({ length: m }, (_, i) => f(i)).reduce((s, v) => s + v, 0) / m;
  const xMean = Array.from({ length: d }, (_, j) => mean((i) => data.x[i * d + j]));
  const yMean = mean((i) => data.y[i]);
  const xc = (i: number, j: number) => data.x[i * d + j] - xMean[j];
  // mean (Xw + b − y)² + (λ/2m)‖w‖²: setting the gradient to 0 gives the system below.
  const gram = Array.from({ length: d }, (_, j) =>
    Array.from({ length: d }, (_, k) => Array.from({ length: m }, (_, i) => xc(i, j) * xc(i, k)).reduce((s, v) => s + v, 0) + (j === k ? lambda / 2 : 0)),
  );
  const rhs = Array.from({ length: d }, (_, j) => Array.from({ length: m }, (_, i) => xc(i, j) * (data.y[i] - yMean)).reduce((s, v) => s + v, 0));
  const w = solve(gram, rhs);
  const b = yMean - w.reduce((s, wj, j) => s + wj * xMean[j], 0);

  const spec = completeSpec({
    model: { hidden: [] },
    training: { optimizer: 'fista', epochs: 400, learningRate: 1 },
    regularization: { penalty: 'l2', lambda, scale: '2m' },
  });
  const fitted = train(spec, { train: data, validation: null }).weights[0];
  w.forEach((wj, j) => assert.ok(Math.abs(fitted.weight[j] - wj) < 1e-5 * (1 + Math.abs(wj)), `w${j}: ${fitted.weight[j]} vs ${wj}`));
  assert.ok(Math.abs(fitted.bias[0] - b) < 1e-5 * (1 + Math.abs(b)));
});

test('plain full-batch gradient descent converges to the same ridge solution as FISTA', () => {
  const data = syntheticDataset(60, 4, 'regression', 1, 9);
  const spec = (optimizer: 'sgd' | 'fista', epochs: number) =>
    completeSpec({
      model: { hidden: [] },
      training: { optimizer, epochs, batchSize: 0, learningRate: 0.2 },
      regularization: { penalty: 'l2', lambda: 0.5, scale: 'half' },
    });
  const gd = train(spec('sgd', 3000), { train: data, validation: null }).weights[0].weight;
  const fista = train(spec('fista', 300), { train: data, validation: null }).weights[0].weight;
  gd.forEach((v, j) => assert.ok(Math.abs(v - fista[j]) < 1e-5, `w${j}`));
});
