/**
 * Saved λ tunings: `<root>/.reglens/tunings/<experiment folder>/<id>.json`, written atomically.
 * Unreadable files are reported and skipped, like the run store's.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { TuningRecord } from '../core';
import { encodeRecord } from '../protocol/check';
import { tuningRecord } from '../protocol/records';
import { tempSuffix, writeFileAtomic } from './atomic';
import { experimentFolder, runIdPattern, saveUnderFreeId } from './runNames';
import type { StoreProblem } from './runStore';

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
      return writeFileAtomic(this.file(record.experiment, id), encodeRecord(saved), { exclusive: true });
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
        const checked = tuningRecord(JSON.parse(await readFile(path, 'utf8')), name);
        if (!checked.ok) throw new Error(checked.error);
        if (checked.value.experiment !== experiment) throw new Error('not a tuning of this experiment');
        tunings.push(checked.value);
      } catch (error) {
        problems.push({ path, message: (error as Error).message });
      }
    }
    tunings.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    return { tunings, problems };
  }
}
