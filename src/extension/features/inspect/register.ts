/**
 * The inspect feature: the checkpoint custom editor, "RegLens: Diagnose Checkpoint…" and the
 * Explorer's context-menu entry, which open a file in that editor, and "RegLens: Compare
 * Checkpoints…" (the sidebar's Compare…), which opens one with another compared against it.
 */
import * as vscode from 'vscode';
import type { Feature } from '../../context';
import { Disposer } from '../../disposer';
import { openWith, registerCommand } from '../../registry';
import { pickBase, pickListed } from '../logs/checkpointPicks';
import { checkpointFilters, CheckpointEditorProvider } from './checkpointEditor';

export const inspectFeature: Feature = (context) => {
  const { log } = context;
  const disposer = new Disposer();
  const provider = new CheckpointEditorProvider(context.extensionUri, (message) => log.warn(message), (base, comparison) => context.checkpointComparisons.fire({ base, comparison }));
  // One provider under two names: the default editor for unambiguous extensions, an option for .bin and .h5.
  for (const viewType of [CheckpointEditorProvider.viewType, CheckpointEditorProvider.optionalViewType]) {
    disposer.add(vscode.window.registerCustomEditorProvider(viewType, provider, { supportsMultipleEditorsPerDocument: true }));
  }
  disposer.push(
    registerCommand('diagnoseCheckpoint', async (file) => {
      const target = file instanceof vscode.Uri ? file : await pickCheckpoint();
      return target && openWith(target, CheckpointEditorProvider.viewType);
    }, log),
    // The sidebar's Compare…: `target` (W₁) against `base` (W₀), each picked from the listed checkpoints when not given.
    registerCommand('compareCheckpoints', async (target, base) => {
      const other = target instanceof vscode.Uri ? target : await pickListed(context.checkpoints);
      const from = other && (base instanceof vscode.Uri ? base : await pickBase(context.checkpoints, other));
      if (other && from) await provider.openCompared(from, other);
    }, log),
  );
  return disposer;
};

async function pickCheckpoint(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ title: 'Diagnose Checkpoint', canSelectMany: false, filters: checkpointFilters, openLabel: 'Diagnose' });
  return picked?.[0];
}
