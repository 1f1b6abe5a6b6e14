/** Config files in the workspace: which files count, their text, their problems and their experiments. */
import * as vscode from 'vscode';
import { basename, dirname } from 'node:path';
import { createNodeHost } from '../config/nodeHost';
import type { Problem } from '../config/problem';
import { experimentSpecs, type ExperimentSpec } from '../config/toSpec';
import { validateConfig } from '../config/validate';
import { getNodeValue } from 'jsonc-parser';
import { parseConfig } from '../config/parse';
import type { ReglensConfig } from '../config/types';

export const configGlob = '**/{reglens.json,*.reglens.json}';
export const configSelector: vscode.DocumentSelector = [{ scheme: 'file', pattern: configGlob }];

export function isConfigFile(uri: vscode.Uri): boolean {
  const name = basename(uri.path);
  return uri.scheme === 'file' && (name === 'reglens.json' || name.endsWith('.reglens.json'));
}

export function findConfigFiles(): Thenable<vscode.Uri[]> {
  return vscode.workspace.findFiles(configGlob, '**/{node_modules,.reglens,.git}/**');
}

/** The editor's text when the file is open (unsaved edits count), else the file on disk. */
export async function configText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  return open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Validation with file checks (CSV paths, headers) only in a trusted workspace: an untrusted one never has its files read. */
export function validate(text: string, uri: vscode.Uri): Problem[] {
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? dirname(uri.fsPath);
  const host = vscode.workspace.isTrusted ? createNodeHost({ workspaceFolder: folder, configDir: dirname(uri.fsPath) }) : null;
  return validateConfig(text, host);
}

export interface ConfigExperiments {
  uri: vscode.Uri;
  experiments: ExperimentSpec[];
  /** Errors that keep the file from training, as "file:line:col message". */
  errors: string[];
}

/** The experiments of a config file, or the errors that stand in the way. */
export async function readExperiments(uri: vscode.Uri): Promise<ConfigExperiments> {
  let text: string;
  try {
    text = await configText(uri);
  } catch (error) {
    return { uri, experiments: [], errors: [`${vscode.workspace.asRelativePath(uri)}: ${(error as Error).message}`] };
  }
  const errors = validate(text, uri)
    .filter((problem) => problem.severity === 'error')
    .map(({ range, message }) => `${vscode.workspace.asRelativePath(uri)}:${range.start.line + 1}:${range.start.character + 1}: ${message}`);
  if (errors.length > 0) return { uri, experiments: [], errors };
  const { root } = parseConfig(text);
  return { uri, experiments: root ? experimentSpecs(getNodeValue(root) as ReglensConfig) : [], errors: [] };
}

/** Every experiment of every config file in the workspace. */
export async function readAllExperiments(): Promise<ConfigExperiments[]> {
  const uris = (await findConfigFiles()).sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  return Promise.all(uris.map(readExperiments));
}
