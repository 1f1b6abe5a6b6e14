/**
 * Stop for a job made of steps (load the rows, then drive the tuning): Stop cancels the step running
 * when it comes, and every step begun after it, so a Stop that lands between two steps is not lost.
 */
export class StopSwitch {
  private stopped = false;
  private cancelStep: () => void = () => {};

  get requested(): boolean {
    return this.stopped;
  }

  /** The step now running, ended by `cancel`: at once when Stop came before it began. */
  step(cancel: () => void): void {
    this.cancelStep = cancel;
    if (this.stopped) cancel();
  }

  stop(): void {
    this.stopped = true;
    this.cancelStep();
  }
}
