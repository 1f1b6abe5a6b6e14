/** A problem in a CSV file, located the way an editor shows it. */
export class CsvError extends Error {
  constructor(
    /** What is wrong, without the location. */
    readonly detail: string,
    /** 1-based line number in the file where the offending row starts. */
    readonly row: number,
    /** 1-based column; 0 when the problem concerns the whole row or file. */
    readonly column: number,
    /** The header name of that column ('' when there is none). */
    readonly columnName: string,
  ) {
    super(`${locate(row, column, columnName)}: ${detail}`);
    this.name = 'CsvError';
  }
}

function locate(row: number, column: number, columnName: string): string {
  if (column === 0) return `line ${row}`;
  return columnName ? `line ${row}, column ${column} ("${columnName}")` : `line ${row}, column ${column}`;
}
