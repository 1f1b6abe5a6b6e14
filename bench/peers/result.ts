/** What every peer prints, as one JSON line, after training one task once. */
export interface PeerResult {
  peer: string;
  task: string;
  /** Training samples per second over the timed training steps only (no evaluation). */
  samplesPerSecond: number;
  /** Final accuracy on the task's validation rows; null when it has none. */
  validationAccuracy: number | null;
  /** Peak resident memory of the peer's process. */
  maxRssMB: number;
  /** Peer-specific extras, e.g. RegLens's time with its per-epoch diagnostics. */
  extra?: Record<string, number | string>;
}
