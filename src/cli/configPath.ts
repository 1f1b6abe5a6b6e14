/** The config argument checked before reading: a missing file or a folder explained in words. */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from './args';

/** The file to read: `argument` itself, or the reglens.json inside a folder given as the config. */
export async function configFilePath(argument: string): Promise<string> {
  const found = await stat(argument).catch(() => null);
  if (found?.isDirectory()) {
    const inside = join(argument, 'reglens.json');
    if ((await stat(inside).catch(() => null))?.isFile()) return inside;
    throw new UsageError(`${argument} is a folder, not a config file, and has no reglens.json; give the file's path, or create one there with: reglens example ${argument}`);
  }
  if (!found) {
    throw new UsageError(`cannot read ${argument}: no such file; create the commented example with: reglens example${argument === 'reglens.json' ? '' : ' DIR'}`);
  }
  return argument;
}
