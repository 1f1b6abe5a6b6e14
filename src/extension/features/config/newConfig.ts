/** Writes one of the commented example configs into the workspace and opens it: digits (reglens.json) or the visual decision-boundary example. */
import * as vscode from 'vscode';

export const examples = {
  digits: { label: 'Digits: no penalty, L2, L1, elastic net', detail: 'Handwritten digits, a 64-32 network: the penalties side by side, λ tunable.', source: 'example.reglens.json', target: 'reglens.json' },
  boundary: {
    label: 'Decision boundary: a wiggly boundary made smooth',
    detail: '60 noisy 2-D moons points and a far too wide network, without regularization, with L2, dropout and input noise.',
    source: 'example-boundary.reglens.json',
    target: 'boundary.reglens.json',
  },
} as const;

export type ExampleName = keyof typeof examples;

/** `example` chooses without asking (from tests and links); otherwise a quick pick offers both. */
export async function newConfigCommand(extensionUri: vscode.Uri, example?: unknown): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage('RegLens: open a folder first; the config goes at its root.');
    return undefined;
  }
  const name = typeof example === 'string' && example in examples ? (example as ExampleName) : await pickExample();
  if (!name) return undefined;
  const { source, target: fileName } = examples[name];
  const target = vscode.Uri.joinPath(folder.uri, fileName);
  const exists = await vscode.workspace.fs.stat(target).then(() => true, () => false);
  if (exists) {
    const choice = await vscode.window.showWarningMessage(`${fileName} already exists in this folder.`, { modal: true }, 'Open It', 'Replace It');
    if (choice !== 'Replace It') {
      if (choice === 'Open It') await vscode.window.showTextDocument(target);
      return choice === 'Open It' ? target : undefined;
    }
  }
  await vscode.workspace.fs.writeFile(target, await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'media', source)));
  await vscode.window.showTextDocument(target);
  return target;
}

async function pickExample(): Promise<ExampleName | undefined> {
  const items = (Object.keys(examples) as ExampleName[]).map((name) => ({ label: examples[name].label, detail: examples[name].detail, name }));
  return (await vscode.window.showQuickPick(items, { placeHolder: 'Which example config?' }))?.name;
}
