import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DataFileError, loadCsvFile, prepareData } from '../../../src/io/datasets';
import { repoRoot } from '../paths';

const mediaDir = join(repoRoot, 'media');
const folder = mkdtempSync(join(tmpdir(), 'reglens-data-'));
test.after(() => rmSync(folder, { recursive: true, force: true }));

async function rejection(promise: Promise<unknown>): Promise<DataFileError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DataFileError, `expected a DataFileError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

test('a CSV error names the file, line and column', async () => {
  const file = join(folder, 'bad.csv');
  writeFileSync(file, 'a,b,label\n1,2,x\n3,oops,y\n');
  const error = await rejection(loadCsvFile(file, { target: 'label', task: 'auto' }));
  assert.equal(error.message, `${file}, line 3, column 2 ("b"): "oops" is not a number (features must be numeric)`);
  assert.deepEqual([error.file, error.row, error.column], [file, 3, 2]);
});

test('a missing file is a clear error', async () => {
  const file = join(folder, 'nowhere.csv');
  const error = await rejection(loadCsvFile(file, { target: 'y', task: 'auto' }));
  assert.equal(error.message, `${file}: no such file`);
});

test('prepareData reads a CSV relative to the config folder, splits and standardizes it', async () => {
  const rows = Array.from({ length: 50 }, (_, i) => `${i},${(i * 37) % 11},${i % 5 === 0 ? 'rare' : 'common'}`);
  writeFileSync(join(folder, 'table.csv'), ['a,b,kind', ...rows].join('\n'));
  const spec = { kind: 'csv', csv: 'table.csv', target: 'kind', task: 'auto', validation: 0.2, standardize: true, seed: 3 } as const;
  const { data, summary, standardization } = await prepareData(spec, { configDir: folder, mediaDir });
  assert.equal(summary.task, 'binary');
  assert.deepEqual(summary.classNames, ['common', 'rare']);
  assert.deepEqual([summary.trainRows, summary.validationRows], [40, 10]);
  assert.equal(data.validation!.y.filter((y) => y === 1).length, 2);
  assert.ok(standardization);
  const trainMean = data.train.x.filter((_, k) => k % 2 === 0).reduce((s, v) => s + v, 0) / 40;
  assert.ok(Math.abs(trainMean) < 1e-5);
  assert.match(summary.source, /table\.csv/);
});

test('prepareData loads bundled and synthetic data, and can skip standardizing', async () => {
  const bundled = await prepareData({ kind: 'bundled', dataset: 'wine', validation: 0, standardize: false, seed: 1 }, { configDir: folder, mediaDir });
  assert.equal(bundled.data.validation, null);
  assert.equal(bundled.summary.trainRows, 178);
  assert.equal(bundled.standardization, null);
  assert.ok(bundled.data.train.x[0] > 10, 'raw units kept (alcohol ≈ 14)');
  const synthetic = await prepareData(
    { kind: 'synthetic', dataset: 'blobs', samples: 90, noise: 0.2, features: 4, classes: 3, validation: 1 / 3, standardize: true, seed: 2 },
    { configDir: folder, mediaDir },
  );
  assert.deepEqual([synthetic.summary.trainRows, synthetic.summary.validationRows, synthetic.summary.features], [60, 30, 4]);
});

test('a large CSV streams in chunks with memory proportional to its numbers, not its text', async () => {
  const file = join(folder, 'large.csv');
  const features = 8;
  const rows = 250_000;
  const out = createWriteStream(file);
  out.write(['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'y'].join(',') + '\n');
  for (let start = 0; start < rows; start += 5000) {
    const lines: string[] = [];
    for (let i = start; i < start + 5000; i++) {
      const values = Array.from({ length: features }, (_, j) => ((i * 7919 + j * 104729) % 1000003) / 997.123456);
      lines.push(`${values.join(',')},${i % 3}\n`);
    }
    if (!out.write(lines.join(''))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const fileBytes = out.bytesWritten;

  const gc = exposeGc();
  const before = await settledMemory(gc);
  let peak = 0;
  // Collecting before each reading measures what is alive, not read buffers awaiting collection.
  const sampler = setInterval(() => {
    gc();
    peak = Math.max(peak, used(process.memoryUsage()));
  }, 10);
  const started = performance.now();
  const data = await loadCsvFile(file, { target: 'y', task: 'auto' });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const after = await settledMemory(gc);

  assert.equal(data.rows, rows);
  assert.equal(data.classes, 3);
  assert.equal(data.x[123_456 * features + 5], Math.fround(((123_456 * 7919 + 5 * 104729) % 1000003) / 997.123456));
  const numberBytes = data.x.byteLength + data.y.byteLength;
  const kept = used(after) - used(before);
  const peakGrowth = peak - used(before);
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  console.log(`# ${mb(fileBytes)} CSV parsed in ${seconds.toFixed(2)} s; numbers ${mb(numberBytes)}, kept ${mb(kept)}, peak growth ${mb(peakGrowth)}`);
  assert.ok(fileBytes > 20e6, 'the file is large enough to tell text from numbers');
  assert.ok(kept < 1.5 * numberBytes + 2e6, `kept ${mb(kept)} for ${mb(numberBytes)} of numbers`);
  // The parser holds a chunk, arrays that grow by doubling and, at the end, their exact-size copies (≤ ~2.2×
  // the numbers); holding the text would take at least its size, here 4× the numbers.
  assert.ok(peakGrowth < 3 * numberBytes, `peak growth ${mb(peakGrowth)} for ${mb(numberBytes)} of numbers`);
  assert.ok(3 * numberBytes < fileBytes, 'the bound above excludes holding the text');
});

/** Memory the program holds: JS heap plus typed arrays' backing stores. */
function used(memory: NodeJS.MemoryUsage): number {
  return memory.heapUsed + memory.arrayBuffers;
}

/** Typed arrays' backing stores are freed after the collection that finds them dead, hence the pause and second pass. */
async function settledMemory(gc: () => void): Promise<NodeJS.MemoryUsage> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 20));
  gc();
  return process.memoryUsage();
}

/** Node's test runner starts without --expose-gc; this makes `gc` callable so memory readings are not garbage. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
