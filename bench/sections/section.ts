/** One part of `npm run bench`: it measures something and returns markdown lines for the report. */
import type { PeerResult } from '../peers/result';
import type { TaskName } from '../tasks';

export interface BenchContext {
  runs: number;
  /** Median results per task and peer, filled by the speed section for the ones after it. */
  medians: Map<TaskName, Map<string, PeerResult>>;
  /** Single-thread float32 sgemm GFLOP/s and where the number comes from (set by the ceiling section). */
  peak: { gflops: number; source: string };
  /** The WebAssembly relaxed-SIMD FMA ceiling in GFLOP/s per CPU-second, once the ceiling section measured it. */
  ceiling: number | null;
  /** GFLOP/s of one training step's GEMMs on the fastest kernels, per task (set by the kernels section). */
  stepGflops?: Map<TaskName, number>;
  /** Wall-clock speed-up of synth's step GEMMs that split, on two threads (set by the kernels section). */
  splitSpeedup?: number;
  /** The pool's speed-up over 1 worker, the machine's two-core ceiling, and the driving thread's longest stall (set by the tuning section). */
  tuning?: { speedup: number; ceiling: number; longestGapMs: number };
}

export interface Section {
  /** What BENCH_ONLY names it by. */
  id: string;
  title: string;
  run(context: BenchContext): string[] | Promise<string[]>;
}
