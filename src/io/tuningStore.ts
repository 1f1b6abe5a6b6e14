/**
 * Saved λ tunings: `<root>/.reglens/tunings/<experiment folder>/<id>.json`, written atomically.
 * Unreadable files are reported and skipped, like the run store's.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { TuningRecord } from '../core/runRecord';
import { tempSuffix, writeFileAtomic } from './atomic';
import { experimentFolder, runIdPattern, saveUnderFreeId } from './runNames';
import type { StoreProblem } from './runStore';

const tuningFormat: TuningRecord['format'] = 'reglens-tuning/1';

export class TuningStore {
  readonly tuningsDir: string;

  constructor(readonly root: string) {
    this.tuningsDir = join(root, '.reglens', 'tunings');
  }

  file(experiment: string, id: string): string {
    if (!runIdPattern.test(id)) throw new Error(`not a tuning id: '${id}'`);
    return join(this.tuningsDir, experimentFolder(experiment), `${id}.json`);
  }

  /** Saves a new tuning, never over another: when the record's id is taken, under a new id of the same moment. */
  async save(record: TuningRecord): Promise<{ path: string; record: TuningRecord }> {
    await mkdir(dirname(this.file(record.experiment, record.id)), { recursive: true });
    let saved = record;
    await saveUnderFreeId(record.id, (id) => {
      saved = { ...record, id };
      return writeFileAtomic(this.file(record.experiment, id), JSON.stringify(saved, null, 1), { exclusive: true });
    });
    return { path: this.file(record.experiment, saved.id), record: saved };
  }

  /** The experiment's tunings, newest first, and a problem for each unreadable file. */
  async list(experiment: string): Promise<{ tunings: TuningRecord[]; problems: StoreProblem[] }> {
    const dir = join(this.tuningsDir, experimentFolder(experiment));
    const names = await readdir(dir).catch(() => [] as string[]);
    const tunings: TuningRecord[] = [];
    const problems: StoreProblem[] = [];
    for (const name of names.filter((n) => n.endsWith('.json') && !n.endsWith(tempSuffix))) {
      const path = join(dir, name);
      try {
        const record = JSON.parse(await readFile(path, 'utf8')) as TuningRecord;
        if (record.format !== tuningFormat) throw new Error(`format ${JSON.stringify(record.format)}, expected '${tuningFormat}'`);
        if (record.experiment !== experiment || !record.result) throw new Error('not a tuning of this experiment');
        tunings.push(record);
      } catch (error) {
        problems.push({ path, message: (error as Error).message });
      }
    }
    tunings.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    return { tunings, problems };
  }

  async latest(experiment: string): Promise<TuningRecord | null> {
    return (await this.list(experiment)).tunings[0] ?? null;
  }
}
