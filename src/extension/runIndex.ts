/** Where the extension finds stored runs. */
import * as vscode from 'vscode';
import { resolve } from 'node:path';
import { RunStore, type RunListing } from '../io/runStore';
import { WatchedCache } from './watchedCache';

/** The store a listed run lives in: its folder is <root>/.reglens/runs/<experiment>/<id>. */
export function storeOf(run: RunListing): RunStore {
  return new RunStore(resolve(run.dir, '..', '..', '..', '..'));
}

/** The stored runs of every config folder, read once and re-read when `.reglens/runs` changes on disk. */
export class RunIndex implements vscode.Disposable {
  private readonly cache = new WatchedCache<RunListing[]>('**/.reglens/runs/**');
  readonly onDidChange = this.cache.onDidChange;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Runs under `root` (the folder of a config file), newest first. */
  runs(root: string): Promise<RunListing[]> {
    return this.cache.get(root, async () => {
      const { runs, problems } = await new RunStore(root).list();
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
