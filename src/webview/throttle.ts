/** Runs `flush` at most once per interval however often `request` is called (live epochs). */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
}

export class Throttle {
  private pending = false;
  private last = -Infinity;

  constructor(
    private readonly flush: () => void,
    private readonly intervalMs = 100,
    private readonly clock: Clock = { now: () => Date.now(), setTimeout: (callback, ms) => setTimeout(callback, ms) },
  ) {}

  request(): void {
    if (this.pending) return;
    this.pending = true;
    const wait = Math.max(0, this.last + this.intervalMs - this.clock.now());
    this.clock.setTimeout(() => {
      this.pending = false;
      this.last = this.clock.now();
      this.flush();
    }, wait);
  }
}
