import type { Task } from '../spec';
import type { Dataset } from './dataset';
import { CsvError } from './csvError';
import { CsvRowReader } from './csvRows';
import { float32List, float64List, int32List } from './numberList';

export { CsvError } from './csvError';

export interface CsvOptions {
  /** Name of the target column in the header row. */
  target: string;
  /** 'auto': a non-numeric target, or an integer one with at most 20 distinct values, is a class label. */
  task: 'auto' | 'regression' | 'classification';
  /** Name of a column that groups rows; it is read as text and is not a feature. */
  group?: string;
}

/** An integer target with more distinct values than this is a quantity, not a label, under 'auto'. */
export const AUTO_MAX_CLASSES = 20;
/** More classes than this is almost surely a regression target declared as classification. */
export const MAX_CLASSES = 1000;

/**
 * Reads a CSV table fed in chunks into a Dataset. Only numbers are kept (in typed arrays), never the
 * text, so memory is proportional to the table's size in numbers.
 *
 * Class order: numeric labels in increasing order, then text labels in sorted (code unit) order.
 * Sorting, rather than order of first appearance, makes class indices independent of row order.
 */
export class CsvParser {
  private readonly reader: CsvRowReader;
  private header: string[] | null = null;
  private targetColumn = -1;
  private groupColumn = -1;
  private readonly groupIds = int32List();
  /** Group values as written, numbered in order of first appearance. */
  private readonly groupNumbers = new Map<string, number>();
  private readonly features = float32List();
  /** The target's number, or NaN for a text label. */
  private readonly targetNumbers = float64List();
  /** Index into `textLabels` for a text target, −1 for a number. */
  private readonly targetLabels = int32List();
  private readonly textLabels = new Map<string, number>();
  private rows = 0;

  constructor(private readonly options: CsvOptions) {
    this.reader = new CsvRowReader(
      (fields, line) => (this.header ? this.addRow(fields, line) : this.readHeader(fields)),
      (column) => this.header?.[column - 1] ?? '',
    );
  }

  /** Parses another piece of the text; throws CsvError at the first problem. */
  feed(chunk: string): void {
    this.reader.feed(chunk);
  }

  /** Ends the text and returns the table; throws CsvError if it is empty or its target unusable. */
  finish(): Dataset {
    this.reader.end();
    if (!this.header) throw new CsvError('the file is empty (a header row is required)', 1, 0, '');
    if (this.rows === 0) throw new CsvError('there are no data rows after the header', 2, 0, '');
    const featureNames = this.header.filter((_, column) => column !== this.targetColumn && column !== this.groupColumn);
    const x = this.features.takeArray();
    const base = { x, rows: this.rows, features: featureNames.length, featureNames, ...this.groups() };
    return this.isClassification() ? { ...base, ...this.classes() } : { ...base, ...this.regressionTarget() };
  }

  private groups(): Pick<Dataset, 'groups'> {
    if (this.groupColumn < 0) return {};
    const ids = new Uint32Array(this.groupIds.takeArray().buffer);
    return { groups: { column: this.header![this.groupColumn], ids, count: this.groupNumbers.size } };
  }

