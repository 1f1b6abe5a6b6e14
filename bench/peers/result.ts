/** What every peer prints, as one JSON line, after training one task once. */
import { readFileSync } from 'node:fs';

export interface PeerResult {
  peer: string;
  task: string;
  /** Training samples per CPU-second of the timed training steps only (no evaluation): load on the machine does not count. */
  samplesPerSecond: number;
  /** The same per wall-clock second. */
  wallSamplesPerSecond: number;
  /**
   * Samples per CPU-second of the median epoch's steps: the speed once warm (V8 compiles RegLens's
   * loop during its first epochs; PyTorch warms its allocator). Absent for a peer that does not time
   * its epochs apart.
   */
  steadySamplesPerSecond?: number;
  /** Final accuracy on the task's validation rows; null when it has none. */
  validationAccuracy: number | null;
  /** Mean training loss on the whole training set after each epoch, measured outside the timing; [] when the peer does not report it. */
  epochLosses: number[];
  /** Peak resident memory of the peer's process. */
  maxRssMB: number;
  /** Peer-specific extras, e.g. RegLens's time with its per-epoch diagnostics. */
  extra?: Record<string, number | string>;
}

/** `rows` samples per CPU-second of the median of `epochMs`. */
export function steadyRate(rows: number, epochMs: number[]): number {
  const sorted = [...epochMs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const ms = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return (1000 * rows) / ms;
}

/**
 * This process's peak resident memory in MB. Linux's getrusage maxrss survives exec, so a peer the
 * bench spawned would report the bench's own peak when that is higher; /proc's VmHWM belongs to
 * this program alone.
 */
export function peakRssMB(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS / 1024;
}
