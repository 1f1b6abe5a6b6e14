/** Dashboard panels VS Code gives back after a window reload, with the state their pages saved. */
import * as vscode from 'vscode';
import { isAbsolute, relative } from 'node:path';
import { checkShownRuns, checkTuningRecord, type TuningRecord } from '../../../protocol/webview';
import type { RegLensContext } from '../../context';
import { runCommand } from '../../registry';
import { storedRunsById } from '../../workspace/pickers';
import { DashboardPanel } from './dashboardPanel';

/**
 * After a window reload VS Code hands back each dashboard panel with the state its page saved: a
 * tuning panel gets its saved record again, the runs panel its runs read again from the store (a
 * run deleted meanwhile is gone), its training logs opened and its checkpoint series read again.
 */
export async function restoreDashboard(context: RegLensContext, panel: vscode.WebviewPanel, state: unknown): Promise<void> {
  const log = (message: string) => context.log.warn(message);
  const field = (name: string) => (typeof state === 'object' && state !== null ? (state as Record<string, unknown>)[name] : undefined);
  const checked = field('tuning') ? checkTuningRecord(field('tuning'), 'tuning') : null;
  const tuning: TuningRecord | null = checked?.ok ? checked.value : null;
  if (tuning) {
    for (const file of await context.configs.all()) {
      if ((await context.tunings.list(file, tuning.experiment)).some((t) => t.id === tuning.id)) return context.views.showTuning(tuning, file, panel);
    }
    log(`The restored tuning ${tuning.id} of ${tuning.experiment} is no longer stored.`);
  }
  const runIds = (checkShownRuns(field('runs') ?? []) ?? []).map((run) => run.id);
  DashboardPanel.revive(panel, context.extensionUri, await storedRunsById(context, runIds), { log });
  for (const uri of await restoredPaths(field('logs'))) await runCommand('openTrainingLog', uri);
  for (const uri of await restoredPaths(field('series'))) await runCommand('diagnoseCheckpointSeries', uri);
}

/** The logs or checkpoint folders a restored page names (untrusted state): only files or folders inside the workspace that still exist, in a trusted workspace. */
async function restoredPaths(value: unknown): Promise<vscode.Uri[]> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!vscode.workspace.isTrusted || !Array.isArray(value)) return [];
  const uris: vscode.Uri[] = [];
  for (const source of value.filter((v): v is string => typeof v === 'string').slice(0, 50)) {
    const candidates = isAbsolute(source) ? [vscode.Uri.file(source)] : folders.map((folder) => vscode.Uri.joinPath(folder.uri, source));
    for (const uri of candidates) {
      const inside = folders.some((folder) => !relative(folder.uri.fsPath, uri.fsPath).startsWith('..') && !isAbsolute(relative(folder.uri.fsPath, uri.fsPath)));
      if (inside && (await exists(uri))) {
        uris.push(uri);
        break;
      }
    }
  }
  return uris;
}

function exists(uri: vscode.Uri): Thenable<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}
