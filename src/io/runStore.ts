/**
 * Saved runs: `<root>/.reglens/runs/<experiment folder>/<run id>/{weights.safetensors, run.json}`.
 * A run is written in a hidden temporary folder and renamed into place whole, so a run folder always
 * holds a complete run, even to a listing made while other runs are saving (a comparison saves
 * several at once); anything else in the store is reported as a problem and skipped.
 */
import { mkdir, readdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayerWeights, MetricName, RegularizationSpec, RunRecord, RunSummary } from '../core';
import { encodeRecord } from '../protocol/check';
import { runRecord } from '../protocol/records';
import { moveFolder, tempFolder, tempSuffix, writeFileAtomic } from './atomic';
import { experimentFolder, runIdPattern, saveUnderFreeId } from './runNames';
import { decodeSafetensors, encodeSafetensors, layerTensors, layerWeightsFromTensors } from './safetensors';

export const runFile = 'run.json';
export const weightsFile = 'weights.safetensors';

/** What a list of runs shows without loading every epoch. */
export interface RunListing {
  experiment: string;
  id: string;
  createdAt: string;
  regularization: RegularizationSpec;
  objective: string;
  metric: MetricName;
  summary: RunSummary;
  /** The run's folder. */
  dir: string;
}

/** Something in the store that is not a readable run, e.g. a corrupt run.json or an interrupted write. */
export interface StoreProblem {
  path: string;
  message: string;
}

export class RunStore {
  /** The folder holding one folder per experiment. */
  readonly runsDir: string;

  /** `root` is the folder that holds `.reglens/`: the workspace folder, or the CLI's --out; a comparison keeps its runs in a `runsDir` of its own. */
  constructor(readonly root: string, runsDir?: string) {
    this.runsDir = runsDir ?? join(root, '.reglens', 'runs');
  }

  runDir(experiment: string, id: string): string {
    if (!runIdPattern.test(id)) throw new Error(`not a run id: '${id}'`);
    return join(this.runsDir, experimentFolder(experiment), id);
  }

  /**
   * Saves a new run, never over another: when the record's id is taken, under a new id of the same
   * moment. `metadata` joins the safetensors header's `__metadata__` (string values only, as the format
   * requires). Weights are null for a run whose worker was lost (stopped by force, crashed): its epochs
   * are kept without them. Returns the run's folder and the record as saved.
   */
  async save(record: RunRecord, weights: LayerWeights[] | null, metadata: Record<string, string> = {}): Promise<{ dir: string; record: RunRecord }> {
    const temp = tempFolder(join(this.runDir(record.experiment, record.id), '..'), record.id);
    await mkdir(temp, { recursive: true });
    try {
      let saved = record;
      const id = await saveUnderFreeId(record.id, async (id) => {
        saved = { ...record, id };
        const header = { ...metadata, format: 'pt', reglens: record.format, experiment: record.experiment, run: id };
        if (weights) await writeFileAtomic(join(temp, weightsFile), encodeSafetensors({ tensors: layerTensors(weights), metadata: header }));
        await writeFileAtomic(join(temp, runFile), encodeRecord(saved));
        await moveFolder(temp, this.runDir(record.experiment, id));
      });
      return { dir: this.runDir(record.experiment, id), record: saved };
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
  }

  /** Every readable run, newest first, and a problem for everything else found in the store. */
  async list(experiment?: string): Promise<{ runs: RunListing[]; problems: StoreProblem[] }> {
    const runs: RunListing[] = [];
    const problems: StoreProblem[] = [];
    const folders = experiment === undefined ? await subfolders(this.runsDir, problems) : [experimentFolder(experiment)];
    for (const folder of folders) {
      for (const id of await subfolders(join(this.runsDir, folder), problems)) {
        const dir = join(this.runsDir, folder, id);
        if (!runIdPattern.test(id)) {
          problems.push({ path: dir, message: 'not a run folder (its name is not a run id)' });
          continue;
        }
        const read = await readRecord(dir);
        if (typeof read === 'string') problems.push({ path: dir, message: read });
        else if (read.id !== id) problems.push({ path: dir, message: `run.json has id '${read.id}', not its folder's name` });
        else if (experimentFolder(read.experiment) !== folder) problems.push({ path: dir, message: misplaced(read.experiment, folder) });
        else if (experiment === undefined || read.experiment === experiment) runs.push(listing(read, dir));
      }
    }
    runs.sort((a, b) => (a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt)));
    return { runs, problems };
  }

  /** The run's record; throws an Error naming the file when it is missing or unreadable. */
  async load(experiment: string, id: string): Promise<RunRecord> {
    const dir = this.runDir(experiment, id);
    const read = await readRecord(dir);
    if (typeof read === 'string') throw new Error(`${join(dir, runFile)}: ${read}`);
    return read;
  }

  async loadWeights(experiment: string, id: string): Promise<LayerWeights[]> {
    const path = join(this.runDir(experiment, id), weightsFile);
    try {
      return layerWeightsFromTensors(decodeSafetensors(new Uint8Array(await readFile(path))).tensors);
    } catch (error) {
      throw new Error(`${path}: ${(error as Error).message}`);
    }
  }

  /** Removes the run's folder, and the experiment's folder once it is empty; rejects when there is no such run. */
  async delete(experiment: string, id: string): Promise<void> {
    const dir = this.runDir(experiment, id);
    const found = await stat(join(dir, runFile)).catch(() => null);
    if (!found) throw new Error(`no run ${id} of ${experiment} to delete in ${dir}`);
    // Hidden first, then removed: a listing meanwhile sees the run or nothing.
    const hidden = tempFolder(join(dir, '..'), id);
    await moveFolder(dir, hidden);
    await rm(hidden, { recursive: true, force: true });
    await rmdir(join(dir, '..')).catch(() => undefined); // not empty: other runs remain
  }
}

async function subfolders(dir: string, problems: StoreProblem[]): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') problems.push({ path: dir, message: (error as Error).message });
    return [];
  }
  const folders: string[] = [];
  for (const name of names.sort()) {
    if (name.endsWith(tempSuffix)) continue;
    const isFolder = await stat(join(dir, name)).then((s) => s.isDirectory(), () => false);
    if (isFolder) folders.push(name);
    else problems.push({ path: join(dir, name), message: 'not a folder of the run store (foreign file)' });
  }
  return folders;
}

/** The record in a run folder, or why there is none. */
async function readRecord(dir: string): Promise<RunRecord | string> {
  let text: string;
  try {
    text = await readFile(join(dir, runFile), 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? `no ${runFile}: not a run (runs are saved whole, so not a save in progress either)`
      : (error as Error).message;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `${runFile} is not valid JSON (${(error as Error).message})`;
  }
  const checked = runRecord(value, runFile);
  return checked.ok ? checked.value : checked.error;
}

function misplaced(experiment: string, folder: string): string {
  return `run.json names experiment '${experiment}', whose runs are in folder '${experimentFolder(experiment)}', not '${folder}'`;
}

function listing(record: RunRecord, dir: string): RunListing {
  const { experiment, id, createdAt, objective, metric, summary } = record;
  return { experiment, id, createdAt, regularization: record.spec.regularization, objective, metric, summary, dir };
}
