/** Compare Regularizers, and Show Comparison (a saved one, from the sidebar or the palette). */
import * as vscode from 'vscode';
import { comparisonHeader } from '../../../protocol/comparison';
import type { Feature, RegLensContext } from '../../context';
import { Disposer } from '../../disposer';
import { registerCommand } from '../../registry';
import { untrusted } from '../../text';
import { pickExperiment, requireTrust } from '../../workspace/pickers';
import { compareRegularizers } from './compareRegularizers';
import { storeOf } from './comparisonIndex';

export const compareFeature: Feature = (context) => {
  const { log } = context;
  const disposer = new Disposer();
  disposer.add(
    registerCommand('compareRegularizers', async (name, config) => {
      if (!requireTrust()) return undefined;
      const target = await pickExperiment(context, name, config, 'Compare the regularizers on which experiment?');
      if (!target) return undefined;
      const compared = await compareRegularizers(context, target);
      context.comparisons.invalidate();
      return compared;
    }, log),
  );
  disposer.add(registerCommand('showComparison', (experiment, id, config) => showComparison(context, experiment, id, config), log));
  return disposer;
};

/** Shows a saved comparison (named, or picked from every config folder's); true when one was shown. */
async function showComparison(context: RegLensContext, experiment: unknown, id: unknown, config: unknown): Promise<boolean> {
  const files = config === undefined ? await context.configs.all() : [await context.configs.named(config)].filter((f) => f !== undefined);
  const saved = (await Promise.all(files.map(async (file) => (await context.comparisons.comparisons(file)).map((record) => ({ file, record }))))).flat();
  const chosen =
    typeof id === 'string'
      ? saved.find(({ record }) => record.id === id && (experiment === undefined || record.experiment === experiment))
      : (await vscode.window.showQuickPick(
          saved.map((item) => ({ label: untrusted(item.record.experiment), description: `${item.record.entries.length} regularizers · ${item.record.createdAt}`, item })),
          { placeHolder: 'Show which comparison?' },
        ))?.item;
  if (!chosen) return false;
  const runs = await storeOf(chosen.file).runs(chosen.record);
  context.views.showComparison(runs, comparisonHeader(chosen.record, runs));
  return true;
}
