/** What validation reports: a message at an exact place in the config text. */

/** 0-based, in UTF-16 code units, like VS Code's Position. */
export interface Position {
  line: number;
  character: number;
}

export interface TextRange {
  offset: number;
  length: number;
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

/**
 * `code` says where a problem comes from: `syntax.*` (the JSON itself), `schema.*` (the shape the
 * schema describes; VS Code's own JSON validation reports these too) or a plain name (RegLens's
 * semantic checks, e.g. `l1Ratio-unused`).
 */
export interface Problem {
  message: string;
  severity: Severity;
  range: TextRange;
  code: string;
}

/** Turns offsets into line/character positions for one text. */
export class LineMap {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.lineStarts.push(i + 1);
    }
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.lineStarts[lo] };
  }

  range(offset: number, length: number): TextRange {
    return { offset, length, start: this.position(offset), end: this.position(offset + length) };
  }
}
