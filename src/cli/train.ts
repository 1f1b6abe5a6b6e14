/** `reglens train`: validate the config, train each experiment with progress, save runs, summarize. */
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { getNodeValue } from 'jsonc-parser';
import { experimentSpecs, parseConfig, validateConfig, type ExperimentSpec, type Problem, type ReglensConfig } from '../config';
import { createNodeHost } from '../config/nodeHost';
import { runExperiment } from '../io/runExperiment';
import { RunStore } from '../io/runStore';
import { UsageError, type Command } from './args';
import { Progress } from './progress';
import { outcomeJson, summaryTable, type Outcome } from './summary';

type TrainCommand = Extract<Command, { name: 'train' }>;

/** Returns the exit code: 0 ok, 1 a training failed, 2 a bad config. */
export async function trainCommand(command: TrainCommand, mediaDir: string): Promise<number> {
  const configPath = resolve(command.config);
  const configDir = dirname(configPath);
  const text = await readFile(configPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${command.config}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  const problems = validateConfig(text, createNodeHost({ workspaceFolder: workspaceFolder(configDir), configDir }));
  for (const problem of problems) process.stderr.write(`${problemLine(command.config, problem)}\n`);
  if (problems.some((p) => p.severity === 'error')) {
    if (command.json) writeJson({ config: configPath, problems: problems.map(problemJson) });
    return 2;
  }

  const store = new RunStore(resolve(command.out ?? configDir));
  const outcomes: Outcome[] = [];
  for (const experiment of chosenExperiments(command, text)) {
    outcomes.push(await trainOne(experiment, { configDir, mediaDir, store }));
  }

  if (command.json) {
    writeJson({ config: configPath, store: store.runsDir, problems: problems.map(problemJson), runs: outcomes.map(outcomeJson) });
  } else {
    process.stdout.write(`\n${summaryTable(outcomes)}\n`);
    if (outcomes.some((o) => 'record' in o)) process.stdout.write(`\nRuns saved in ${relative(process.cwd(), store.runsDir)}\n`);
  }
  return outcomes.some((o) => 'error' in o || o.record.summary.stopReason === 'diverged') ? 1 : 0;
}

/** All experiments of a config that validated, or the one --experiment names. */
function chosenExperiments(command: TrainCommand, text: string): ExperimentSpec[] {
  const config = getNodeValue(parseConfig(text).root!) as ReglensConfig;
  const experiments = experimentSpecs(config).filter((e) => command.experiment === null || e.name === command.experiment);
  if (experiments.length === 0) {
    const names = config.experiments.map((e) => e.name).join(', ');
    throw new UsageError(`${command.config} has no experiment named '${command.experiment}' (it has: ${names})`);
  }
  return experiments;
}

async function trainOne(experiment: ExperimentSpec, where: { configDir: string; mediaDir: string; store: RunStore }): Promise<Outcome> {
  const progress = new Progress(process.stderr, experiment.name, experiment.spec.training.epochs);
  try {
    const record = await runExperiment(experiment, {
      configDir: where.configDir,
      mediaDir: where.mediaDir,
      storeRoot: where.store.root,
      config: experiment.config,
      onEpoch: (report) => progress.update(report),
    });
    progress.finish(record.summary.message);
    return { experiment: experiment.name, record, dir: where.store.runDir(record.experiment, record.id) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    progress.finish(`failed: ${message}`);
    return { experiment: experiment.name, error: message };
  }
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

function problemJson(problem: Problem): object {
  const { line, character } = problem.range.start;
  return { line: line + 1, column: character + 1, severity: problem.severity, message: problem.message, code: problem.code };
}

function writeJson(value: object): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
