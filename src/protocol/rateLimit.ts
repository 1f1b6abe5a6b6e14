/**
 * The one rate limiter of both ends of the webview contract (live epochs to a view, a view's redraws,
 * the status bar, progress): `flush` runs at most once per interval however often `request` is called,
 * and a request always ends in a flush. The clock is injected, so tests advance time themselves.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class RateLimiter {
  private timer: unknown = null;
  private last = -Infinity;

  constructor(
    private readonly action: () => void,
    private readonly intervalMs = 100,
    private readonly clock: Clock = systemClock,
  ) {}

  request(): void {
    if (this.timer !== null) return;
    const wait = Math.max(0, this.last + this.intervalMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => this.flush(), wait);
  }

  /** Runs a pending request now. */
  flush(): void {
    if (this.timer === null) return;
    this.cancel();
    this.last = this.clock.now();
    this.action();
  }

  /** Drops a pending request. */
  cancel(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
