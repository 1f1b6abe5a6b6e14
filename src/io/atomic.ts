import { randomBytes } from 'node:crypto';
import { link, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temporary files of writeFileAtomic end in this; readers of a folder skip them. */
export const tempSuffix = '.tmp';

/**
 * Writes a file so that readers see the old content or the new one, never a mix: the data goes to a
 * temporary file in the same folder (a rename across file systems is not atomic), is flushed to disk,
 * then renamed over the target. `exclusive`: fail with EEXIST instead of replacing an existing file
 * (the temporary file is linked to the target, which, unlike a rename, never replaces it).
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string, options: { exclusive?: boolean } = {}): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}${tempSuffix}`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.exclusive) {
      await link(temp, path);
      await rm(temp);
    } else await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(dirname(path));
}

/** Makes the rename itself durable; folders cannot be opened for sync on Windows, where this is skipped. */
async function syncFolder(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A hidden temporary folder beside `dir`'s entries, for an entry `name` being written; readers skip it. */
export function tempFolder(dir: string, name: string): string {
  return join(dir, `.${name}.${randomBytes(4).toString('hex')}${tempSuffix}`);
}

/**
 * Renames a folder into place, never over another with content: a taken target fails with code
 * EEXIST (Linux says ENOTEMPTY, Windows EPERM), so saveUnderFreeId can retry under a new name.
 */
export async function moveFolder(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const taken = code === 'ENOTEMPTY' || code === 'EEXIST' || (code === 'EPERM' && (await stat(to).then(() => true, () => false)));
    if (taken) throw Object.assign(new Error(`${to} exists`), { code: 'EEXIST' });
    throw error;
  }
  await syncFolder(dirname(to));
}
