/**
 * Timing on a shared machine: wall time counts the time other processes hold the cores, CPU time
 * (process.cpuUsage) counts only the time this process ran. The bench's microbenchmarks report the
 * best of several repeats of both; on a loaded machine the CPU-time figure is the one to trust.
 */
export interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** Runs `work` `repeats` times (after one warm-up call) and keeps each clock's fastest. */
export function fastest(work: () => void, repeats = 5): Timing {
  work();
  let wallMs = Infinity, cpuMs = Infinity;
  for (let r = 0; r < repeats; r++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    work();
    wallMs = Math.min(wallMs, performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuMs = Math.min(cpuMs, (used.user + used.system) / 1000);
  }
  return { wallMs, cpuMs };
}

/** GFLOP/s of `flops` done in `ms`. */
export const gflops = (flops: number, ms: number) => flops / ms / 1e6;
