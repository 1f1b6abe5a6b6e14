/**
 * TensorBoard event files (`events.out.tfevents.*`) into scalar series. A folder is read as
 * TensorBoard reads it: every folder below it that holds event files is a run, named by its path;
 * Keras's TensorBoard callback writes `train/` and `validation/` beside each other, which become one
 * run with `train/…` and `validation/…` series.
 */
import { readdir } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { dataClassScalar, decodeEvent, type SummaryValue } from './eventProto';
import { appendPoint, type IncrementalLog, type LogProblem, type LogRun, type ScalarSeries } from './model';
import { tensorScalar } from './tensorScalar';
import { TfRecordReader } from './tfrecord';

export const eventFilePattern = /^events\.out\.tfevents\./;
const maxDepth = 8;
const maxFolders = 10_000;
/** Records that decode badly are reported up to this many per file; the rest are only counted. */
const maxRecordProblems = 20;

/** One event file: its framing reader and what it has learned about its tags. */
class EventFile {
  readonly reader: TfRecordReader;
  /** Tags whose first value carried metadata saying it is a scalar (later values carry none). */
  private readonly scalarTags = new Set<string>();
  private readonly decodeProblems: LogProblem[] = [];
  private badRecords = 0;
  private framing: LogProblem | null = null;

  constructor(readonly path: string) {
    this.reader = new TfRecordReader(path);
  }

  async read(series: Record<string, ScalarSeries>, prefix: string): Promise<void> {
    try {
      const problem = await this.reader.readAvailable((data, offset) => {
        if (data) this.decode(data, offset, series, prefix);
      });
      this.framing = problem && { file: this.path, offset: problem.offset, line: null, message: problem.message };
    } catch (error) {
      this.framing = { file: this.path, offset: this.reader.offset, line: null, message: `cannot be read: ${(error as Error).message}` };
    }
  }

  get problems(): LogProblem[] {
    const skipped = this.badRecords - this.decodeProblems.length;
    const more = skipped > 0 ? [{ file: this.path, offset: null, line: null, message: `${skipped} more records could not be decoded` }] : [];
    return [...this.decodeProblems, ...more, ...(this.framing ? [this.framing] : [])];
  }

  private decode(data: Uint8Array, offset: number, series: Record<string, ScalarSeries>, prefix: string): void {
    let event;
    try {
      event = decodeEvent(data);
    } catch (error) {
      this.badRecord(offset, `the record is not an Event protocol buffer (${(error as Error).message})`);
      return;
    }
    const step = event.step;
    for (const value of event.values) {
      const scalar = this.scalar(value);
      if (typeof scalar === 'string') this.badRecord(offset, `tag "${value.tag}": ${scalar}`);
      else if (scalar !== null) appendPoint(series, prefix + value.tag, step, null, scalar);
    }
  }

  /** The value of a scalar summary, null for other summaries, or why a scalar could not be read. */
  private scalar(value: SummaryValue): number | string | null {
    if (value.simple_value !== undefined) return value.simple_value;
    if (!value.tensor) return null;
    const tag = value.tag;
    const metadata = value.metadata;
    if (metadata?.plugin_data?.plugin_name === 'scalars' || metadata?.data_class === dataClassScalar) this.scalarTags.add(tag);
    return this.scalarTags.has(tag) ? tensorScalar(value.tensor) : null;
  }

  private badRecord(offset: number, message: string): void {
    this.badRecords++;
    if (this.decodeProblems.length < maxRecordProblems) this.decodeProblems.push({ file: this.path, offset, line: null, message });
  }
}

interface RunFolder {
  name: string;
  /** Folders whose event files make up the run, with the prefix of their series' names. */
  parts: { folder: string; prefix: string }[];
}

/** A folder of TensorBoard runs (or one run's folder, or one event file), read on from where it stopped. */
export class TensorBoardLog implements IncrementalLog {
  private readonly files = new Map<string, EventFile>();
  private readonly series = new Map<string, Record<string, ScalarSeries>>();

  constructor(private readonly path: string, private readonly isFile: boolean) {}

  async read(): Promise<LogRun[]> {
    const runs = this.isFile
      ? [{ name: basename(dirname(this.path)), parts: [{ folder: dirname(this.path), prefix: '' }] }]
      : await runFolders(this.path);
    const result: LogRun[] = [];
    for (const run of runs) {
      const series = this.series.get(run.name) ?? {};
      this.series.set(run.name, series);
      const files: EventFile[] = [];
      for (const part of run.parts) {
        const names = this.isFile ? [basename(this.path)] : await eventFiles(part.folder);
        for (const name of names) {
          const path = join(part.folder, name);
          const file = this.files.get(path) ?? new EventFile(path);
          this.files.set(path, file);
          await file.read(series, part.prefix);
          files.push(file);
        }
      }
      result.push({ name: run.name, format: 'tensorboard', files: files.map((f) => f.path), series, problems: files.flatMap((f) => f.problems) });
    }
    return result;
  }
}

/** A folder's entries; none for a folder that cannot be read (gone, or not ours to read), which is skipped. */
export async function entriesOf(folder: string): Promise<Dirent[]> {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Event files of a folder in name order (their names start with the time they were opened). */
async function eventFiles(folder: string): Promise<string[]> {
  const entries = await entriesOf(folder);
  return entries.filter((e) => e.isFile() && eventFilePattern.test(e.name)).map((e) => e.name).sort();
}

/** Every folder under root holding event files, without following links, Keras's train/validation pairs joined. */
export async function runFolders(root: string): Promise<RunFolder[]> {
  const found: string[] = [];
  const queue: { folder: string; depth: number }[] = [{ folder: root, depth: 0 }];
  for (let visited = 0; queue.length > 0 && visited < maxFolders; visited++) {
    const { folder, depth } = queue.shift()!;
    const entries = await entriesOf(folder);
    if (entries.some((e) => e.isFile() && eventFilePattern.test(e.name))) found.push(folder);
    if (depth < maxDepth) {
      for (const e of entries) if (e.isDirectory()) queue.push({ folder: join(folder, e.name), depth: depth + 1 });
    }
  }
  return groupKerasSplits(root, found.sort());
}

const kerasSplits = new Set(['train', 'validation']);

function groupKerasSplits(root: string, folders: string[]): RunFolder[] {
  const runs = new Map<string, RunFolder>();
  const nameOf = (folder: string) => relative(root, folder).split(sep).join('/') || basename(root);
  for (const folder of folders) {
    const split = basename(folder);
    if (kerasSplits.has(split) && folder !== root) {
      const name = nameOf(dirname(folder));
      const run = runs.get(name) ?? { name, parts: [] };
      run.parts.push({ folder, prefix: `${split}/` });
      runs.set(name, run);
    } else {
      const run = runs.get(nameOf(folder)) ?? { name: nameOf(folder), parts: [] };
      run.parts.push({ folder, prefix: '' });
      runs.set(run.name, run);
    }
  }
  return [...runs.values()];
}
