/** What the sidebar's buttons on a checkpoint entry run: the commands the Explorer, the palette and the config's lenses run. */
import * as vscode from 'vscode';
import type { CheckpointAction } from '../../../protocol/webview';
import { runCommand } from '../../registry';
import type { CheckpointListing } from '../logs/checkpointListing';

export function checkpointAction(listing: CheckpointListing, action: CheckpointAction, id: string): void {
  const entry = listing.entry(id);
  const latest = entry?.checkpoints.at(-1);
  if (!entry) return;
  if (action === 'diagnose' && latest) void runCommand('diagnoseCheckpoint', vscode.Uri.file(latest.path));
  else if (action === 'compare' && latest) void runCommand('compareCheckpoints', vscode.Uri.file(latest.path));
  else if (action === 'series' && entry.external) void runCommand('compareExternal', entry.external.name, entry.external.config);
  else if (action === 'series' && entry.folder) void runCommand('diagnoseCheckpointSeries', vscode.Uri.file(entry.folder));
}
