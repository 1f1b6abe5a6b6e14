/**
 * Collects live epoch reports and sends them per run at most once per interval: a small network
 * trains hundreds of epochs a second, and one postMessage per epoch would flood the webview.
 */
import type { EpochReport } from '../../core/report';

export class EpochBatcher {
  private readonly pending = new Map<string, EpochReport[]>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last = -Infinity;

  constructor(
    private readonly send: (runId: string, epochs: EpochReport[]) => void,
    private readonly intervalMs = 100,
    private readonly now: () => number = Date.now,
  ) {}

  push(runId: string, report: EpochReport): void {
    const list = this.pending.get(runId);
    if (list) list.push(report);
    else this.pending.set(runId, [report]);
    this.timer ??= setTimeout(() => this.flush(), Math.max(0, this.last + this.intervalMs - this.now()));
  }

  /** Sends everything now (before a runFinished, so epochs arrive first). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.last = this.now();
    const batches = [...this.pending];
    this.pending.clear();
    for (const [runId, epochs] of batches) this.send(runId, epochs);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
