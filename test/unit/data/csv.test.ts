import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvError, CsvParser, parseCsv, type CsvOptions } from '../../../src/core/data/csv';

const auto: CsvOptions = { target: 'y', task: 'auto' };

function parseError(text: string, options: CsvOptions = auto): CsvError {
  try {
    parseCsv(text, options);
  } catch (error) {
    assert.ok(error instanceof CsvError, `expected a CsvError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the CSV to be rejected');
}

test('numeric features and an integer target with few values become classes', () => {
  const data = parseCsv('a,b,y\n1,2.5,0\n-3,4e-1,1\n5,.5,0\n', auto);
  assert.deepEqual([...data.x], [1, 2.5, -3, Math.fround(0.4), 5, 0.5]);
  assert.deepEqual([...data.y], [0, 1, 0]);
  assert.equal(data.rows, 3);
  assert.equal(data.features, 2);
  assert.deepEqual(data.featureNames, ['a', 'b']);
  assert.equal(data.task, 'binary');
  assert.deepEqual(data.classNames, ['0', '1']);
});

test('the target may be any column, and features keep their order around it', () => {
  const data = parseCsv('y,a,b\n2,1,2\n7,3,4\n', { target: 'y', task: 'regression' });
  assert.deepEqual(data.featureNames, ['a', 'b']);
  assert.deepEqual([...data.x], [1, 2, 3, 4]);
  assert.deepEqual([...data.y], [2, 7]);
});

test('string labels are sorted into class indices, independent of row order', () => {
  const text = 'x,y\n1,virginica\n2,setosa\n3,versicolor\n4,setosa\n';
  const data = parseCsv(text, auto);
  assert.equal(data.task, 'multiclass');
  assert.deepEqual(data.classNames, ['setosa', 'versicolor', 'virginica']);
  assert.deepEqual([...data.y], [2, 0, 1, 0]);
});

test('numeric labels keep their numeric order, not text order', () => {
  const data = parseCsv('x,y\n1,10\n2,9\n3,2\n', { target: 'y', task: 'classification' });
  assert.deepEqual(data.classNames, ['2', '9', '10']);
  assert.deepEqual([...data.y], [2, 1, 0]);
});

test('auto: many distinct integers, or any fraction, is regression', () => {
  const many = ['x,y', ...Array.from({ length: 21 }, (_, i) => `${i},${i * 3}`)].join('\n');
  assert.equal(parseCsv(many, auto).task, 'regression');
  const twenty = ['x,y', ...Array.from({ length: 20 }, (_, i) => `${i},${i * 3}`)].join('\n');
  assert.equal(parseCsv(twenty, auto).task, 'multiclass');
  assert.equal(parseCsv('x,y\n1,0\n2,0.5\n', auto).task, 'regression');
});

test('quoted fields hold commas, doubled quotes and line breaks; CRLF ends rows', () => {
  const text = '"a,1","b ""2""",y\r\n1,2,"cat, black"\r\n3,4,"dog\r\nbrown"\r\n';
  const data = parseCsv(text, auto);
  assert.deepEqual(data.featureNames, ['a,1', 'b "2"']);
  assert.deepEqual(data.classNames, ['cat, black', 'dog\r\nbrown']);
  assert.deepEqual([...data.x], [1, 2, 3, 4]);
});

test('a byte order mark, blank lines and a missing final newline are accepted', () => {
  const data = parseCsv('\ufeffa,y\n\n1,0\n   \n2,1', auto);
  assert.deepEqual(data.featureNames, ['a']);
  assert.deepEqual([...data.x], [1, 2]);
});

test('feeding any chunking gives the same table as the whole text', () => {
  const text = 'a,"b,c",y\r\n1,"2",x\r\n3,4,"y\n""z"""\n5,6,x';
  const whole = parseCsv(text, auto);
  for (let size = 1; size <= 7; size++) {
    const parser = new CsvParser(auto);
    for (let i = 0; i < text.length; i += size) parser.feed(text.slice(i, i + size));
    assert.deepEqual(parser.finish(), whole, `chunks of ${size}`);
  }
});

test('a CRLF split across chunks still counts as one line break', () => {
  const text = 'a,y\r\n1,0\r\n2,1\r\nx,0\r\n';
  for (let size = 1; size <= 5; size++) {
    const parser = new CsvParser(auto);
    assert.throws(
      () => {
        for (let i = 0; i < text.length; i += size) parser.feed(text.slice(i, i + size));
      },
      (error: unknown) => error instanceof CsvError && error.row === 4,
      `chunks of ${size}`,
    );
  }
});

test('an empty file is an error at line 1', () => {
  const error = parseError('');
  assert.equal(error.row, 1);
  assert.match(error.message, /empty/);
  assert.match(parseError('a,y\n').message, /no data rows/);
});

test('a target that does not exist lists the columns', () => {
  const error = parseError('a,b,label\n1,2,3\n', { target: 'class', task: 'auto' });
  assert.equal(error.row, 1);
  assert.equal(error.message, 'line 1: there is no target column "class"; the columns are "a", "b", "label"');
});

test('an empty cell is a missing value with its line and column', () => {
  const error = parseError('a,b,y\n1,2,0\n3,,1\n');
  assert.deepEqual([error.row, error.column, error.columnName], [3, 2, 'b']);
  assert.equal(error.message, 'line 3, column 2 ("b"): missing value (empty cell)');
  assert.match(parseError('a,y\n1,0\nNA,1\n').message, /line 3, column 1 \("a"\): missing value \("NA"\)/);
  assert.match(parseError('a,y\n1,0\n2,\n').message, /line 3, column 2 \("y"\): missing value/);
});

test('a non-number in a feature column names the text, line and column', () => {
  const error = parseError('a,b,y\n1,2,0\n3,4,1\n5,0x10,0\n');
  assert.deepEqual([error.row, error.column, error.columnName], [4, 2, 'b']);
  assert.equal(error.message, 'line 4, column 2 ("b"): "0x10" is not a number (features must be numeric)');
  assert.match(parseError('a,y\n1e40,0\n').message, /too large/);
});

test('a ragged row says how many fields it expected and found', () => {
  const short = parseError('a,b,y\n1,2,0\n3,4\n');
  assert.deepEqual([short.row, short.column, short.columnName], [3, 3, 'y']);
  assert.equal(short.message, 'line 3, column 3 ("y"): expected 3 fields (as in the header), found 2');
  const long = parseError('a,y\n1,0\n2,1,9\n');
  assert.deepEqual([long.row, long.column, long.columnName], [3, 3, '']);
  assert.equal(long.message, 'line 3, column 3: expected 2 fields (as in the header), found 3');
});

test('line numbers count blank lines, CRLF and line breaks inside quotes', () => {
  const error = parseError('a,y\r\n\r\n1,"two\r\nlines"\r\nx,0\r\n', { target: 'y', task: 'classification' });
  assert.equal(error.row, 5);
  assert.equal(error.column, 1);
});

test('an unclosed quote, a duplicate column, a single class and text under regression are errors', () => {
  const unclosed = parseError('a,y\n1,0\n2,"1\n3,0\n');
  assert.deepEqual([unclosed.row, unclosed.column], [3, 2]);
  assert.match(unclosed.message, /never closed/);
  assert.match(parseError('a,a,y\n1,2,0\n').message, /line 1, column 2 \("a"\): the column name "a" appears twice/);
  assert.match(parseError('a,y\n1,0\n2,0\n').message, /same class "0"/);
  const text = parseError('a,y\n1,2\n2,high\n', { target: 'y', task: 'regression' });
  assert.deepEqual([text.row, text.column], [3, 2]);
  assert.match(text.message, /"high" is not a number, and the task is regression/);
  assert.match(parseError('y\n1\n2\n').message, /no feature columns/);
});

test('a stray quote in a long file stops at 1 MB instead of rescanning the rest', () => {
  const parser = new CsvParser(auto);
  parser.feed('a,y\n1,0\n"2,1\n');
  const rows = '3,0\n'.repeat(16_384);
  assert.throws(
    () => {
      for (let i = 0; i < 20; i++) parser.feed(rows);
    },
    (error: unknown) => error instanceof CsvError && error.row === 3 && error.column === 1 && /longer than 1 MB/.test(error.message),
  );
});
