/**
 * npm run test:e2e: installs the packaged VSIX into a real VS Code (code-server 1.139 from
 * ../shared/vscode-host) and walks the product through its UI in Chromium. Everything it writes
 * (VS Code's folders, the workspace copies, the screenshots) goes under one temporary folder,
 * printed at the start; the run fails on a failed step or on any error the extension host or a
 * webview logged.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeServer, installVsix, requireHost, type HostDirs } from './host';
import * as steps from './steps';
import { Suite } from './suite';
import { Workbench } from './workbench';

// The bundle runs from out/test/e2e/.
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
const vsix = join(repo, `reglens-${version}.vsix`);

/**
 * A fresh copy of the fixture workspace with a folder of checkpoints over training (the series
 * fixture); `untrusted` names a CSV column that is not there, to show the CSV is never read.
 */
function workspaceCopy(root: string, name: string, untrusted = false): steps.Workspace {
  const folder = join(root, name);
  cpSync(join(repo, 'test/e2e/workspace'), folder, { recursive: true });
  cpSync(join(repo, 'test/fixtures/series/steps'), join(folder, 'checkpoints', 'steps'), { recursive: true });
  if (untrusted) {
    const config = join(folder, 'reglens.json');
    writeFileSync(config, readFileSync(config, 'utf8').replace('"target": "label"', '"target": "species"'));
  }
  return new steps.Workspace(folder);
}

async function main(): Promise<number> {
  requireHost();
  if (!existsSync(vsix)) throw new Error(`no ${vsix}: run \`npm run package\` first`);
  const root = mkdtempSync(join(tmpdir(), 'reglens-e2e-'));
  console.log(`e2e: VSIX ${vsix} (${(statSync(vsix).size / 1024 / 1024).toFixed(2)} MB); everything under ${root}`);
  const dirs: HostDirs = { root, extensions: join(root, 'extensions'), userData: join(root, 'user-data') };
  installVsix(dirs, vsix);
  const server = await CodeServer.start(dirs);
  const workbench = await Workbench.launch();
  const suite = new Suite(workbench, dirs);
  console.log(`e2e: screenshots in ${suite.shots}`);
  let failed = false;
  try {
    const ws = workspaceCopy(root, 'workspace');
    await steps.openWorkspace(suite, workbench, server.url(ws.folder), ws);
    await steps.trainWithLiveCharts(suite, workbench, ws);
    await steps.tuneAndApply(suite, workbench, ws);
    await steps.brokenFile(suite, workbench, ws);
    await steps.stopLongRun(suite, workbench, ws);
    await steps.reopenTuning(suite, workbench);
    await steps.compareRuns(suite, workbench);
    await steps.halvingRegression(suite, workbench, ws);
    await steps.compareCheckpointsFromSidebar(suite, workbench);
    const untrusted = workspaceCopy(root, 'untrusted', true);
    await steps.untrustedWorkspace(suite, workbench, server.url(untrusted.folder), untrusted);
  } catch (error) {
    console.error(error);
    failed = true;
  } finally {
    await workbench.close();
    await server.stop();
  }
  const errors = suite.errors();
  for (const error of errors) console.error(`e2e: logged error: ${error}`);
  const total = suite.times.reduce((sum, t) => sum + t.seconds, 0);
  console.log(`e2e: ${suite.times.length} steps passed in ${total.toFixed(1)} s; screenshots in ${suite.shots}`);
  return failed || errors.length > 0 ? 1 : 0;
}

process.exitCode = await main();
