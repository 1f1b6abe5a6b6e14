/** What every peer prints, as one JSON line, after training one task once. */
export interface PeerResult {
  peer: string;
  task: string;
  /** Training samples per CPU-second of the timed training steps only (no evaluation): load on the machine does not count. */
  samplesPerSecond: number;
  /** The same per wall-clock second. */
  wallSamplesPerSecond: number;
  /** Final accuracy on the task's validation rows; null when it has none. */
  validationAccuracy: number | null;
  /** Mean training loss on the whole training set after each epoch, measured outside the timing; [] when the peer does not report it. */
  epochLosses: number[];
  /** Peak resident memory of the peer's process. */
  maxRssMB: number;
  /** Peer-specific extras, e.g. RegLens's time with its per-epoch diagnostics. */
  extra?: Record<string, number | string>;
}
