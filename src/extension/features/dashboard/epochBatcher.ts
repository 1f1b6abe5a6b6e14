/**
 * Collects live epoch reports and sends them per run at most once per interval: a small network
 * trains hundreds of epochs a second, and one postMessage per epoch would flood the webview.
 */
import type { EpochReport } from '../../../protocol/records';
import { RateLimiter, systemClock, type Clock } from '../../../protocol/rateLimit';

export class EpochBatcher {
  private readonly pending = new Map<string, EpochReport[]>();
  private readonly limiter: RateLimiter;

  constructor(private readonly send: (runId: string, epochs: EpochReport[]) => void, intervalMs = 100, clock: Clock = systemClock) {
    this.limiter = new RateLimiter(() => this.sendPending(), intervalMs, clock);
  }

  push(runId: string, report: EpochReport): void {
    const list = this.pending.get(runId);
    if (list) list.push(report);
    else this.pending.set(runId, [report]);
    this.limiter.request();
  }

  /** Sends everything now (before a runFinished, so epochs arrive first). */
  flush(): void {
    this.limiter.flush();
  }

  dispose(): void {
    this.limiter.cancel();
    this.pending.clear();
  }

  private sendPending(): void {
    const batches = [...this.pending];
    this.pending.clear();
    for (const [runId, epochs] of batches) this.send(runId, epochs);
  }
}
