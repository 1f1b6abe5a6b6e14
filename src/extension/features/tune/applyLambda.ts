/** Writes a λ into an experiment of a config file as an editor edit: formatting and comments stay, and undo takes it back. */
import * as vscode from 'vscode';
import { setLambda } from '../../../config/edit';
import { minimalEdit } from '../config/lambdaLens';

/** True when the document now has the λ (edited or already so); the document is left unsaved, like any edit. */
export async function applyLambda(experiment: string, configUri: vscode.Uri, lambda: number): Promise<boolean> {
  if (!(Number.isFinite(lambda) && lambda >= 0)) throw new Error(`λ must be a finite number ≥ 0, got ${lambda}`);
  const document = await vscode.workspace.openTextDocument(configUri);
  const text = document.getText();
  const change = minimalEdit(text, setLambda(text, experiment, lambda));
  if (!change) return true;
  const edit = new vscode.WorkspaceEdit();
  const range = new vscode.Range(document.positionAt(change.offset), document.positionAt(change.offset + change.length));
  edit.replace(configUri, range, change.text);
  return vscode.workspace.applyEdit(edit);
}
