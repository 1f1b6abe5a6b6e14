/**
 * The inspect feature: the checkpoint custom editor, "RegLens: Diagnose Checkpoint…" and the
 * Explorer's context-menu entry, which open a file in that editor.
 */
import * as vscode from 'vscode';
import { CheckpointEditorProvider, checkpointEditorViewType, optionalCheckpointEditorViewType } from './checkpointEditor';

export const diagnoseCheckpointCommand = 'reglens.diagnoseCheckpoint';

const checkpointFilters = { Checkpoints: ['safetensors', 'json', 'pt', 'pth', 'bin', 'keras', 'h5', 'hdf5'] };

export function registerInspect(context: vscode.ExtensionContext): vscode.Disposable {
  const output = vscode.window.createOutputChannel('RegLens Checkpoints');
  const provider = new CheckpointEditorProvider(context.extensionUri, (message) => output.appendLine(message));
  return vscode.Disposable.from(
    output,
    // One provider under two names: the default editor for unambiguous extensions, an option for .bin and .h5.
    ...[checkpointEditorViewType, optionalCheckpointEditorViewType].map((viewType) =>
      vscode.window.registerCustomEditorProvider(viewType, provider, { supportsMultipleEditorsPerDocument: true }),
    ),
    vscode.commands.registerCommand(diagnoseCheckpointCommand, async (uri?: vscode.Uri) => {
      const target = uri ?? (await pickCheckpoint());
      if (target) await vscode.commands.executeCommand('vscode.openWith', target, checkpointEditorViewType);
    }),
  );
}

async function pickCheckpoint(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ title: 'Diagnose Checkpoint', canSelectMany: false, filters: checkpointFilters, openLabel: 'Diagnose' });
  return picked?.[0];
}
