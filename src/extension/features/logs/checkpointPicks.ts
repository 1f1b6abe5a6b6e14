/** The quick picks of Compare Checkpoints: which listed checkpoint, and which to compare it with. */
import * as vscode from 'vscode';
import { untrusted } from '../../text';
import { baseChoices } from './checkpointChoices';
import type { CheckpointListing } from './checkpointListing';

const title = 'RegLens: Compare Checkpoints';

/** A listed entry's latest checkpoint. */
export async function pickListed(listing: CheckpointListing): Promise<vscode.Uri | undefined> {
  const items = listing.entries().flatMap((entry) => {
    const latest = entry.checkpoints.at(-1);
    return latest ? [{ label: untrusted(entry.item.label), description: entry.checkpoints.length > 1 ? `its latest of ${entry.checkpoints.length}` : '', path: latest.path }] : [];
  });
  if (items.length === 0) return void vscode.window.showInformationMessage('RegLens lists no checkpoints in this workspace (setting reglens.checkpoints.globs; trusted workspaces only).');
  const chosen = await vscode.window.showQuickPick(items, { title, placeHolder: 'The checkpoint to compare (W₁)' });
  return chosen && vscode.Uri.file(chosen.path);
}

/** The checkpoint to compare `target` with, its own series' first offered first. */
export async function pickBase(listing: CheckpointListing, target: vscode.Uri): Promise<vscode.Uri | undefined> {
  const entries = listing.entries().map((entry) => ({ label: entry.item.label, unit: entry.unit, checkpoints: entry.checkpoints }));
  const choices = baseChoices(entries, target.fsPath);
  if (choices.length === 0) return void vscode.window.showInformationMessage('RegLens lists no other checkpoint to compare with.');
  const items = choices.map((choice) => ({ ...choice, label: untrusted(choice.label) }));
  const chosen = await vscode.window.showQuickPick(items, { title, placeHolder: `Compare ${untrusted(vscode.workspace.asRelativePath(target))} with (W₀, the base of ‖W₁ − W₀‖ / ‖W₀‖)` });
  return chosen && vscode.Uri.file(chosen.path);
}
