/** The config validator's problems in the Problems panel, as the user types. */
import * as vscode from 'vscode';
import { Disposer } from '../../disposer';
import type { Problem } from '../../../config';
import type { ConfigFiles } from '../../workspace/configFiles';

const typingPauseMs = 300;

const severities = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;

/**
 * One problem per fault. VS Code's JSON language service reports syntax errors itself (as errors),
 * so those are left to it, except nesting too deep for RegLens's parser, which JSON allows. Every
 * other problem is RegLens's alone: the schema VS Code gets (dist/reglens.editor.schema.json, see
 * build-editor-schema.mjs) only completes and explains, since VS Code shows schema faults as
 * warnings where they keep an experiment from training, and would repeat RegLens's error beside them.
 */
function reportedByVsCode(problem: Problem): boolean {
  return problem.code.startsWith('syntax.') && problem.code !== 'syntax.tooDeep';
}

export function toDiagnostic(problem: Problem): vscode.Diagnostic {
  const { start, end } = problem.range;
  const range = new vscode.Range(start.line, start.character, end.line, end.character);
  const diagnostic = new vscode.Diagnostic(range, problem.message, severities[problem.severity]);
  diagnostic.source = 'RegLens';
  diagnostic.code = problem.code;
  return diagnostic;
}

export class ConfigDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('reglens');
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly disposables = new Disposer();

  constructor(private readonly configs: ConfigFiles) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.check(document)),
      vscode.workspace.onDidChangeTextDocument(({ document }) => this.schedule(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.checkOpenDocuments()),
    );
    this.checkOpenDocuments();
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.disposables.dispose();
  }

  private checkOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) this.check(document);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!this.configs.find(document.uri)) return;
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.check(document);
      }, typingPauseMs),
    );
  }

  private check(document: vscode.TextDocument): void {
    const file = this.configs.find(document.uri);
    if (!file || document.isClosed) return;
    const problems = file.contentOf(document.getText()).problems.filter((problem) => !reportedByVsCode(problem));
    this.collection.set(document.uri, problems.map(toDiagnostic));
  }

  private forget(uri: vscode.Uri): void {
    clearTimeout(this.pending.get(uri.toString()));
    this.pending.delete(uri.toString());
    this.collection.delete(uri);
  }
}
