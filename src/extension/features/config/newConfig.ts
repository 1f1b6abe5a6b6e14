/** Writes the commented example config into the workspace as reglens.json and opens it. */
import * as vscode from 'vscode';

export async function newConfigCommand(extensionUri: vscode.Uri): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage('RegLens: open a folder first; reglens.json goes at its root.');
    return undefined;
  }
  const target = vscode.Uri.joinPath(folder.uri, 'reglens.json');
  const exists = await vscode.workspace.fs.stat(target).then(() => true, () => false);
  if (exists) {
    const choice = await vscode.window.showWarningMessage('reglens.json already exists in this folder.', { modal: true }, 'Open It', 'Replace It');
    if (choice !== 'Replace It') {
      if (choice === 'Open It') await vscode.window.showTextDocument(target);
      return choice === 'Open It' ? target : undefined;
    }
  }
  const example = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'media', 'example.reglens.json'));
  await vscode.workspace.fs.writeFile(target, example);
  await vscode.window.showTextDocument(target);
  return target;
}
