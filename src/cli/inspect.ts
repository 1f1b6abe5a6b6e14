/**
 * `reglens inspect PATH...`: diagnose checkpoints (and, through the reader table, other files a run
 * leaves). A checkpoint's layers are analysed on layer threads (dist/inspectLayerWorker.js, beside
 * this bundle); interrupting the CLI ends the process and every thread with it.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { summarizeModel, type LayerReport } from '../core';
import { CheckpointError, isCheckpointFile, openCheckpoint } from '../io/checkpoints';
import { compareCheckpoints, type CheckpointComparison } from '../io/checkpoints/compareCheckpoints';
import { defaultInspectOptions } from '../io/checkpoints/inspectTensors';
import { defaultThreads, inspectInParallel } from '../io/checkpoints/parallelInspect';
import type { InspectCommand } from './args';
import { formatNumber, formatTable } from './format';

/** What one path gave: its layers, or why it could not be read. */
interface FileOutcome {
  path: string;
  kind: string;
  format: string | null;
  files: string[];
  tensors: number;
  layers: LayerReport[];
  error: string | null;
}

/** One row per kind of file `inspect` understands; the first that matches reads it. */
interface InspectReader {
  kind: string;
  matches(path: string): boolean;
  inspect(path: string, command: InspectCommand, report: (message: string) => void): Promise<FileOutcome>;
}

export const inspectReaders: InspectReader[] = [{ kind: 'checkpoint', matches: isCheckpointFile, inspect: inspectCheckpointFile }];

/** Returns the exit code: 0 ok, 1 a file could not be read, 2 usage. */
export async function inspectCommand(command: InspectCommand): Promise<number> {
  const outcomes: FileOutcome[] = [];
  for (const path of command.paths) outcomes.push(await inspectPath(path, command));
  const layers = outcomes.flatMap((o) => o.layers);
  const model = summarizeModel(layers, command.lambda, command.m);
  const comparisons = command.compare && outcomes.every((o) => o.error === null) ? await compareEach(command) : null;
  if (command.json) {
    process.stdout.write(`${JSON.stringify({ files: outcomes.map(({ layers: _, ...file }) => file), layers, model, ...(comparisons ? { comparisons } : {}) }, null, 2)}\n`);
  } else {
    for (const outcome of outcomes) process.stdout.write(`${describeOutcome(outcome)}\n\n`);
    process.stdout.write(`${describeModel(model)}\n`);
    for (const comparison of comparisons ?? []) process.stdout.write(`\n${describeComparison(comparison)}\n`);
  }
  return outcomes.some((o) => o.error !== null) ? 1 : 0;
}

/** One checkpoint against another, as `--compare --json` prints it. */
interface PairComparison extends CheckpointComparison {
  base: string;
  other: string;
}

/**
 * Every checkpoint after the first against the first: a base model and its fine-tunings or
 * variants (with and without weight decay) each measured from the same start. Two files open at a time.
 */
async function compareEach(command: InspectCommand): Promise<PairComparison[]> {
  const [basePath, ...others] = command.paths;
  const chosen = (name: string) => command.layers === null || command.layers.test(name);
  const out: PairComparison[] = [];
  for (const otherPath of others) {
    const [base, other] = [await openCheckpoint(basePath), await openCheckpoint(otherPath)];
    try {
      const result = await compareCheckpoints(base, other);
      out.push({ base: basePath, other: otherPath, changes: result.changes.filter((c) => chosen(c.name)), unmatched: result.unmatched.filter(chosen) });
    } finally {
      await Promise.all([base.close(), other.close()]);
    }
  }
  return out;
}

function describeComparison(comparison: PairComparison): string {
  const rows = comparison.changes.map((c) => [c.name, `[${c.shape.join(', ')}]`, formatNumber(c.baseFrobenius), formatNumber(c.differenceFrobenius), formatNumber(c.relativeChange)]);
  return [
    `${comparison.other} against ${comparison.base}`,
    formatTable([['tensor', 'shape', '‖W₀‖_F', '‖W₁ − W₀‖_F', 'relative change'], ...rows], [false, false, true, true, true]),
    ...(comparison.unmatched.length > 0 ? [`Not in both with the same shape: ${comparison.unmatched.join(', ')}`] : []),
  ].join('\n');
}

