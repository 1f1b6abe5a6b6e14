/**
 * `reglens example [DIR]`: the commented example configs: reglens.json (digits, the README's quick
 * start) and boundary.reglens.json (a 2-D set where regularization visibly smooths the boundary).
 */
import { copyFile, constants, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from './args';

const examples = [
  { source: 'example.reglens.json', target: 'reglens.json' },
  { source: 'example-boundary.reglens.json', target: 'boundary.reglens.json' },
];

/** Writes both examples into dir; returns their paths. Nothing is overwritten without `force`. */
export async function writeExample(dir: string, force: boolean, mediaDir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const targets = examples.map((example) => join(dir, example.target));
  for (const [i, example] of examples.entries()) {
    try {
      await copyFile(join(mediaDir, example.source), targets[i], force ? 0 : constants.COPYFILE_EXCL);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${targets[i]} exists; use --force to overwrite it`);
      throw error;
    }
  }
  return targets;
}
