/** The saved comparisons of each config file's folder, read once and re-read when `.reglens/comparisons` changes on disk. */
import * as vscode from 'vscode';
import { ComparisonStore } from '../../../io/comparisonStore';
import type { ComparisonRecord } from '../../../protocol/comparison';
import type { ConfigFile } from '../../workspace/configFile';
import { WatchedCache } from '../../workspace/watchedCache';

export class ComparisonIndex implements vscode.Disposable {
  private readonly cache = new WatchedCache<ComparisonRecord[]>('**/.reglens/comparisons/**');
  readonly onDidChange = this.cache.onDidChange;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** The comparisons in `file`'s folder, newest first; an unreadable one is skipped with a warning naming it. */
  comparisons(file: ConfigFile): Promise<ComparisonRecord[]> {
    return this.cache.get(file.folder, async () => {
      const { comparisons, problems } = await storeOf(file).list();
      for (const problem of problems) this.log.warn(`comparison store: ${problem.path}: ${problem.message}`);
      return comparisons;
    });
  }

  invalidate(): void {
    this.cache.invalidate();
  }

  dispose(): void {
    this.cache.dispose();
  }
}

export function storeOf(file: ConfigFile): ComparisonStore {
  return new ComparisonStore(file.folder);
}
