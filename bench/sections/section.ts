/** One part of `npm run bench`: it measures something and returns markdown lines for the report. */
import type { PeerResult } from '../peers/result';
import type { TaskName } from '../tasks';

export interface BenchContext {
  runs: number;
  /** Median results per task and peer, filled by the speed section for the ones after it. */
  medians: Map<TaskName, Map<string, PeerResult>>;
  /** Single-thread float32 matmul GFLOP/s and where the number comes from. */
  peak: { gflops: number; source: string };
}

export interface Section {
  title: string;
  run(context: BenchContext): string[] | Promise<string[]>;
}
