/**
 * `npm run bench`: RegLens's training speed side by side with PyTorch and TensorFlow.js on the
 * issue's two tasks and the goals it must meet, then λ tuning through the worker pool (1 worker vs
 * the pool, grid vs halving, the driving thread's stalls and heap growth). The report is printed
 * and written to bench/.cache/latest.md.
 * `bench.js --peer <name> <task>` is how the bench runs a node peer in a process of its own.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { runChild } from './peers/child';
import { oneThread } from './peers';
import { checkpoint } from './sections/checkpoint';
import { goals } from './sections/goals';
import type { BenchContext, Section } from './sections/section';
import { speed } from './sections/speed';
import { tuning } from './sections/tuning';
import { repoRoot, type TaskName } from './tasks';

const sections: Section[] = [speed, goals, tuning, checkpoint];

/** The issue's number for this machine, used when PyTorch cannot measure the peak itself. */
const issuePeak = 97;

function matmulPeak(): BenchContext['peak'] {
  const run = spawnSync('/usr/bin/python3', [join(repoRoot, 'bench', 'peers', 'torch_peer.py'), '--peak'], {
    encoding: 'utf8',
    env: oneThread,
  });
  if (run.status === 0) {
    const { gflops } = JSON.parse(run.stdout) as { gflops: number };
    return { gflops, source: 'PyTorch 2048×2048 float32 matmul, 1 thread, measured now' };
  }
  return { gflops: issuePeak, source: "the issue's 97 GFLOP/s (PyTorch unavailable to measure it)" };
}

async function main(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const context: BenchContext = { runs, medians: new Map(), peak: matmulPeak() };
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
  const header = [
    `# RegLens bench, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${machine}. Load average at start: ${loadavg().map((v) => v.toFixed(2)).join(', ')} (other work on the machine adds noise).`,
    `Median of ${runs} runs per peer, peers alternating. Matmul peak: ${context.peak.gflops.toFixed(1)} GFLOP/s (${context.peak.source}).`,
    '',
  ];
  const lines = [...header];
  for (const section of sections) {
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
