/** `reglens report RUN|TUNING [--out FILE.html]`: one self-contained HTML page to attach to a pull request. */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { TuningRecord } from '../core';
import { RunStore } from '../io/runStore';
import { TuningStore } from '../io/tuningStore';
import { UsageError } from './args';
import { parseOptions } from './argsErrors';
import { runReport, tuningReport } from '../protocol/reportHtml';
import { findRun } from './runs';

export interface ReportCommand {
  name: 'report';
  /** A run or tuning id, or EXPERIMENT/ID. */
  target: string;
  dir: string;
  out: string | null;
}

export const reportUsage = `  reglens report RUN|TUNING [--dir DIR] [--out FILE.html]
      Write one self-contained HTML page (charts and tables, no script, no network) for a saved run
      or tuning under DIR/.reglens (default .); FILE defaults to ./<id>.html.`;

export function parseReport(args: string[]): ReportCommand {
  const { values, positionals } = parseOptions('report', args, { dir: { type: 'string', short: 'd' }, out: { type: 'string', short: 'o' } });
  if (positionals.length !== 1) throw new UsageError(`report takes one run or tuning id\n\n${reportUsage}`);
  return { name: 'report', target: positionals[0], dir: typeof values.dir === 'string' ? values.dir : '.', out: typeof values.out === 'string' ? values.out : null };
}

export async function reportCommand(command: ReportCommand): Promise<number> {
  const root = resolve(command.dir);
  const tuning = await findTuning(new TuningStore(root), command.target);
  let html: string;
  let id: string;
  if (tuning) {
    [html, id] = [tuningReport(tuning), tuning.id];
  } else {
    const store = new RunStore(root);
    const [experiment, runId] = findRun((await store.list()).runs, command.target);
    [html, id] = [runReport(await store.load(experiment, runId)), runId];
  }
  const out = resolve(command.out ?? `${id}.html`);
  await writeFile(out, html, 'utf8');
  process.stdout.write(`Wrote ${relative(process.cwd(), out)}\n`);
  return 0;
}

/** The tuning a name means (its id, or EXPERIMENT/ID), or null when there is none by that name. */
async function findTuning(store: TuningStore, name: string): Promise<TuningRecord | null> {
  const slash = name.lastIndexOf('/');
  if (slash >= 0) return (await store.list(name.slice(0, slash))).tunings.find((t) => t.id === name.slice(slash + 1)) ?? null;
  for (const folder of await readdir(store.tuningsDir).catch(() => [] as string[])) {
    const text = await readFile(join(store.tuningsDir, folder, `${name}.json`), 'utf8').catch(() => null);
    if (text === null) continue;
    const record = JSON.parse(text) as TuningRecord;
    return (await store.list(record.experiment)).tunings.find((t) => t.id === name) ?? null;
  }
  return null;
}
