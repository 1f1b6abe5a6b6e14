/**
 * The inspect feature: the checkpoint custom editor, "RegLens: Diagnose Checkpoint…" and the
 * Explorer's context-menu entry, which open a file in that editor.
 */
import * as vscode from 'vscode';
import type { Feature } from '../../context';
import { Disposer } from '../../disposer';
import { openWith, registerCommand } from '../../registry';
import { checkpointFilters, CheckpointEditorProvider } from './checkpointEditor';

export const inspectFeature: Feature = (context) => {
  const { log } = context;
  const disposer = new Disposer();
  const provider = new CheckpointEditorProvider(context.extensionUri, (message) => log.warn(message));
  // One provider under two names: the default editor for unambiguous extensions, an option for .bin and .h5.
  for (const viewType of [CheckpointEditorProvider.viewType, CheckpointEditorProvider.optionalViewType]) {
    disposer.add(vscode.window.registerCustomEditorProvider(viewType, provider, { supportsMultipleEditorsPerDocument: true }));
  }
  disposer.add(
    registerCommand('diagnoseCheckpoint', async (file) => {
      const target = file instanceof vscode.Uri ? file : await pickCheckpoint();
      return target && openWith(target, CheckpointEditorProvider.viewType);
    }, log),
  );
  return disposer;
};

async function pickCheckpoint(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ title: 'Diagnose Checkpoint', canSelectMany: false, filters: checkpointFilters, openLabel: 'Diagnose' });
  return picked?.[0];
}
