/**
 * The memory bound of reading a CSV: a child process loads a generated file and reports its peak
 * resident memory (the kernel's high-water mark, not a sampled guess). 100 MB with
 * REGLENS_BIG_TESTS=1 (.ci/run sets it), 10 MB otherwise; the bound is the same formula.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareData } from '../../../src/io/datasets';

const childFlag = 'REGLENS_CSV_MEMORY_CHILD';
const features = 16;

/** Peak resident bytes of a process that only starts and stops, and of one that also reads `file`. */
function peakRss(file: string | null): number {
  const run = spawnSync(process.execPath, [__filename], { env: { ...process.env, [childFlag]: file ?? '' }, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return Number(run.stdout.trim());
}

async function writeCsv(file: string, bytes: number): Promise<{ rows: number; size: number }> {
  const out = createWriteStream(file);
  out.write(`${Array.from({ length: features }, (_, j) => `f${j + 1}`).join(',')},y\n`);
  let rows = 0;
  while (out.bytesWritten + out.writableLength < bytes) {
    const lines: string[] = [];
    for (let k = 0; k < 2000; k++, rows++) {
      const values = Array.from({ length: features }, (_, j) => (((rows * 7919 + j * 104729) % 1000003) / 997.123).toFixed(4));
      lines.push(`${values.join(',')},${rows % 3}\n`);
    }
    if (!out.write(lines.join(''))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { rows, size: out.bytesWritten };
}

if (process.env[childFlag] !== undefined) {
  const file = process.env[childFlag];
  const spec = { kind: 'csv', csv: file, target: 'y', task: 'auto', validation: 0.2, standardize: true, seed: 1 } as const;
  const done = file ? prepareData(spec, { configDir: '/', mediaDir: '/' }).then((p) => p.data.train.rows) : Promise.resolve(0);
  void done.then((rows) => {
    if (file && rows === 0) throw new Error('nothing read');
    process.stdout.write(`${process.resourceUsage().maxRSS * 1024}\n`);
  });
} else {
  const big = process.env.REGLENS_BIG_TESTS === '1';
  test(`a ${big ? 100 : 10} MB CSV is read and prepared within the stated memory bound`, async () => {
    const folder = mkdtempSync(join(tmpdir(), 'reglens-csv-memory-'));
    try {
      const file = join(folder, 'big.csv');
      const { rows, size } = await writeCsv(file, (big ? 100 : 10) * 1e6);
      const cells = rows * (features + 1);
      const base = peakRss(null);
      const peak = peakRss(file);
      const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
      const growth = peak - base;
      console.log(`# CSV ${mb(size)} MB, ${rows} rows × ${features + 1} columns: peak RSS ${mb(peak)} MB (node alone ${mb(base)} MB), growth ${mb(growth)} MB = ${(growth / size).toFixed(2)}× the file`);
      // The bound README states: the table as 32-bit floats twice (assembled, then split), the target's
      // lists per row, and a fixed allowance for Node's stream buffers and uncollected text.
      const bound = 8 * cells + 24 * rows + 64e6;
      assert.ok(growth < bound, `growth ${mb(growth)} MB above the bound ${mb(bound)} MB`);
      // Holding the text as a string (UTF-16) would alone take twice the file.
      assert.ok(!big || bound < 2 * size, 'the bound excludes holding the text');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
}
