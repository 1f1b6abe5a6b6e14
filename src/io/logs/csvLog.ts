/**
 * CSV training logs: Keras's `CSVLogger` (a row per epoch: `epoch` counted from 0, then the sorted
 * metric names, "NA" where a value is missing, any one-character separator) and PyTorch Lightning's
 * `CSVLogger` `metrics.csv` (sparse rows with `epoch` and `step` columns, the file rewritten with a
 * wider header when a new metric appears). Read line by line, on from where the last read stopped.
 */
import { appendPoint, type IncrementalLog, type LogFormat, type LogProblem, type LogRun, type ScalarSeries } from './model';
import { LineReader, parseLoggedNumber, splitCsvLine } from './textFile';

const maxProblems = 20;

interface Header {
  text: string;
  columns: string[];
  separator: string;
  format: LogFormat;
}

export class CsvLog implements IncrementalLog {
  private readonly lines: LineReader;
  private header: Header | null = null;
  private series: Record<string, ScalarSeries> = {};
  private problems: LogProblem[] = [];
  private unreadable: LogProblem | null = null;

  constructor(readonly path: string, private readonly name: string) {
    this.lines = new LineReader(path);
  }

  async read(): Promise<LogRun[]> {
    try {
      if (this.header && (await this.lines.firstLine()) !== this.header.text) {
        this.lines.reset();
        this.restart();
      }
      const { lines, tooLong, restarted } = await this.lines.readLines();
      if (restarted) this.restart();
      for (const { text, line } of lines) this.take(text, line);
      this.unreadable = tooLong && { file: this.path, offset: tooLong.offset, line: tooLong.line, message: 'a line is longer than 1 MB: not a CSV log' };
    } catch (error) {
      this.unreadable = { file: this.path, offset: null, line: null, message: `cannot be read: ${(error as Error).message}` };
    }
    const problems = this.unreadable ? [...this.problems, this.unreadable] : this.problems;
    return [{ name: this.name, format: this.header?.format ?? 'keras-csv', files: [this.path], series: this.series, problems }];
  }

  private restart(): void {
    this.header = null;
    this.series = {};
    this.problems = [];
  }

  private take(text: string, line: number): void {
    if (!this.header) {
      this.header = parseHeader(text);
      if (!this.header) this.problem(line, 'the first line is not the header of a Keras or Lightning CSV log (it has no "epoch" column)');
      return;
    }
    const { columns, separator, format } = this.header;
    const fields = splitCsvLine(text, separator);
    if (fields.length !== columns.length) {
      this.problem(line, `${fields.length} fields where the header has ${columns.length}`);
      return;
    }
    const values = fields.map(parseLoggedNumber);
    const epochAt = columns.indexOf('epoch');
    const stepAt = columns.indexOf('step');
    const epoch = values[epochAt];
    const step = format === 'lightning-csv' ? values[stepAt] : epoch;
    if (typeof epoch !== 'number' || typeof step !== 'number') {
      this.problem(line, `the ${typeof epoch !== 'number' ? 'epoch' : 'step'} is not a number`);
      return;
    }
    values.forEach((value, i) => {
      if (i === epochAt || i === stepAt || value === null) return;
      if (value === undefined) this.problem(line, `column "${columns[i]}": "${fields[i]}" is not a number`);
      else appendPoint(this.series, columns[i], step, epoch + 1, value);
    });
  }

  private problem(line: number, message: string): void {
    if (this.problems.length < maxProblems) this.problems.push({ file: this.path, offset: null, line, message });
  }
}

/** Keras writes `epoch` first; Lightning writes an `epoch` and a `step` column (in the order metrics appeared). */
function parseHeader(text: string): Header | null {
  const separator = text.startsWith('epoch') && text.length > 5 ? text[5] : ',';
  const columns = splitCsvLine(text, separator).map((c) => c.trim());
  if (!columns.includes('epoch')) return null;
  return { text, columns, separator, format: columns.includes('step') ? 'lightning-csv' : 'keras-csv' };
}
