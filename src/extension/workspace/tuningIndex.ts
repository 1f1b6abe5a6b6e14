/** The saved tunings of each config folder, re-read when `.reglens/tunings` changes on disk (from a tuning here or the CLI). */
import * as vscode from 'vscode';
import type { RegularizationSpec, TuningRecord } from '../../protocol/records';
import { tunesSamePenalty } from '../features/config/lambdaLens';
import type { ConfigFile } from './configFile';
import { WatchedCache } from './watchedCache';

export class TuningIndex implements vscode.Disposable {
  private readonly cache = new WatchedCache<TuningRecord[]>('**/.reglens/tunings/**');
  readonly onDidChange = this.cache.onDidChange;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** The tunings of `experiment` in `file`'s store, newest first; an unreadable one is skipped with a warning naming it. */
  list(file: ConfigFile, experiment: string): Promise<TuningRecord[]> {
    return this.cache.get(`${file.folder}\n${experiment}`, async () => {
      const { tunings, problems } = await file.tunings.list(experiment);
      for (const problem of problems) this.log.warn(`tuning store: ${problem.path}: ${problem.message}`);
      return tunings;
    });
  }

  /** The newest tuning of `experiment` of `file` for this penalty, or null. */
  async latest(file: ConfigFile, experiment: string, regularization: RegularizationSpec): Promise<TuningRecord | null> {
    const tunings = await this.list(file, experiment);
    return tunings.find((tuning) => tunesSamePenalty(tuning.spec.regularization, regularization)) ?? null;
  }

  invalidate(): void {
    this.cache.invalidate();
  }

  dispose(): void {
    this.cache.dispose();
  }
}
