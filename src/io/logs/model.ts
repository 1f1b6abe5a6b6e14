/** One model for training logs from elsewhere: runs of named scalar series, whatever wrote them. */

export type LogFormat = 'tensorboard' | 'keras-csv' | 'lightning-csv' | 'hf-trainer-state';

/** A named series, one entry per logged value in file order, in columns (a long log has millions of values). */
export interface ScalarSeries {
  /** The step the file gives (the global step; Keras's CSV has none and counts epochs from 0). */
  steps: number[];
  /**
   * The 1-based epoch each value belongs to, when the file says: an end-of-epoch value has the number
   * of epochs completed (Keras and Lightning count from 0 in the file); Hugging Face's is fractional.
   */
  epochs: (number | null)[];
  values: number[];
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
  series: Record<string, ScalarSeries>;
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

export function appendPoint(series: Record<string, ScalarSeries>, name: string, step: number, epoch: number | null, value: number): void {
  // Object.hasOwn and defineProperty: a tag named "constructor" or "__proto__" must not reach the prototype.
  if (!Object.hasOwn(series, name)) {
    Object.defineProperty(series, name, { value: { steps: [], epochs: [], values: [] }, enumerable: true, writable: true, configurable: true });
  }
  const s = series[name];
  s.steps.push(step);
  s.epochs.push(epoch);
  s.values.push(value);
}
