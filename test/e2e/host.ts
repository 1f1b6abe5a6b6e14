/**
 * The VS Code the suite drives: code-server 1.139 from ../shared/vscode-host (installed by
 * test/setup.sh), with the packaged VSIX installed into fresh extension and user-data folders
 * under the run's temporary folder, and workspace trust on (the suite answers VS Code's prompt).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

// As ../shared/vscode-host/setup.sh reads it: unset or empty means the default.
const cache = process.env.VSCODE_HOST_CACHE || '/tmp/vscode-host';
const codeServer = join(cache, 'code-server/node_modules/.bin/code-server');
const node24 = join(cache, 'node24/bin');

export interface HostDirs {
  root: string;
  extensions: string;
  userData: string;
}

/** Settings of a first start: quiet, offline, light, and asking whether to trust the workspace. */
const settings = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'always',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.tips.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.layoutControl.enabled': false,
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
  // The lines it pins over the editor's top would cover a lens there (a person would scroll; a click just misses).
  'editor.stickyScroll.enabled': false,
  'files.autoSave': 'off',
};

function environment(dirs: HostDirs): NodeJS.ProcessEnv {
  // code-server writes a default config under XDG_CONFIG_HOME: keep it in the run's folder.
  return { ...process.env, PATH: `${node24}:${process.env.PATH}`, XDG_CONFIG_HOME: join(dirs.root, 'xdg-config'), XDG_DATA_HOME: join(dirs.root, 'xdg-data') };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export function requireHost(): void {
  if (!existsSync(codeServer)) {
    throw new Error(`no code-server in ${cache}: run \`bash test/setup.sh\` (it installs ../shared/vscode-host's VS Code) or set VSCODE_HOST_CACHE`);
  }
}

/** `code-server --install-extension VSIX`, as a user installs a downloaded VSIX; returns the folder it unpacked. */
export function installVsix(dirs: HostDirs, vsix: string): string {
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const result = spawnSync(codeServer, ['--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData, '--install-extension', vsix], {
    env: environment(dirs),
    encoding: 'utf8',
  });
  if (result.status !== 0 || !/successfully installed/.test(result.stdout)) {
    throw new Error(`installing ${vsix} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  const installed = readdirSync(dirs.extensions).find((name) => name.startsWith('reglens.reglens-'));
  if (!installed) throw new Error(`the VSIX installed no reglens.reglens-* folder in ${dirs.extensions}`);
  return join(dirs.extensions, installed);
}

export class CodeServer {
  private constructor(
    private readonly process: ChildProcess,
    readonly origin: string,
    private readonly output: string[],
  ) {}

  static async start(dirs: HostDirs): Promise<CodeServer> {
    const port = await freePort();
    const args = [
      '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
      '--disable-getting-started-override', '--ignore-last-opened',
      '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
    ];
    const child = spawn(codeServer, args, { env: environment(dirs), stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const server = new CodeServer(child, `http://127.0.0.1:${port}`, output);
    await server.waitHealthy();
    return server;
  }

  /** The workbench's address with `folder` open. */
  url(folder: string): string {
    return `${this.origin}/?folder=${encodeURIComponent(folder)}`;
  }

  /** Resolves once /healthz answers; rejects if the server exits first. */
  private waitHealthy(): Promise<void> {
    return new Promise((resolve, reject) => {
      const exited = () => reject(new Error(`code-server exited before answering:\n${this.output.join('')}`));
      this.process.once('exit', exited);
      const poll = () => {
        fetch(`${this.origin}/healthz`)
          .then((response) => {
            if (!response.ok) throw new Error(String(response.status));
            this.process.off('exit', exited);
            resolve();
          })
          .catch(() => setTimeout(poll, 200));
      };
      poll();
    });
  }

  stop(): Promise<void> {
    if (this.process.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.process.once('exit', () => resolve());
      this.process.kill('SIGTERM');
    });
  }
}

/** Every log file VS Code wrote under the user-data folder whose name matches, newest session first. */
export function logFiles(dirs: HostDirs, name: RegExp): string[] {
  const root = join(dirs.userData, 'logs');
  if (!existsSync(root)) return [];
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.test(entry)) found.push(path);
    }
  };
  walk(root);
  return found;
}

export function readLog(path: string): string {
  return readFileSync(path, 'utf8');
}
