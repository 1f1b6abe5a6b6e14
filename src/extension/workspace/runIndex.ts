/** The stored runs of each config file's folder, read once and re-read when `.reglens/runs` changes on disk. */
import * as vscode from 'vscode';
import type { RunListing } from '../../io/runStore';
import type { ConfigFile } from './configFile';
import { WatchedCache } from './watchedCache';

export class RunIndex implements vscode.Disposable {
  private readonly cache = new WatchedCache<RunListing[]>('**/.reglens/runs/**');
  readonly onDidChange = this.cache.onDidChange;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** The runs in `file`'s store, newest first; a run.json that does not fit the contract is skipped with a warning naming it. */
  runs(file: ConfigFile): Promise<RunListing[]> {
    return this.cache.get(file.folder, async () => {
      const { runs, problems } = await file.runs.list();
      for (const problem of problems) this.log.warn(`run store: ${problem.path}: ${problem.message}`);
      return runs;
    });
  }

  invalidate(): void {
    this.cache.invalidate();
  }

  dispose(): void {
    this.cache.dispose();
  }
}
