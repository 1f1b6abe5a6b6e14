/**
 * Whether a run's GEMMs still gain from a second thread, judged by the run's own timings: every
 * 16th GEMM large enough to split runs on one thread instead, and every 128 such GEMMs the split
 * ones' time per FLOP is compared with the plain ones'. Once the split ones are not faster twice in a
 * row (the helper has no core of its own: other work on the machine, or another run beside this
 * one) the run goes on one thread. Two verdicts, not one: the first GEMMs of a process run while V8
 * still compiles the kernels' optimized code, and one slow window should not end the split for good.
 * Either way each entry is computed the same way, so results do not change.
 */

/** Every samplePeriod-th eligible GEMM runs on one thread, as the comparison's sample. */
const samplePeriod = 16;
/** Plain samples per verdict. */
const samplesPerVerdict = 8;
/** Verdicts in a row against splitting that send the run to one thread. */
const verdictsToFallBack = 2;

interface Sums {
  ms: number;
  flops: number;
}

export class SplitMonitor {
  private calls = 0;
  private samples = 0;
  private against = 0;
  private split: Sums = { ms: 0, flops: 0 };
  private plain: Sums = { ms: 0, flops: 0 };
  /** GEMMs run split so far. */
  splitGemms = 0;
  /** Why the run went back to one thread, or null while it splits. */
  fellBack: string | null = null;

  /** `clock`: wall-clock milliseconds (the split trades CPU time for wall time, so CPU time cannot judge it). */
  constructor(private readonly clock: () => number) {}

  /** Runs one GEMM of `flops` split or plain, as the monitor decides, and times it. */
  run(flops: number, split: () => void, plain: () => void): void {
    if (this.fellBack) {
      plain();
      return;
    }
    const sample = ++this.calls % samplePeriod === 0;
    const started = this.clock();
    if (sample) plain();
    else split();
    const sums = sample ? this.plain : this.split;
    sums.ms += this.clock() - started;
    sums.flops += flops;
    if (!sample) this.splitGemms++;
    else if (++this.samples === samplesPerVerdict) this.judge();
  }

  private judge(): void {
    const rate = ({ ms, flops }: Sums) => flops / ms / 1e6; // GFLOP/s
    const [split, plain] = [rate(this.split), rate(this.plain)];
    this.against = split > plain ? 0 : this.against + 1;
    if (this.against === verdictsToFallBack) {
      this.fellBack = `went back to one thread after ${this.splitGemms} split GEMMs: split ones ran at ${split.toFixed(1)} GFLOP/s, one-thread ones at ${plain.toFixed(1)}`;
    }
    this.samples = 0;
    this.split = { ms: 0, flops: 0 };
    this.plain = { ms: 0, flops: 0 };
  }
}
