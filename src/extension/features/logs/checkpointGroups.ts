/**
 * The sidebar's checkpoint entries from the files the `reglens.checkpoints.globs` setting found. A
 * folder that reads as a series of two or more checkpoints (by findCheckpointSeries, the rule every
 * series view uses) is one entry, and the files of its checkpoints fold into it; every other model
 * file is an entry of its own. No vscode here.
 */
import { basename, dirname, relative, isAbsolute, sep } from 'node:path';
import { isModelFile, type FoundSeries } from '../../../io/checkpoints';

export interface CheckpointGroup {
  kind: 'file' | 'series';
  /** The file, or the series' folder. */
  path: string;
  unit: 'step' | 'epoch';
  /** In step order (the last is the latest); a file's one checkpoint has no step. */
  checkpoints: { step: number | null; path: string }[];
}

/** Folders looked at as possible series: each costs a directory listing. */
export const maxCandidateFolders = 200;

function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}

/**
 * Groups `files` (absolute paths) into series and single files. Series are looked for in each file's
 * folder and the folder above it (a Hugging Face `checkpoint-N/` holds its model), inside `roots` only.
 */
export async function groupCheckpoints(files: readonly string[], roots: readonly string[], findSeries: (folder: string) => Promise<FoundSeries | null>): Promise<CheckpointGroup[]> {
  const candidates = [...new Set(files.flatMap((file) => [dirname(file), dirname(dirname(file))]))]
    .filter((folder) => roots.some((root) => within(root, folder)))
    .slice(0, maxCandidateFolders);
  const found = await Promise.all(candidates.map((folder) => findSeries(folder)));
  const series = found.filter((s): s is FoundSeries => s !== null && s.checkpoints.length >= 2);
  const folded = new Set<string>();
  for (const s of series) {
    for (const { path } of s.checkpoints) {
      folded.add(path);
      if (dirname(path) !== s.folder) folded.add(dirname(path));
    }
  }
  const groups: CheckpointGroup[] = series.map((s) => ({ kind: 'series', path: s.folder, unit: s.unit, checkpoints: s.checkpoints.map(({ step, path }) => ({ step, path })) }));
  for (const file of new Set(files)) {
    if (folded.has(file) || folded.has(dirname(file)) || !isModelFile(basename(file))) continue;
    groups.push({ kind: 'file', path: file, unit: 'step', checkpoints: [{ step: null, path: file }] });
  }
  return groups.sort((a, b) => a.path.localeCompare(b.path));
}
