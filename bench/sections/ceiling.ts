/**
 * The machine's limits, measured now: the WebAssembly FMA ceiling (bench/probes/ceiling.ts, twelve
 * register-only f32x4 multiply-add chains, relaxed and plain SIMD) and the single-thread float32 sgemm
 * peak of NumPy's and PyTorch's BLAS. Later sections read them from the context.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { enableRelaxedSimd } from '../../src/io/wasmFeatures';
import { fastest, gflops } from '../clock';
import { oneThread } from '../peers';
import { repoRoot } from '../tasks';
import type { BenchContext, Section } from './section';

const probe = join(repoRoot, 'bench', 'probes', 'ceiling.ts');
const iterations = 2e7;

type Compile = (file: string, flags: string[]) => Promise<Uint8Array>;

async function compileProbe(relaxed: boolean): Promise<WebAssembly.Instance> {
  // The kernels' own compile step; an ES module, loaded at run time by the bundled (CommonJS) bench.
  const { compileAssemblyScript } = (await import(pathToFileURL(join(repoRoot, 'build-kernels.mjs')).href)) as { compileAssemblyScript: Compile };
  const bytes = await compileAssemblyScript(probe, ['-O3', '--runtime', 'stub', '--enable', 'simd', ...(relaxed ? ['--enable', 'relaxed-simd'] : [])]);
  return new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(bytes)), {});
}

interface Peak {
  cpu: number;
  wall: number;
}

/** GFLOP/s of the probe, per CPU-second and per wall-clock second. */
async function ceiling(relaxed: boolean): Promise<Peak> {
  const multiplyAdds = (await compileProbe(relaxed)).exports.multiplyAdds as (iterations: number, scale: number) => number;
  const time = fastest(() => multiplyAdds(iterations, 0.5));
  const flops = iterations * 12 * 4 * 2;
  return { cpu: gflops(flops, time.cpuMs), wall: gflops(flops, time.wallMs) };
}

/** Single-thread float32 GFLOP/s of a 2048² matrix product in NumPy or PyTorch, or why it could not run. */
function sgemmPeak(library: 'numpy' | 'torch'): Peak | string {
  const run = spawnSync('/usr/bin/python3', [join(repoRoot, 'bench', 'peers', 'torch_peer.py'), `--peak=${library}`], { encoding: 'utf8', env: oneThread });
  if (run.status !== 0) return (run.stderr.trim().split('\n').at(-1) ?? `exit ${run.status}`).slice(0, 200);
  return JSON.parse(run.stdout) as Peak;
}

const format = (value: number) => value.toFixed(1);
const row = (name: string, value: Peak | string, note: string) =>
  typeof value === 'string' ? `| ${name} | – | – | ${value} |` : `| ${name} | ${format(value.cpu)} | ${format(value.wall)} | ${note} |`;

export const ceilings: Section = {
  id: 'ceiling',
  title: 'The machine: WebAssembly FMA ceiling and sgemm peak (1 core)',
  async run(context: BenchContext) {
    if (!enableRelaxedSimd()) throw new Error('This Node runs no WebAssembly relaxed SIMD, even with --experimental-wasm-relaxed-simd.');
    const relaxed = await ceiling(true), plain = await ceiling(false);
    const numpy = sgemmPeak('numpy'), torch = sgemmPeak('torch');
    context.ceiling = relaxed.cpu;
    const best = [numpy, torch].filter((v): v is Peak => typeof v !== 'string').sort((a, b) => b.cpu - a.cpu)[0];
    if (best) context.peak = { gflops: best.cpu, source: 'the best single-thread 2048² float32 sgemm of NumPy and PyTorch, per CPU-second, measured now' };
    return [
      'GFLOP/s per CPU-second (only the time this process ran: other processes on the machine do not count) and per wall-clock second, best of 5 (sgemm: of 3).',
      '',
      '| kernel | GFLOP/s (CPU time) | GFLOP/s (wall) | note |',
      '|---|---:|---:|---|',
      row('WebAssembly relaxed SIMD: 12 chains of f32x4.relaxed_madd in registers', relaxed, "the ceiling of RegLens's kernels"),
      row('WebAssembly SIMD: 12 chains of f32x4.mul + f32x4.add', plain, 'without FMA'),
      row('NumPy sgemm 2048², 1 thread', numpy, 'OpenBLAS (AVX-512 where the CPU has it)'),
      row('PyTorch sgemm 2048², 1 thread', torch, "PyTorch's own BLAS"),
    ];
  },
};
