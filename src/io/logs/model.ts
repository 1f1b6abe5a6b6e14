/** One model for training logs from elsewhere: runs of named scalar series, whatever wrote them. */

export type LogFormat = 'tensorboard' | 'keras-csv' | 'lightning-csv' | 'hf-trainer-state';

export interface ScalarPoint {
  /** The step the file gives (the global step; Keras's CSV has none and counts epochs from 0). */
  step: number;
  /**
   * The 1-based epoch the value belongs to, when the file says: an end-of-epoch value has the number
   * of epochs completed (Keras and Lightning count from 0 in the file); Hugging Face's is fractional.
   */
  epoch: number | null;
  value: number;
}

/** Something wrong in a file, located by byte offset (binary files) or line (text files). */
export interface LogProblem {
  file: string;
  offset: number | null;
  line: number | null;
  message: string;
}

export interface LogRun {
  name: string;
  format: LogFormat;
  /** The files the series were read from. */
  files: string[];
  /** Series by the name the file uses (a tag, a column, a log_history key), points in file order. */
  series: Record<string, ScalarPoint[]>;
  problems: LogProblem[];
}

/** A reader of one log that continues where the previous read stopped when the file grew. */
export interface IncrementalLog {
  /** Reads what was appended since the last call (or everything, if the file was replaced). */
  read(): Promise<LogRun[]>;
}

export function locatedMessage(problem: LogProblem): string {
  const where = problem.offset !== null ? `byte ${problem.offset}` : problem.line !== null ? `line ${problem.line}` : '';
  return where ? `${problem.file}, ${where}: ${problem.message}` : `${problem.file}: ${problem.message}`;
}

export function appendPoint(series: Record<string, ScalarPoint[]>, name: string, point: ScalarPoint): void {
  // Object.hasOwn: a tag named "constructor" or "__proto__" must not reach the prototype.
  if (!Object.hasOwn(series, name)) Object.defineProperty(series, name, { value: [], enumerable: true, writable: true, configurable: true });
  series[name].push(point);
}
