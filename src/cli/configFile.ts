/** Reading and validating the config file, as `train` and `tune` both do before any work. */
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { checkConfig, type ExperimentSpec, type Problem } from '../config';
import { createNodeHost } from '../config/nodeHost';
import { UsageError } from './args';
import { configFilePath } from './configPath';

export interface CheckedConfig {
  path: string;
  dir: string;
  /** The file's text (without a byte order mark), for edits that keep its comments and layout. */
  text: string;
  problems: Problem[];
  hasErrors: boolean;
  /** The experiments read from the same parse that validated; empty when there are errors. */
  experiments: ExperimentSpec[];
}

/** Reads and validates a config file, printing its problems to stderr as `path:line:col: severity: message`. */
export async function readConfig(configArgument: string): Promise<CheckedConfig> {
  const path = resolve(await configFilePath(configArgument));
  const dir = dirname(path);
  const read = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${configArgument}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  // Editors (VS Code among them) accept a UTF-8 byte order mark and do not count it as a character.
  const text = read.replace(/^\uFEFF/, '');
  const { problems, experiments } = checkConfig(text, createNodeHost({ workspaceFolder: workspaceFolder(dir), configDir: dir }));
  for (const problem of problems) process.stderr.write(`${problemLine(configArgument, problem)}\n`);
  return { path, dir, text, problems, hasErrors: problems.some((p) => p.severity === 'error'), experiments };
}

/** All experiments of a config that validated, or the one `experiment` names. */
export function chooseExperiments(config: CheckedConfig, experiment: string | null): ExperimentSpec[] {
  const experiments = config.experiments.filter((e) => experiment === null || e.name === experiment);
  if (experiments.length === 0) {
    const names = config.experiments.map((e) => e.name).join(', ');
    throw new UsageError(`${config.path} has no experiment named '${experiment}' (it has: ${names})`);
  }
  return experiments;
}

/** `--out` must name a folder (or nothing yet): checked before any training, which it would otherwise waste. */
export async function checkOutFolder(out: string | null): Promise<void> {
  if (out === null) return;
  const found = await stat(out).catch(() => null);
  if (found && !found.isDirectory()) throw new UsageError(`--out ${out} is not a folder: runs are saved under <folder>/.reglens/`);
}

/** CSV files must stay inside the workspace: the current folder when the config is in it, else the config's folder. */
function workspaceFolder(configDir: string): string {
  const cwd = process.cwd();
  return configDir === cwd || configDir.startsWith(cwd + sep) ? cwd : configDir;
}

/** `path:line:col: severity: message`, 1-based as editors and compilers print them. */
function problemLine(path: string, problem: Problem): string {
  const { line, character } = problem.range.start;
  return `${path}:${line + 1}:${character + 1}: ${problem.severity}: ${problem.message}`;
}

export function problemJson(problem: Problem): object {
  const { line, character } = problem.range.start;
  return { line: line + 1, column: character + 1, severity: problem.severity, message: problem.message, code: problem.code };
}
