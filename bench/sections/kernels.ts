/**
 * Each GEMM kernel of one training step alone, at the bench tasks' layer shapes, on both WebAssembly
 * builds: GFLOP/s per CPU-second and as a share of the FMA ceiling the ceiling section measured.
 * A step's GFLOP/s is its GEMM FLOPs over the summed times of its kernels. Then synth's GEMMs
 * shared by two threads, by the wall clock (splitKernels.ts).
 */
import { createWasmKernels, type WasmBuild } from '../../src/core/kernels';
import type { Kernels } from '../../src/core';
import { fastest, gflops } from '../clock';
import { prepareTask, taskNames, type TaskName } from '../tasks';
import type { BenchContext, Section } from './section';
import { splitKernels } from './splitKernels';

interface KernelCall {
  name: string;
  flops: number;
  run(kernels: Kernels, buffers: Float32Array[]): void;
}

/** The GEMM calls of one step of a task, with the shapes Network.forward and backward use. */
function stepCalls(sizes: number[], batch: number): KernelCall[] {
  const calls: KernelCall[] = [];
  for (let l = 0; l < sizes.length - 1; l++) {
    const inputs = sizes[l], outputs = sizes[l + 1];
    const flops = 2 * batch * inputs * outputs;
    const shape = `${inputs}→${outputs}`;
    calls.push({ name: `affine ${shape}`, flops, run: (k, [a, w, bias, c]) => k.affine(batch, outputs, inputs, a, w, bias, c) });
    calls.push({ name: `weight gradient ${shape}`, flops, run: (k, [a, w, , c]) => k.matmulTransposedA(outputs, inputs, batch, a, w, c, false) });
    if (l > 0) calls.push({ name: `input gradient ${shape}`, flops, run: (k, [a, w, , c]) => k.matmul(batch, inputs, outputs, a, w, c) });
  }
  return calls;
}

function timeCalls(build: WasmBuild, calls: KernelCall[], largest: number): number[] {
  const kernels = createWasmKernels(build, [largest, largest, largest, largest])!;
  const buffers = [0, 1, 2, 3].map(() => kernels.allocate(largest));
  buffers.forEach((b, i) => b.forEach((_, j) => (b[j] = Math.sin(i * 7 + j))));
  return calls.map((call) => {
    const repeats = Math.max(1, Math.round(2e8 / call.flops));
    return fastest(() => {
      for (let r = 0; r < repeats; r++) call.run(kernels, buffers);
    }).cpuMs / repeats;
  });
}

const builds: WasmBuild[] = ['webassembly-relaxed-simd', 'webassembly-simd'];

export const kernels: Section = {
  id: 'kernels',
  title: 'GEMM kernels alone, per layer (1 core)',
  run(context: BenchContext) {
    const ceiling = context.ceiling;
    const share = (value: number) => (ceiling ? `${Math.round((100 * value) / ceiling)}%` : '–');
    const lines = ['GFLOP/s per CPU-second, best of 5; % of the relaxed-SIMD FMA ceiling in brackets.', ''];
    const steps = new Map<TaskName, number>();
    for (const task of taskNames) {
      const { sizes, batchSize } = prepareTask(task);
      const calls = stepCalls(sizes, batchSize);
      const largest = Math.max(...sizes.map((s) => s * Math.max(batchSize, ...sizes)));
      const times = builds.map((build) => timeCalls(build, calls, largest));
      lines.push(`### ${task} (${sizes.join('-')}, batch ${batchSize})`, '', `| kernel | ${builds.join(' | ')} |`, `|---|${builds.map(() => '---:|').join('')}`);
      calls.forEach((call, c) => lines.push(`| ${call.name} | ${times.map((t) => `${gflops(call.flops, t[c]).toFixed(1)} (${share(gflops(call.flops, t[c]))})`).join(' | ')} |`));
      const total = calls.reduce((sum, call) => sum + call.flops, 0);
      const step = times.map((t) => gflops(total, t.reduce((a, b) => a + b, 0)));
      steps.set(task, step[0]);
      lines.push(`| **one step's GEMMs** | ${step.map((g) => `**${g.toFixed(1)}** (${share(g)})`).join(' | ')} |`, '');
    }
    context.stepGflops = steps;
    const synth = prepareTask('synth');
    const split = splitKernels(synth.sizes, synth.batchSize);
    lines.push(`### synth's GEMMs on two threads (relaxed SIMD, shared memory)`, '', ...split.lines, '');
    context.splitSpeedup = split.stepSpeedup;
    return lines;
  },
};
