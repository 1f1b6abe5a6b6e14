/**
 * Saved comparisons of regularizers, apart from the experiment's own runs:
 * `<root>/.reglens/comparisons/<experiment folder>/<id>/{comparison.json, runs/}`, the runs in a run
 * store of the comparison's own. A comparison is built in a hidden folder (its runs saved there as
 * they finish) and renamed into place once comparison.json is written: a comparison folder is always
 * complete, and a stopped one leaves nothing.
 */
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ComparisonRecord, RunRecord } from '../core';
import { encodeRecord } from '../protocol/check';
import { comparisonRecord } from '../protocol/comparison';
import { moveFolder, tempFolder, tempSuffix, writeFileAtomic } from './atomic';
import { experimentFolder, runIdPattern, saveUnderFreeId } from './runNames';
import { RunStore, type StoreProblem } from './runStore';

export const comparisonFile = 'comparison.json';

/** A comparison being built: its runs go to `runs` until it is finished or discarded. */
export interface ComparisonDraft {
  experiment: string;
  dir: string;
  runs: RunStore;
}

export class ComparisonStore {
  readonly comparisonsDir: string;

  constructor(readonly root: string) {
    this.comparisonsDir = join(root, '.reglens', 'comparisons');
  }

  dir(experiment: string, id: string): string {
    if (!runIdPattern.test(id)) throw new Error(`not a comparison id: '${id}'`);
    return join(this.comparisonsDir, experimentFolder(experiment), id);
  }

  /** Starts a comparison of `experiment`: a hidden folder whose run store takes its runs. */
  async begin(experiment: string, id: string): Promise<ComparisonDraft> {
    const dir = tempFolder(join(this.dir(experiment, id), '..'), id);
    await mkdir(dir, { recursive: true });
    return { experiment, dir, runs: runStoreIn(dir) };
  }

  /** Writes the record and puts the comparison in place, under a new id of the same moment when its id is taken. */
  async finish(draft: ComparisonDraft, record: ComparisonRecord): Promise<{ dir: string; record: ComparisonRecord }> {
    if (record.experiment !== draft.experiment) throw new Error(`the comparison of ${record.experiment} does not belong in a draft of ${draft.experiment}`);
    let saved = record;
    const id = await saveUnderFreeId(record.id, async (id) => {
      saved = { ...record, id };
      await writeFileAtomic(join(draft.dir, comparisonFile), encodeRecord(saved));
      await moveFolder(draft.dir, this.dir(record.experiment, id));
    });
    return { dir: this.dir(record.experiment, id), record: saved };
  }

  /** Removes a draft and the runs saved in it (a stopped or failed comparison). */
  async discard(draft: ComparisonDraft): Promise<void> {
    await rm(draft.dir, { recursive: true, force: true });
  }

  /** Every readable comparison (of one experiment, or all), newest first, and a problem for everything else. */
  async list(experiment?: string): Promise<{ comparisons: ComparisonRecord[]; problems: StoreProblem[] }> {
    const comparisons: ComparisonRecord[] = [];
    const problems: StoreProblem[] = [];
    const folders = experiment === undefined ? await visibleFolders(this.comparisonsDir, problems) : [experimentFolder(experiment)];
    for (const folder of folders) {
      for (const id of await visibleFolders(join(this.comparisonsDir, folder), problems)) {
        const dir = join(this.comparisonsDir, folder, id);
        const read = runIdPattern.test(id) ? await readComparison(dir) : 'not a comparison folder (its name is not an id)';
        if (typeof read === 'string') problems.push({ path: dir, message: read });
        else if (read.id !== id) problems.push({ path: dir, message: `${comparisonFile} has id '${read.id}', not its folder's name` });
        else if (experimentFolder(read.experiment) !== folder) problems.push({ path: dir, message: `${comparisonFile} names experiment '${read.experiment}', not the one of folder '${folder}'` });
        else if (experiment === undefined || read.experiment === experiment) comparisons.push(read);
      }
    }
    comparisons.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    return { comparisons, problems };
  }

  async load(experiment: string, id: string): Promise<ComparisonRecord> {
    const dir = this.dir(experiment, id);
    const read = await readComparison(dir);
    if (typeof read === 'string') throw new Error(`${join(dir, comparisonFile)}: ${read}`);
    return read;
  }

  /** The comparison's runs, in the order of its entries; throws naming a run that is missing or unreadable. */
  async runs(record: ComparisonRecord): Promise<RunRecord[]> {
    const runs = runStoreIn(this.dir(record.experiment, record.id));
    return Promise.all(record.entries.map((entry) => runs.load(record.experiment, entry.runId)));
  }

  /** Removes the comparison and its runs; rejects when there is no such comparison. */
  async delete(experiment: string, id: string): Promise<void> {
    const dir = this.dir(experiment, id);
    if (!(await stat(join(dir, comparisonFile)).catch(() => null))) throw new Error(`no comparison ${id} of ${experiment} to delete in ${dir}`);
    const hidden = tempFolder(join(dir, '..'), id);
    await moveFolder(dir, hidden);
    await rm(hidden, { recursive: true, force: true });
  }
}

function runStoreIn(dir: string): RunStore {
  return new RunStore(dir, join(dir, 'runs'));
}

async function visibleFolders(dir: string, problems: StoreProblem[]): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') problems.push({ path: dir, message: error.message });
    return [] as string[];
  });
  const folders: string[] = [];
  for (const name of names.sort()) {
    if (name.endsWith(tempSuffix)) continue;
    if (await stat(join(dir, name)).then((s) => s.isDirectory(), () => false)) folders.push(name);
    else problems.push({ path: join(dir, name), message: 'not a folder of the comparison store (foreign file)' });
  }
  return folders;
}

async function readComparison(dir: string): Promise<ComparisonRecord | string> {
  let text: string;
  try {
    text = await readFile(join(dir, comparisonFile), 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? `no ${comparisonFile}: not a comparison` : (error as Error).message;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `${comparisonFile} is not valid JSON (${(error as Error).message})`;
  }
  const checked = comparisonRecord(value, comparisonFile);
  return checked.ok ? checked.value : checked.error;
}
