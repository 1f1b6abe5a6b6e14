import { CsvError } from './csvError';

/**
 * Splits CSV text, fed in chunks of any size, into rows of fields (RFC 4180: quoted fields may hold
 * commas, doubled quotes and line breaks; CRLF, LF and CR all end a row). Blank lines are skipped.
 * Only the unfinished field is kept between chunks, so memory does not grow with the text.
 */
export class CsvRowReader {
  /** Text of the field that the last chunk cut off. */
  private rest = '';
  private fields: string[] = [];
  /** Line where the current row starts. */
  private line = 1;
  private lineBreaksInRow = 0;
  /** The last chunk ended with CR: a LF opening the next one belongs to it. */
  private skipLf = false;
  private started = false;

  constructor(
    private readonly onRow: (fields: string[], line: number) => void,
    /** Header name of a 1-based column, for error messages. */
    private readonly nameOf: (column: number) => string = () => '',
  ) {}

  feed(chunk: string): void {
    if (chunk === '') return;
    let text = this.rest + chunk;
    this.rest = '';
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    let i = 0;
    if (this.skipLf) {
      this.skipLf = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    while (i < text.length) {
      const field = text.charCodeAt(i) === QUOTE ? this.quotedField(text, i) : plainField(text, i);
      if (!field) {
        this.keepUnfinished(text.slice(i));
        return;
      }
      this.fields.push(field.value);
      i = field.end + 1;
      const terminator = text.charCodeAt(field.end);
      if (terminator === COMMA) continue;
      if (terminator === CR) {
        if (i === text.length) this.skipLf = true;
        else if (text.charCodeAt(i) === LF) i += 1;
      }
      this.endRow();
    }
  }

  /** Flushes the last row. */
  end(): void {
    if (this.rest !== '' || this.fields.length > 0) this.feed('\n');
    if (this.rest !== '') this.fail('a quoted field is never closed (a missing ")');
  }

  private keepUnfinished(text: string): void {
    // Without this bound, one stray quote would make every later chunk rescan the whole file.
    if (text.length > MAX_FIELD_LENGTH) this.fail('a field is longer than 1 MB (a missing " ?)');
    this.rest = text;
  }

  private fail(detail: string): never {
    const column = this.fields.length + 1;
    throw new CsvError(detail, this.line, column, this.nameOf(column));
  }

  private endRow(): void {
    const fields = this.fields;
    this.fields = [];
    const blank = fields.length === 1 && fields[0].trim() === '';
    if (!blank) this.onRow(fields, this.line);
    this.line += 1 + this.lineBreaksInRow;
    this.lineBreaksInRow = 0;
  }

  /** A field opening with a quote at `start`, or null when the text ends before its terminator. */
  private quotedField(text: string, start: number): Field | null {
    let value = '';
    let from = start + 1;
    for (;;) {
      const quote = text.indexOf('"', from);
      if (quote < 0 || quote + 1 === text.length) return null;
      value += text.slice(from, quote);
      if (text.charCodeAt(quote + 1) === QUOTE) {
        value += '"';
        from = quote + 2;
        continue;
      }
      // Lenient about text between the closing quote and the comma: keep it rather than fail.
      const tail = plainField(text, quote + 1);
      if (!tail) return null;
      this.lineBreaksInRow += countLineBreaks(value);
      return { value: value + tail.value, end: tail.end };
    }
  }
}

interface Field {
  value: string;
  /** Index of the comma or line break that ends the field. */
  end: number;
}

function plainField(text: string, start: number): Field | null {
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === COMMA || c === LF || c === CR) return { value: text.slice(start, i), end: i };
  }
  return null;
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LF || (c === CR && s.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const BOM = 0xfeff;
const MAX_FIELD_LENGTH = 1 << 20;
