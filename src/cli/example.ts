/** `reglens example [DIR]`: the commented example config the README's quick start uses. */
import { copyFile, constants, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from './args';

export async function writeExample(dir: string, force: boolean, mediaDir: string): Promise<string> {
  const target = join(dir, 'reglens.json');
  await mkdir(dir, { recursive: true });
  try {
    await copyFile(join(mediaDir, 'example.reglens.json'), target, force ? 0 : constants.COPYFILE_EXCL);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${target} exists; use --force to overwrite it`);
    throw error;
  }
  return target;
}
