/** Reading and validating the config file, as `train` and `tune` both do before any work. */
import { readFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { getNodeValue } from 'jsonc-parser';
import { experimentSpecs, parseConfig, validateConfig, type ExperimentSpec, type Problem, type ReglensConfig } from '../config';
import { createNodeHost } from '../config/nodeHost';
import { UsageError } from './args';
import { configFilePath } from './configPath';

export interface CheckedConfig {
  path: string;
  dir: string;
  text: string;
  problems: Problem[];
  hasErrors: boolean;
}

/** Reads and validates a config file, printing its problems to stderr as `path:line:col: severity: message`. */
export async function readConfig(configArgument: string): Promise<CheckedConfig> {
  const path = resolve(await configFilePath(configArgument));
  const dir = dirname(path);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${configArgument}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  const problems = validateConfig(text, createNodeHost({ workspaceFolder: workspaceFolder(dir), configDir: dir }));
  for (const problem of problems) process.stderr.write(`${problemLine(configArgument, problem)}\n`);
  return { path, dir, text, problems, hasErrors: problems.some((p) => p.severity === 'error') };
}

/** All experiments of a config that validated, or the one `experiment` names. */
export function chooseExperiments(config: CheckedConfig, experiment: string | null): ExperimentSpec[] {
  const parsed = getNodeValue(parseConfig(config.text).root!) as ReglensConfig;
  const experiments = experimentSpecs(parsed).filter((e) => experiment === null || e.name === experiment);
  if (experiments.length === 0) {
    const names = parsed.experiments.map((e) => e.name).join(', ');
    throw new UsageError(`${config.path} has no experiment named '${experiment}' (it has: ${names})`);
  }
  return experiments;
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
