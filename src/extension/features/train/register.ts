/** Train, Train All, Stop, and the stored runs: Show Run, Compare Runs, Delete Run. */
import * as vscode from 'vscode';
import type { RunOutcome } from '../../../worker/keptRun';
import type { Feature, RegLensContext } from '../../context';
import { Disposer } from '../../disposer';
import { registerCommand } from '../../registry';
import { untrusted } from '../../text';
import type { ConfigFile, TrainTarget } from '../../workspace/configFile';
import { experimentTargets, findOrPickRuns, loadRuns, pickExperiment, pickRuns, requireTrust } from '../../workspace/pickers';
import { announce, type Notify } from './announce';
import { batchMessage, stopMessage } from './messages';

/** How long the status bar confirms a Stop. */
const stopMessageMs = 5000;

/**
 * Trains one experiment and tells how it went; `quiet`: no notification when it completes (failures
 * still get one); `runsDir`: a comparison's run store.
 */
export async function trainAndTell(context: RegLensContext, target: TrainTarget, quiet: boolean | Notify = false, runsDir?: string): Promise<RunOutcome> {
  const outcome = await context.jobs.train(target, runsDir);
  if (outcome.kind !== 'cancelled') context.runIndex.invalidate();
  announce(target, outcome, context.log, quiet === true ? 'errors' : quiet === false ? 'all' : quiet);
  return outcome;
}

/** Trains every experiment that can train, side by side, and tells the batch's result once (with a comparison of its runs). */
async function trainBatch(context: RegLensContext, file: ConfigFile | undefined): Promise<RunOutcome[]> {
  const found = await experimentTargets(context, file);
  if (!found) return [];
  const outcomes = await Promise.all(found.targets.map((target) => trainAndTell(context, target, 'none')));
  const results = found.targets.map((target, i) => ({ name: target.experiment.name, outcome: outcomes[i]! }));
  const runs = outcomes.flatMap((outcome) => (outcome.kind !== 'cancelled' && outcome.record ? [outcome.record] : []));
  const text = batchMessage(results, found.blocked);
  const failed = outcomes.some((outcome) => outcome.kind === 'error') || found.blocked.length > 0;
  const actions = [...(runs.length > 1 ? ['Compare Runs'] : runs.length === 1 ? ['Open Run'] : []), 'Show Output'];
  void (failed ? vscode.window.showWarningMessage(text, ...actions) : vscode.window.showInformationMessage(text, ...actions)).then((choice) => {
    if (choice === 'Show Output') context.log.show(true);
    else if (choice) context.views.showRuns(runs);
  });
  return outcomes;
}

export const trainFeature: Feature = (context) => {
  const { log, configs, views } = context;
  const disposer = new Disposer();
  const command = disposer.add.bind(disposer);

  // From the editor title VS Code passes the file's Uri first; from lenses, views and tests, (name, config).
  command(
    registerCommand('train', async (name, config) => {
      if (!requireTrust()) return undefined;
      const [experiment, file] = name instanceof vscode.Uri ? [undefined, name] : [name, config];
      const target = await pickExperiment(context, experiment, file);
      return target && trainAndTell(context, target);
    }, log),
  );
  command(
    registerCommand('trainAll', async (config) => {
      if (!requireTrust()) return [];
      return trainBatch(context, config === undefined ? undefined : await configs.named(config));
    }, log),
  );
  command(
    registerCommand('stop', () => {
      const stopped = context.jobs.stopAll();
      vscode.window.setStatusBarMessage(stopMessage(stopped), stopMessageMs);
      return stopped;
    }, log),
  );
  command(
    registerCommand('showRun', async (experiment, id) => {
      const runs = await findOrPickRuns(context, 'Show which run?', false, experiment, id);
      if (runs.length > 0) views.showRuns(await loadRuns(runs));
    }, log),
  );
  command(
    registerCommand('compareRuns', async () => {
      const runs = await pickRuns(context, 'Compare which runs? (pick two or more)', true);
      if (runs.length === 1) void vscode.window.showInformationMessage('RegLens: pick at least two runs to compare; showing the one picked.');
      if (runs.length > 0) views.showRuns(await loadRuns(runs));
    }, log),
  );
  command(
    registerCommand('deleteRun', async (experiment, id) => {
      const [stored] = await findOrPickRuns(context, 'Delete which run?', false, experiment, id);
      if (!stored) return false;
      const { file, run } = stored;
      const confirmed = await vscode.window.showWarningMessage(`Delete the run ${run.id} of ${untrusted(run.experiment)}? Its folder is removed.`, { modal: true }, 'Delete');
      if (confirmed !== 'Delete') return false;
      await file.runs.delete(run.experiment, run.id);
      log.info(`deleted run ${run.id} of ${run.experiment}`);
      context.runIndex.invalidate();
      return true;
    }, log),
  );
  return disposer;
};
