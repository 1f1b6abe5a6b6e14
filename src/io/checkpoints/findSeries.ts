/**
 * A folder of checkpoints over training: Hugging Face's `checkpoint-N/` folders (the model file in
 * each), or checkpoint files whose names carry a step or epoch (`model_step200.pt`, `epoch=3.pt`).
 * Only what lies inside the folder (by real path) is taken; everything left out is said.
 */
import { readdir, realpath } from 'node:fs/promises';
import { join, relative, isAbsolute, sep } from 'node:path';
import { isCheckpointFile } from './openCheckpoint';

export interface SeriesCheckpoint {
  step: number;
  /** The file to open: a checkpoint file, or a model file (or shard index) inside a checkpoint folder. */
  path: string;
}

export interface FoundSeries {
  folder: string;
  /** What the numbers count: epochs only when every name says "epoch". */
  unit: 'step' | 'epoch';
  checkpoints: SeriesCheckpoint[];
  /** Names left out, each with why. */
  skipped: string[];
}

/** More checkpoints than anyone charts; a folder with more is cut, and says so. */
export const maxSeriesCheckpoints = 500;
/** Entries looked at in the folder: a huge folder is not listed without end. */
const maxEntries = 20_000;

/** Hugging Face writes these beside the model in every checkpoint folder; none is the model. */
const notModels = /^(optimizer|scheduler|scaler|rng_state[^.]*|training_args|trainer_state)\./i;
/** The model file of a checkpoint folder, in order of preference. */
const modelFiles = ['model.safetensors.index.json', 'model.safetensors', 'adapter_model.safetensors', 'pytorch_model.bin', 'adapter_model.bin', 'tf_model.h5', 'model.weights.h5', 'model.keras'];

const stepWord = /(?:^|[^a-z])(?:global_step|step|iter|iteration|checkpoint|ckpt)[-_=]?(\d+)/i;
const shard = /-\d+-of-\d+\./;
const epochWord = /(?:^|[^a-z])epoch[-_=]?(\d+)/i;

/** A file name that holds a model: a checkpoint, not an optimizer's state and not one shard of several. */
export function isModelFile(name: string): boolean {
  return isCheckpointFile(name) && !notModels.test(name) && !shard.test(name);
}

/** The step (or epoch) a name carries: by a word before it, else a number ending it after - _ = or .; null without one. */
export function stepOf(name: string): { step: number; unit: 'step' | 'epoch' } | null {
  const stem = name.replace(/(\.safetensors\.index\.json|\.weights\.h5|\.[a-z0-9]+)$/i, '');
  const byStep = stepWord.exec(stem);
  const byEpoch = byStep === null ? epochWord.exec(stem) : null;
  const digits = (byStep ?? byEpoch ?? /(?:^|[-_=.])(\d+)$/.exec(stem))?.[1];
  if (digits === undefined) return null;
  const step = Number(digits);
  return Number.isSafeInteger(step) ? { step, unit: byEpoch === null ? 'step' : 'epoch' } : null;
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}

/** The model file of a `checkpoint-N` folder, or null. */
async function modelFileIn(dir: string): Promise<string | null> {
  const names = (await readdir(dir).catch(() => [] as string[])).slice(0, maxEntries);
  const preferred = modelFiles.find((name) => names.includes(name));
  if (preferred) return join(dir, preferred);
  // Sharded without an index is not one model; anything else that reads as a checkpoint is.
  const other = names.filter(isModelFile).sort()[0];
  return other === undefined ? null : join(dir, other);
}

/** The checkpoints of a folder in step order; throws only when the folder cannot be listed. */
export async function findCheckpointSeries(folder: string): Promise<FoundSeries> {
  const root = await realpath(folder);
  const entries = (await readdir(root, { withFileTypes: true })).slice(0, maxEntries).sort((a, b) => a.name.localeCompare(b.name));
  const found: (SeriesCheckpoint & { name: string; unit: 'step' | 'epoch' })[] = [];
  const skipped: string[] = [];
  for (const entry of entries) {
    const folderLike = entry.isDirectory() || (entry.isSymbolicLink() && !isCheckpointFile(entry.name));
    const isModel = folderLike ? /^(checkpoint|step|global_step|epoch|iter)[-_=]?\d+$/i.test(entry.name) : isCheckpointFile(entry.name) && !notModels.test(entry.name);
    if (!isModel) continue;
    if (shard.test(entry.name)) {
      skipped.push(`${entry.name}: a shard of one model, not a step`);
      continue;
    }
    const position = stepOf(entry.name);
    if (position === null) {
      skipped.push(`${entry.name}: no step or epoch number in its name`);
      continue;
    }
    const path = folderLike ? await modelFileIn(join(folder, entry.name)) : join(folder, entry.name);
    if (path === null) {
      skipped.push(`${entry.name}: no model file in it`);
      continue;
    }
    const real = await realpath(path).catch(() => null);
    if (real === null || !inside(root, real)) {
      skipped.push(`${entry.name}: ${real === null ? 'cannot be read' : 'links outside the folder'}`);
      continue;
    }
    found.push({ ...position, path, name: entry.name });
  }
  found.sort((a, b) => a.step - b.step || a.name.localeCompare(b.name));
  const checkpoints: SeriesCheckpoint[] = [];
  for (const c of found) {
    if (checkpoints.at(-1)?.step === c.step) skipped.push(`${c.name}: step ${c.step} again (the first is used)`);
    else if (checkpoints.length >= maxSeriesCheckpoints) skipped.push(`${c.name}: beyond the first ${maxSeriesCheckpoints} checkpoints`);
    else checkpoints.push({ step: c.step, path: c.path });
  }
  const unit = found.length > 0 && found.every((c) => c.unit === 'epoch') ? 'epoch' : 'step';
  return { folder, unit, checkpoints, skipped };
}
