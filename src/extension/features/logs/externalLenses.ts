/**
 * Lenses on a config's `external` block: 🔍 Diagnose opens the entry's checkpoints (the checkpoint
 * editor for one file, the series by step for a folder); Compare shows its log and checkpoints by step
 * in the dashboard, beside the latest run of the experiment it names. Only entries without a problem
 * get lenses, and only in a trusted workspace (an untrusted one never has these files read).
 */
import { resolve } from 'node:path';
import * as vscode from 'vscode';
import { locateExternal, type ExternalLocation, type Problem, type TextRange } from '../../../config';
import type { RegLensContext } from '../../context';
import { commandLink } from '../../registry';
import { untrusted } from '../../text';
import type { ConfigFile } from '../../workspace/configFile';

function within(inner: TextRange, outer: TextRange): boolean {
  const before = (a: TextRange['start'], b: TextRange['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** The config's entries that validate, with their paths resolved against the config's folder. */
export function usableEntries(file: ConfigFile, text: string, problems: readonly Problem[]): (ExternalLocation & { checkpointsUri: vscode.Uri | null; logUri: vscode.Uri | null })[] {
  return locateExternal(text)
    .filter((entry) => !problems.some((p) => p.severity === 'error' && within(p.range, entry.range)))
    .map((entry) => ({
      ...entry,
      checkpointsUri: entry.checkpoints === null ? null : vscode.Uri.file(resolve(file.folder, entry.checkpoints)),
      logUri: entry.log === null ? null : vscode.Uri.file(resolve(file.folder, entry.log)),
    }));
}

export class ExternalLenses implements vscode.CodeLensProvider {
  constructor(private readonly context: RegLensContext) {}

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const file = this.context.configs.find(document.uri);
    if (!file || !vscode.workspace.isTrusted) return [];
    const text = document.getText();
    const entries = usableEntries(file, text, file.contentOf(text).problems);
    const lenses = await Promise.all(entries.map(async (entry) => {
      const at = new vscode.Range(entry.range.start.line, entry.range.start.character, entry.range.start.line, entry.range.start.character);
      const shown = untrusted(entry.name);
      const found: vscode.CodeLens[] = [];
      if (entry.checkpointsUri) {
        const isFolder = (await vscode.workspace.fs.stat(entry.checkpointsUri).then((s) => s.type === vscode.FileType.Directory, () => false));
        found.push(new vscode.CodeLens(at, isFolder
          ? commandLink('diagnoseCheckpointSeries', '$(search) Diagnose', [entry.checkpointsUri], `Weight diagnostics of ${shown}'s checkpoints by step`)
          : commandLink('diagnoseCheckpoint', '$(search) Diagnose', [entry.checkpointsUri], `Weight diagnostics of ${shown}'s checkpoint`)));
      }
      found.push(new vscode.CodeLens(at, commandLink('compareExternal', '$(graph-line) Compare', [entry.name, document.uri], `${shown}'s log and checkpoints by step in the dashboard${entry.experiment ? `, beside ${untrusted(entry.experiment)}` : ''}`)));
      return found;
    }));
    return lenses.flat();
  }
}
