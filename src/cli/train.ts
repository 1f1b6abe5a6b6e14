/** `reglens train`: validate the config, train each experiment with progress, save runs, summarize. */
import { relative, resolve } from 'node:path';
import type { ExperimentSpec } from '../config';
import { isUsefulRun } from '../core';
import type { HelperThread } from '../io/helperThread';
import { runExperiment } from '../io/runExperiment';
import { RunStore } from '../io/runStore';
import type { Command } from './args';
import { checkOutFolder, chooseExperiments, problemJson, readConfig } from './configFile';
import { explainTraining, trainFacts } from './explain';
import { startHelper } from './helper';
import { Progress } from './progress';
import { outcomeJson, summaryTable, type Outcome } from './summary';

type TrainCommand = Extract<Command, { name: 'train' }>;

/**
 * Returns the exit code: 0 ok, 1 a training failed, 2 a bad config. Experiments train one at a time,
 * each with the helper thread (`helperScript`: see startHelper).
 */
export async function trainCommand(command: TrainCommand, mediaDir: string, helperScript: string): Promise<number> {
  const config = await readConfig(command.config);
  if (config.hasErrors) {
    if (command.json) writeJson({ config: config.path, problems: config.problems.map(problemJson) });
    return 2;
  }
  await checkOutFolder(command.out);

  const store = new RunStore(resolve(command.out ?? config.dir));
  const outcomes: Outcome[] = [];
  const helper = startHelper(helperScript);
  for (const experiment of chooseExperiments(config, command.experiment)) {
    outcomes.push(await trainOne(experiment, { configDir: config.dir, mediaDir, store, helper }));
  }

  if (command.json) {
    writeJson({ config: config.path, store: store.runsDir, problems: config.problems.map(problemJson), runs: outcomes.map(outcomeJson), explanation: trainFacts(outcomes) });
  } else {
    process.stdout.write(`\n${summaryTable(outcomes)}\n\n${explainTraining(trainFacts(outcomes))}\n`);
    if (outcomes.some((o) => 'record' in o)) process.stdout.write(`\nRuns saved in ${relative(process.cwd(), store.runsDir)}\n`);
  }
  return outcomes.some((o) => 'error' in o || !isUsefulRun(o.record.summary.stopReason)) ? 1 : 0;
}

async function trainOne(experiment: ExperimentSpec, where: { configDir: string; mediaDir: string; store: RunStore; helper?: HelperThread }): Promise<Outcome> {
  const progress = new Progress(process.stderr, experiment.name, experiment.spec.training.epochs);
  try {
    const record = await runExperiment(experiment, {
      configDir: where.configDir,
      mediaDir: where.mediaDir,
      storeRoot: where.store.root,
      config: experiment.config,
      onEpoch: (report) => progress.update(report),
      onWarning: (message) => process.stderr.write(`${experiment.name}: warning: ${message}\n`),
      helper: where.helper,
    });
    progress.finish(record.summary.message);
    return { experiment: experiment.name, record, dir: where.store.runDir(record.experiment, record.id) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    progress.finish(`failed: ${message}`);
    return { experiment: experiment.name, error: message };
  }
}

function writeJson(value: object): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
