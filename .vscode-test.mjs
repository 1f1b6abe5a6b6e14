// Integration tests in a real VS Code (npm run test:integration). The fixture workspace is copied to a
// temporary folder first, so the runs the tests write never land in the repository.
import { defineConfig } from '@vscode/test-cli';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const workspace = join(mkdtempSync(join(tmpdir(), 'reglens-it-')), 'workspace');
cpSync(join(root, 'test/fixtures/workspace'), workspace, { recursive: true });

// Offline, VS Code is the code-server stand-in in ../shared/vscode-host (see its README), started by
// test/integration/codeTest.sh; elsewhere (unset and absent) @vscode/test-electron downloads VS Code as usual.
const sharedHost = resolve(root, '../shared/vscode-host/code-test');
const executable = process.env.VSCODE_EXECUTABLE_PATH ?? (existsSync(sharedHost) ? join(root, 'test/integration/codeTest.sh') : undefined);

export default defineConfig({
  files: 'out/test/integration/**/*.test.js',
  workspaceFolder: workspace,
  ...(executable ? { useInstallation: { fromPath: executable } } : {}),
  mocha: { ui: 'tdd', timeout: 60000, color: false },
});