  private readHeader(fields: string[]): void {
    const names = columnNames(fields);
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) throw new CsvError(`the column name "${name}" appears twice`, 1, i + 1, name);
    });
    this.targetColumn = names.indexOf(this.options.target);
    if (this.targetColumn < 0) {
      const list = names.map((name) => `"${name}"`).join(', ');
      throw new CsvError(`there is no target column "${this.options.target}"; the columns are ${list}`, 1, 0, '');
    }
    const group = this.options.group;
    if (group !== undefined) {
      this.groupColumn = names.indexOf(group);
      if (this.groupColumn < 0) throw new CsvError(`there is no group column "${group}"; the columns are ${names.map((name) => `"${name}"`).join(', ')}`, 1, 0, '');
      if (this.groupColumn === this.targetColumn) throw new CsvError(`the column "${group}" cannot be both the target and the group`, 1, this.groupColumn + 1, group);
    }
    if (names.length < 2) throw new CsvError('there is a target column but no feature columns', 1, 0, '');
    if (this.groupColumn >= 0 && names.length < 3) throw new CsvError('there are a target and a group column but no feature columns', 1, 0, '');
    this.header = names;
  }

  private addRow(fields: string[], line: number): void {
    const header = this.header!;
    if (fields.length !== header.length) {
      const column = Math.min(fields.length, header.length) + 1;
      const detail = `expected ${header.length} fields (as in the header), found ${fields.length}`;
      throw new CsvError(detail, line, column, header[column - 1] ?? '');
    }
    for (let column = 0; column < fields.length; column++) {
      const text = fields[column].trim();
      const fail = (detail: string): never => {
        throw new CsvError(detail, line, column + 1, header[column]);
      };
      if (MISSING.has(text)) fail(text === '' ? 'missing value (empty cell)' : `missing value ("${text}")`);
      if (column === this.groupColumn) {
        this.addGroup(text);
        continue;
      }
      const value = parseNumber(text);
      if (Math.abs(value) === Infinity) fail(`${text} is too large for a 32-bit float`);
      if (column === this.targetColumn) this.addTarget(text, value, fail);
      else if (Number.isNaN(value)) fail(`"${text}" is not a number (features must be numeric)`);
      else this.features.push(value);
    }
    this.rows++;
  }

  private addGroup(text: string): void {
    let id = this.groupNumbers.get(text);
    if (id === undefined) {
      id = this.groupNumbers.size;
      this.groupNumbers.set(text, id);
    }
    this.groupIds.push(id);
  }

  private addTarget(text: string, value: number, fail: (detail: string) => never): void {
    if (!Number.isNaN(value)) {
      this.targetNumbers.push(value);
      this.targetLabels.push(-1);
      return;
    }
    if (this.options.task === 'regression') fail(`"${text}" is not a number, and the task is regression`);
    let id = this.textLabels.get(text);
    if (id === undefined) {
      id = this.textLabels.size;
      this.textLabels.set(text, id);
      if (id >= MAX_CLASSES) fail(`more than ${MAX_CLASSES} distinct class labels`);
    }
    this.targetNumbers.push(NaN);
    this.targetLabels.push(id);
  }

  private isClassification(): boolean {
    if (this.options.task !== 'auto') return this.options.task === 'classification';
    if (this.textLabels.size > 0) return true;
    const distinct = new Set<number>();
    for (let i = 0; i < this.rows; i++) {
      const value = this.targetNumbers.at(i);
      if (!Number.isInteger(value)) return false;
      distinct.add(value);
      if (distinct.size > AUTO_MAX_CLASSES) return false;
    }
    return true;
  }

  private regressionTarget(): Pick<Dataset, 'y' | 'task' | 'classes' | 'classNames'> {
    return { y: new Float32Array(this.targetNumbers.takeArray()), task: 'regression', classes: 1, classNames: [] };
  }

  private classes(): Pick<Dataset, 'y' | 'task' | 'classes' | 'classNames'> {
    const numbers = new Set<number>();
    for (let i = 0; i < this.rows; i++) {
      const value = this.targetNumbers.at(i);
      if (Number.isNaN(value)) continue;
      numbers.add(value);
      if (numbers.size + this.textLabels.size > MAX_CLASSES) this.targetFail(`more than ${MAX_CLASSES} distinct classes`);
    }
    const sortedNumbers = [...numbers].sort((a, b) => a - b);
    const sortedTexts = [...this.textLabels.keys()].sort();
    const classNames = [...sortedNumbers.map(String), ...sortedTexts];
    if (classNames.length < 2) this.targetFail(`every row has the same class "${classNames[0]}"; at least two are needed`);
    const numberClass = new Map(sortedNumbers.map((value, i) => [value, i]));
    const textClass = new Int32Array(this.textLabels.size);
    for (const [text, id] of this.textLabels) textClass[id] = sortedNumbers.length + sortedTexts.indexOf(text);
    const y = new Float32Array(this.rows);
    for (let i = 0; i < this.rows; i++) {
      const label = this.targetLabels.at(i);
      y[i] = label >= 0 ? textClass[label] : numberClass.get(this.targetNumbers.at(i))!;
    }
    const task: Task = classNames.length === 2 ? 'binary' : 'multiclass';
    return { y, task, classes: classNames.length, classNames };
  }

  private targetFail(detail: string): never {
    throw new CsvError(detail, 1, this.targetColumn + 1, this.options.target);
  }
}

/** The header row's fields as column names: trimmed, and an empty one named by its place. */
function columnNames(fields: string[]): string[] {
  return fields.map((name, i) => name.trim() || `column ${i + 1}`);
}

/**
 * The column names of the header row, read exactly as the parser reads them (BOM, quotes, CRLF, LF or
 * CR), from the start of a file; `complete` says the text is the whole file. Null when the text ends
 * before the header row does; throws CsvError on a header the parser would refuse to read.
 */
export function csvHeader(start: string, complete: boolean): string[] | null {
  let header: string[] | null = null;
  const reader = new CsvRowReader((fields) => (header ??= columnNames(fields)));
  reader.feed(start);
  if (complete && !header) reader.end();
  return header;
}

/** Parses a whole CSV text at once. */
export function parseCsv(text: string, options: CsvOptions): Dataset {
  const parser = new CsvParser(options);
  parser.feed(text);
  return parser.finish();
}

/** Spellings of a missing value that tools commonly write (pandas, R, UCI's "?"). */
const MISSING = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '?']);

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The number in plain decimal text, else NaN (no hex, no "Infinity"); ±Infinity beyond float32. */
function parseNumber(text: string): number {
  if (!DECIMAL.test(text)) return NaN;
  const value = Number(text);
  return Number.isFinite(Math.fround(value)) ? value : Math.sign(value) * Infinity;
}
