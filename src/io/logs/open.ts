/** Opens any training log RegLens reads, a file or a folder of them, as one incremental reader. */
import { stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { CsvLog } from './csvLog';
import type { IncrementalLog, LogRun } from './model';
import { entriesOf, eventFilePattern, TensorBoardLog } from './tensorboard';
import { TrainerStateLog } from './trainerState';

const maxDepth = 8;
const maxFolders = 10_000;
const checkpointFolder = /^checkpoint-(\d+)$/;

/** A reader for the log at path: a TensorBoard event file, a Keras or Lightning CSV, a trainer_state.json, or a folder holding any of them. */
export async function openLog(path: string): Promise<IncrementalLog> {
  const info = await stat(path);
  return serialized(info.isDirectory() ? new FolderLog(path) : openFile(path, runName(path)));
}

/** One read at a time: two reads from the same offset at once would deliver the same records twice (file watchers fire in bursts). */
function serialized(log: IncrementalLog): IncrementalLog {
  let last: Promise<unknown> = Promise.resolve();
  return {
    read: () => {
      const next = last.then(() => log.read(), () => log.read());
      last = next;
      return next;
    },
  };
}

function openFile(path: string, name: string): IncrementalLog {
  const file = basename(path);
  if (eventFilePattern.test(file)) return new TensorBoardLog(path, true);
  if (file.endsWith('.json')) return new TrainerStateLog(path, name);
  return new CsvLog(path, name);
}

/** A run's name from its file: the folder for metrics.csv and trainer_state.json (above checkpoint-N), else the file's name. */
function runName(path: string): string {
  const file = basename(path);
  if (file !== 'metrics.csv' && file !== 'trainer_state.json') return file.replace(/\.[^.]*$/, '');
  const folder = dirname(path);
  return basename(checkpointFolder.test(basename(folder)) ? dirname(folder) : folder);
}

/**
 * Every log under a folder: TensorBoard runs, Lightning `metrics.csv` files and, per Hugging Face
 * output folder, the trainer_state.json of its latest checkpoint (each holds the whole history so far).
 */
class FolderLog implements IncrementalLog {
  private readonly tensorboard: TensorBoardLog;
  private readonly readers = new Map<string, IncrementalLog>();

  constructor(private readonly root: string) {
    this.tensorboard = new TensorBoardLog(root, false);
  }

  async read(): Promise<LogRun[]> {
    const runs = await this.tensorboard.read();
    for (const [path, name] of await this.textLogs()) {
      const reader = this.readers.get(path) ?? openFile(path, name);
      this.readers.set(path, reader);
      runs.push(...(await reader.read()));
    }
    return runs;
  }

  /** metrics.csv and latest trainer_state.json files under the root, with their run names (paths from the root). */
  private async textLogs(): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const latest = new Map<string, { step: number; path: string }>();
    const nameOf = (folder: string) => relative(this.root, folder).split(sep).join('/') || basename(this.root);
    const queue = [{ folder: this.root, depth: 0 }];
    for (let visited = 0; queue.length > 0 && visited < maxFolders; visited++) {
      const { folder, depth } = queue.shift()!;
      for (const entry of await entriesOf(folder)) {
        const path = join(folder, entry.name);
        if (entry.isDirectory() && depth < maxDepth) queue.push({ folder: path, depth: depth + 1 });
        if (!entry.isFile()) continue;
        if (entry.name === 'metrics.csv') found.set(path, nameOf(folder));
        if (entry.name === 'trainer_state.json') {
          const checkpoint = checkpointFolder.exec(basename(folder));
          const output = checkpoint ? dirname(folder) : folder;
          const step = checkpoint ? Number(checkpoint[1]) : Infinity;
          const known = latest.get(output);
          if (!known || step > known.step) latest.set(output, { step, path });
        }
      }
    }
    for (const [output, { path }] of latest) found.set(path, nameOf(output));
    return found;
  }
}
