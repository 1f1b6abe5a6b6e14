/** Training progress on stderr: one bar redrawn in place on a terminal, a plain line every ~10% otherwise. */
import type { EpochReport } from '../core';
import { formatNumber, formatSeconds } from './format';

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export class Progress {
  private readonly started = Date.now();
  private lastTenth = 0;

  constructor(
    private readonly out: ProgressOutput,
    private readonly name: string,
    private readonly totalEpochs: number,
  ) {}

  update(report: EpochReport): void {
    const done = report.epoch / this.totalEpochs;
    const elapsed = (Date.now() - this.started) / 1000;
    const eta = formatSeconds((elapsed / report.epoch) * (this.totalEpochs - report.epoch));
    const numbers = `${report.epoch}/${this.totalEpochs}  train ${formatNumber(report.trainLoss)}  val ${formatNumber(report.valLoss)}  ETA ${eta}`;
    if (this.out.isTTY) {
      // A fixed bar width, and a line that never wraps: \r only returns to the start of the last line.
      const columns = this.out.columns || 80;
      const width = Math.max(0, Math.min(30, columns - this.name.length - 64));
      const bar = width > 0 ? ` ${'█'.repeat(Math.round(done * width)).padEnd(width, '░')}` : '';
      this.out.write(`\r\x1b[2K${`${this.name}${bar}  ${numbers}`.slice(0, columns - 1)}`);
      return;
    }
    const tenth = Math.floor(done * 10);
    if (tenth > this.lastTenth || report.epoch === 1) {
      this.lastTenth = tenth;
      this.out.write(`${this.name}: epoch ${numbers}\n`);
    }
  }

  /** Ends the bar's line with how training stopped. */
  finish(message: string): void {
    const elapsed = formatSeconds((Date.now() - this.started) / 1000);
    this.out.write(`${this.out.isTTY ? '\n' : ''}${this.name}: ${message} (${elapsed})\n`);
  }
}
