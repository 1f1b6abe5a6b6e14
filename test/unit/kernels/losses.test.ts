import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWasmKernels, type WasmBuild } from '../../../src/core/kernels';
import { kernelLoss, losses } from '../../../src/core/losses';
import { createRng } from '../../../src/core/rng';
import { enableRelaxedSimd } from '../../../src/io/wasmFeatures';

enableRelaxedSimd();
const builds: WasmBuild[] = ['webassembly-relaxed-simd', 'webassembly-simd'];
const rows = 37;

for (const build of builds) {
  for (const [name, k] of [['softmaxCrossEntropy', 10], ['softmaxCrossEntropy', 3], ['binaryCrossEntropy', 1]] as const) {
    test(`${build} ${name} (${k} logits): sum, gradient and correct rows equal losses.ts's loops`, () => {
      const kernels = createWasmKernels(build, [rows * k, rows, rows * k])!;
      const z = kernels.allocate(rows * k), y = kernels.allocate(rows), grad = kernels.allocate(rows * k);
      const rng = createRng(k, 'loss-kernels');
      z.forEach((_, i) => (z[i] = 4 * rng.normal()));
      z.set([900, -900], 0); // huge logits stay finite and exact
      y.forEach((_, i) => (y[i] = k === 1 ? rng.int(2) : rng.int(k)));
      const loss = kernelLoss(name, kernels), plain = losses[name];
      const expectedGrad = new Float32Array(rows * k);
      const expected = plain.sumAndGradient(Float32Array.from(z), Float32Array.from(y), rows, k, 1 / rows, expectedGrad);
      const sum = loss.sumAndGradient(z, y, rows, k, 1 / rows, grad);
      assert.ok(Number.isFinite(sum) && Math.abs(sum - expected) <= 1e-12 * expected, `sum ${sum} vs ${expected}`);
      grad.forEach((g, i) => assert.ok(Math.abs(g - expectedGrad[i]) <= 1e-7 * (1 + Math.abs(expectedGrad[i])), `grad[${i}] ${g} vs ${expectedGrad[i]}`));
      assert.ok(Math.abs(loss.sum(z, y, rows, k) - plain.sum(Float32Array.from(z), Float32Array.from(y), rows, k)) <= 1e-12 * expected);
      const hits = loss.correct(z, y, rows, k);
      assert.equal(hits, plain.correct(Float32Array.from(z), Float32Array.from(y), rows, k));
      assert.ok(hits > 0 && hits < rows, `${hits} correct: the check sees both outcomes`);
    });
  }
}

test('a kernel loss on arrays outside the kernels memory (float64 logits too) runs the plain loops', () => {
  const kernels = createWasmKernels('webassembly-simd', [8])!;
  const loss = kernelLoss('softmaxCrossEntropy', kernels);
  const z = Float64Array.from([1, 2, 3, 0, 0, 5]), y = Float32Array.from([2, 1]);
  assert.equal(loss.sum(z, y, 2, 3), losses.softmaxCrossEntropy.sum(z, y, 2, 3));
  assert.equal(loss.correct(Float32Array.from(z), y, 2, 3), 1);
});