async function inspectPath(path: string, command: InspectCommand): Promise<FileOutcome> {
  const failed = (error: string): FileOutcome => ({ path, kind: 'unknown', format: null, files: [path], tensors: 0, layers: [], error });
  try {
    if (!(await stat(path)).isFile()) return failed(`${path}: not a file`);
  } catch (error) {
    return failed(`${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const reader = inspectReaders.find((r) => r.matches(path));
  if (reader === undefined) return failed(`${path}: not a file RegLens can inspect (kinds: ${inspectReaders.map((r) => r.kind).join(', ')})`);
  const live = !command.json && process.stderr.isTTY === true;
  const outcome = await reader.inspect(path, command, live ? (message) => process.stderr.write(`\r\x1b[K${message}`) : () => undefined);
  if (live) process.stderr.write('\r\x1b[K');
  return outcome;
}

async function inspectCheckpointFile(path: string, command: InspectCommand, report: (message: string) => void): Promise<FileOutcome> {
  const outcome: FileOutcome = { path, kind: 'checkpoint', format: null, files: [path], tensors: 0, layers: [], error: null };
  try {
    const checkpoint = await openCheckpoint(path);
    try {
      Object.assign(outcome, { format: checkpoint.format, files: checkpoint.files, tensors: checkpoint.tensors.length });
      const chosen = checkpoint.tensors.flatMap((t, i) => (command.layers === null || command.layers.test(t.name) ? [i] : []));
      outcome.layers = await inspectInParallel(path, checkpoint, chosen, {
        spawn: (job) => new Worker(join(__dirname, 'inspectLayerWorker.js'), { workerData: job }),
        threads: command.threads ?? defaultThreads(),
        spectra: !command.normsOnly,
        onLayer: (index, _layer, done, total) => report(`${path}: ${done}/${total} ${checkpoint.tensors[index].name}`),
      });
    } finally {
      await checkpoint.close();
    }
  } catch (error) {
    outcome.error = error instanceof CheckpointError ? error.message : `${path}: ${(error as Error).message}`;
  }
  return outcome;
}

function describeOutcome(outcome: FileOutcome): string {
  if (outcome.error !== null) return `error: ${outcome.error}`;
  const title = `${outcome.path} (${outcome.format}, ${outcome.tensors} tensors${outcome.files.length > 1 ? ` in ${outcome.files.length - 1} shards` : ''})`;
  const header = ['tensor', 'shape', 'dtype', 'params', '‖W‖_F', 'max|w|', 'zeros', 'sparsity', '‖W‖₂', 'stable rank', 'α', 'α reading*'];
  const rows = outcome.layers.map((l) => [
    l.name, `[${l.shape.join(', ')}]`, l.dtype, String(l.parameters), formatNumber(l.frobenius), formatNumber(l.maxAbs), l.exactZeros === null ? '—' : String(l.exactZeros),
    formatNumber(l.sparsity), formatNumber(l.spectralNorm), formatNumber(l.stableRank),
    l.alpha === null ? '—' : `${l.alpha.toFixed(2)}${l.spectrumMethod === 'lanczos' ? ' (lanczos)' : ''}`, l.alphaReading ?? '—',
  ]);
  const notes = outcome.layers.flatMap((l) => (l.matrix?.note ? [`  ${l.name}: ${l.matrix.note}`] : []));
  return [title, formatTable([header, ...rows], [false, false, false, true, true, true, true, true, true, true, true, false]), ...notes].join('\n');
}

function describeModel(model: ReturnType<typeof summarizeModel>): string {
  const p = model.l2Penalty;
  return [
    `${model.parameters} parameters in ${model.tensors} tensors (${model.matrices} matrices); Σ‖W‖²_F = ${formatNumber(model.sumSquares)}; mean α = ${formatNumber(model.meanAlpha)}`,
    `L2 penalty at λ = ${p.lambda}, m = ${p.m}: (λ/2m)·Σ‖W‖²_F = ${formatNumber(p['2m'])}, (λ/2)·Σ‖W‖²_F = ${formatNumber(p.half)}, λ·Σ‖W‖²_F = ${formatNumber(p.sum)}`,
    `* α reading is WeightWatcher's heuristic: α < 2 over-trained, α > 6 under-trained. sparsity: share of |w| ≤ ε = ${defaultInspectOptions.epsilon}.`,
  ].join('\n');
}
