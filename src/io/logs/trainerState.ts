/**
 * Hugging Face `Trainer`'s `trainer_state.json` (written into each `checkpoint-N/` folder):
 * `log_history` holds training entries (`loss`, `learning_rate`, `grad_norm`…), evaluation entries
 * (`eval_loss`, `eval_<metric>`…) and, last, the end-of-training summary (`train_loss` averaged over
 * the whole run, `train_runtime`…), which is not a point of any curve and is skipped. Each entry has
 * `step` (the global step) and `epoch` (fractional epochs elapsed). The file is rewritten whole at
 * every save, so it is read whole; one cut short by a writer keeps the last complete reading.
 */
import { readFile, stat } from 'node:fs/promises';
import { appendPoint, type IncrementalLog, type LogProblem, type LogRun, type ScalarSeries } from './model';

const maxBytes = 256 << 20;
/** Keys of an entry that are positions or bookkeeping, not curves. */
const positionKeys = new Set(['step', 'epoch']);

export class TrainerStateLog implements IncrementalLog {
  private last: { size: number; mtimeMs: number } | null = null;
  private series: Record<string, ScalarSeries> = {};
  private problems: LogProblem[] = [];

  constructor(readonly path: string, private readonly name: string) {}

  async read(): Promise<LogRun[]> {
    try {
      const info = await stat(this.path);
      if (!this.last || info.size !== this.last.size || info.mtimeMs !== this.last.mtimeMs) {
        this.load(info.size > maxBytes ? null : await readFile(this.path, 'utf8'), info.size);
        this.last = { size: info.size, mtimeMs: info.mtimeMs };
      }
    } catch (error) {
      this.problems = [this.problem(`cannot be read: ${(error as Error).message}`)];
    }
    return [{ name: this.name, format: 'hf-trainer-state', files: [this.path], series: this.series, problems: this.problems }];
  }

  private load(text: string | null, size: number): void {
    if (text === null) {
      this.problems = [this.problem(`${size} bytes is more than a trainer_state.json holds (limit ${maxBytes})`)];
      return;
    }
    let state: unknown;
    try {
      state = JSON.parse(pythonJson(text));
    } catch (error) {
      // Keep what the previous reading found: the file is rewritten whole and may be half written.
      this.problems = [this.problem(`is not complete JSON (still being written?): ${(error as Error).message}`)];
      return;
    }
    const history = isObject(state) ? state.log_history : undefined;
    if (!Array.isArray(history)) {
      this.problems = [this.problem('has no "log_history" list: not a Hugging Face trainer_state.json')];
      return;
    }
    this.series = {};
    this.problems = [];
    history.forEach((entry, i) => this.take(entry, i));
  }

  private take(entry: unknown, index: number): void {
    if (!isObject(entry) || 'train_runtime' in entry) return;
    const { step, epoch } = entry;
    if (typeof step !== 'number') {
      this.problems.push(this.problem(`log_history[${index}] has no numeric "step"`));
      return;
    }
    for (const [key, value] of Object.entries(entry)) {
      const number = typeof value === 'string' ? pythonSpecial.get(value) : value;
      if (positionKeys.has(key) || typeof number !== 'number') continue;
      appendPoint(this.series, key, step, typeof epoch === 'number' ? epoch : null, number);
    }
  }

  private problem(message: string): LogProblem {
    return { file: this.path, offset: null, line: null, message };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const pythonSpecial = new Map([['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]]);

/**
 * Python's json.dumps writes NaN, Infinity and -Infinity bare (a diverged loss is logged as NaN);
 * JSON has no such tokens, so outside strings they become the strings "NaN", "Infinity", "-Infinity".
 */
export function pythonJson(text: string): string {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === 'N' && text.startsWith('NaN', i)) {
      out += `${text.slice(from, i)}"NaN"`;
      from = i + 3;
      i += 2;
    } else if (c === 'I' || (c === '-' && text[i + 1] === 'I')) {
      const token = c === '-' ? '-Infinity' : 'Infinity';
      if (text.startsWith(token, i)) {
        out += `${text.slice(from, i)}"${token}"`;
        from = i + token.length;
        i += token.length - 1;
      }
    }
  }
  return out + text.slice(from);
}
