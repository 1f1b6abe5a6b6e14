/**
 * `npm run bench`: the machine's ceilings (WebAssembly FMA, NumPy/PyTorch sgemm), RegLens's GEMM
 * kernels alone, its training speed side by side with PyTorch and TensorFlow.js on the issue's two
 * tasks, λ tuning through the worker pool (1 worker vs the pool, grid vs halving, the driving
 * thread's stalls and heap growth), then the goals, every figure from the same run. The report is
 * printed and written to bench/.cache/latest.md.
 * BENCH_ONLY=ceiling,speed runs only the sections named (ids in bench/sections); BENCH_RUNS=n sets the repeats.
 * `bench.js --peer <name> <task>` is how the bench runs a node peer in a process of its own.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { runChild } from './peers/child';
import { ceilings } from './sections/ceiling';
import { checkpoint } from './sections/checkpoint';
import { goals } from './sections/goals';
import { kernels } from './sections/kernels';
import type { BenchContext, Section } from './sections/section';
import { speed } from './sections/speed';
import { tuning } from './sections/tuning';
import { repoRoot, type TaskName } from './tasks';

const sections: Section[] = [ceilings, kernels, speed, tuning, goals, checkpoint];

/** The issue's single-thread sgemm peak for this machine, used when neither NumPy nor PyTorch can measure it. */
const issuePeak = { gflops: 150, source: "the issue's ~150 GFLOP/s (neither NumPy nor PyTorch could measure it)" };

async function main(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const context: BenchContext = { runs, medians: new Map(), peak: issuePeak, ceiling: null };
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
  const header = [
    `# RegLens bench, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${machine}. Load average at start: ${loadavg().map((v) => v.toFixed(2)).join(', ')} (other work on the machine adds noise).`,
    `Median of ${runs} runs per peer, peers alternating.`,
    '',
  ];
  const lines = [...header];
  const only = process.env.BENCH_ONLY?.split(',');
  for (const section of sections.filter((s) => !only || only.includes(s.id))) {
    console.log(`${section.title}...`);
    lines.push(`## ${section.title}`, '', ...(await section.run(context)), '');
  }
  const report = lines.join('\n');
  console.log(`\n${report}`);
  mkdirSync(join(repoRoot, 'bench', '.cache'), { recursive: true });
  writeFileSync(join(repoRoot, 'bench', '.cache', 'latest.md'), report);
}

const peerAt = process.argv.indexOf('--peer');
if (peerAt >= 0) {
  runChild(process.argv[peerAt + 1], process.argv[peerAt + 2] as TaskName).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
