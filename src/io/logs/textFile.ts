/** Reading a text log line by line from where the last read stopped, and Python's spellings of numbers. */
import { open } from 'node:fs/promises';

const chunkBytes = 1 << 20;
const utf8 = new TextDecoder();
/** A line longer than this is not a log line: the reader stops there rather than buffer it. */
const maxLineBytes = 1 << 20;

export interface Lines {
  /** Complete lines (without their line break), with 1-based line numbers. */
  lines: { text: string; line: number }[];
  /** Set when the file holds a line longer than the reader accepts. */
  tooLong: { offset: number; line: number } | null;
  /** The file became shorter than what was read (it was rewritten): the lines start from its beginning. */
  restarted: boolean;
}

/** Reads complete lines after `offset` (a partial last line is left for the next read). */
export class LineReader {
  offset = 0;
  nextLine = 1;

  constructor(readonly path: string) {}

  async readLines(): Promise<Lines> {
    const handle = await open(this.path, 'r');
    try {
      const size = (await handle.stat()).size;
      const restarted = size < this.offset;
      if (restarted) this.reset();
      const lines: Lines['lines'] = [];
      let pending: Uint8Array = new Uint8Array(0);
      let at = this.offset;
      while (at < size) {
        const chunk = new Uint8Array(Math.min(chunkBytes, size - at));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, at);
        if (bytesRead === 0) break;
        at += bytesRead;
        pending = concat(pending, chunk.subarray(0, bytesRead));
        let start = 0;
        for (let nl = pending.indexOf(10); nl >= 0; nl = pending.indexOf(10, start)) {
          const end = nl > start && pending[nl - 1] === 13 ? nl - 1 : nl;
          lines.push({ text: utf8.decode(pending.subarray(start, end)), line: this.nextLine++ });
          start = nl + 1;
        }
        this.offset += start;
        pending = pending.subarray(start);
        if (pending.length > maxLineBytes) return { lines, tooLong: { offset: this.offset, line: this.nextLine }, restarted };
      }
      return { lines, tooLong: null, restarted };
    } finally {
      await handle.close();
    }
  }

  /** The first line as it is now in the file ('' when it has none yet): a rewritten file starts anew. */
  async firstLine(): Promise<string> {
    const handle = await open(this.path, 'r');
    try {
      const buffer = new Uint8Array(64 << 10);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const nl = buffer.subarray(0, bytesRead).indexOf(10);
      if (nl < 0) return '';
      return utf8.decode(buffer.subarray(0, nl > 0 && buffer[nl - 1] === 13 ? nl - 1 : nl));
    } finally {
      await handle.close();
    }
  }

  reset(): void {
    this.offset = 0;
    this.nextLine = 1;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** Fields of one CSV line: separator-split, with double-quoted fields (which may hold the separator). */
export function splitCsvLine(text: string, separator: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const quote = text.indexOf('"', j);
        if (quote < 0) return [...fields, value + text.slice(j)];
        value += text.slice(j, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          j = quote + 2;
        } else {
          j = quote + 1;
          break;
        }
      }
      const next = text.indexOf(separator, j);
      fields.push(value + text.slice(j, next < 0 ? text.length : next));
      if (next < 0) return fields;
      i = next + separator.length;
    } else {
      const next = text.indexOf(separator, i);
      fields.push(text.slice(i, next < 0 ? text.length : next));
      if (next < 0) return fields;
      i = next + separator.length;
    }
  }
}

const pythonSpecials = new Map([['nan', NaN], ['inf', Infinity], ['-inf', -Infinity], ['infinity', Infinity], ['-infinity', -Infinity]]);

/**
 * A logged number as Python writes it (repr: 0.25, 1e-05, nan, inf), null for a missing value
 * (empty, or Keras's "NA"), or undefined for text that is not a number.
 */
export function parseLoggedNumber(field: string): number | null | undefined {
  const text = field.trim();
  if (text === '' || text === 'NA') return null;
  const special = pythonSpecials.get(text.toLowerCase());
  if (special !== undefined) return special;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}
