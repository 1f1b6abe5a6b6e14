/** The repository's root, found above the compiled test (out/test/unit/...) or the working directory. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(): string {
  for (let dir of [__dirname, process.cwd()]) {
    for (;;) {
      if (existsSync(join(dir, 'media', 'data', 'iris.csv.gz'))) return dir;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`Cannot find the repository (media/data) above ${__dirname} or ${process.cwd()}.`);
}

export const repoRoot = findRoot();
export const mediaDir = join(repoRoot, 'media');
