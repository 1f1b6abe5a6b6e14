/**
 * One config file: its path, folder and stores, and what its text says, read once per version of the
 * text (problems, where each experiment is, the experiments ready to train). An experiment is
 * identified by its config file and its name: two files may both have a "baseline".
 */
import * as vscode from 'vscode';
import { basename, dirname, join } from 'node:path';
import { locateExperiments, validateConfig, type ExperimentLocation, type ExperimentSpec, type Problem } from '../../config';
import { createNodeHost } from '../../config/nodeHost';
import { RunStore } from '../../io/runStore';
import { TuningStore } from '../../io/tuningStore';
import type { JobDirs } from '../../protocol/worker';
import { experimentStates, type BrokenExperiment } from './experimentStates';

export const configGlob = '**/{reglens.json,*.reglens.json}';

export function isConfigFile(uri: vscode.Uri): boolean {
  const name = basename(uri.path);
  return uri.scheme === 'file' && (name === 'reglens.json' || name.endsWith('.reglens.json'));
}

/** What one version of a config file's text says. */
export interface ConfigContent {
  problems: Problem[];
  locations: ExperimentLocation[];
  /** The experiments that train: every one without an error, none while the file has an error outside them. */
  experiments: ExperimentSpec[];
  /** The experiments that do not train, each with its first error. */
  broken: BrokenExperiment[];
  /** Errors outside every experiment, which keep the whole file from training, as "file:line:col message". */
  errors: string[];
}

/** An experiment of a config file, ready to train or tune. */
export interface TrainTarget {
  file: ConfigFile;
  experiment: ExperimentSpec;
}

export class ConfigFile {
  readonly folder: string;
  readonly runs: RunStore;
  readonly tunings: TuningStore;
  private cached: { text: string; trusted: boolean; content: ConfigContent } | null = null;

  constructor(readonly uri: vscode.Uri) {
    this.folder = dirname(uri.fsPath);
    this.runs = new RunStore(this.folder);
    this.tunings = new TuningStore(this.folder);
  }

  /** The path as the user reads it: workspace-relative. */
  get label(): string {
    return vscode.workspace.asRelativePath(this.uri);
  }

  /** Where its experiments find their files and data, and store their runs and tunings. */
  dirs(extensionUri: vscode.Uri): JobDirs {
    return { configDir: this.folder, storeRoot: this.folder, mediaDir: join(extensionUri.fsPath, 'media') };
  }

  /** The editor's text when the file is open (unsaved edits count), else the file on disk. */
  async text(): Promise<string> {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === this.uri.toString());
    return open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(this.uri));
  }

  /** The content of the current text (or of `text`), parsed once per version. */
  async read(text?: string): Promise<ConfigContent> {
    try {
      return this.contentOf(text ?? (await this.text()));
    } catch (error) {
      return { problems: [], locations: [], experiments: [], broken: [], errors: [`${this.label}: ${(error as Error).message}`] };
    }
  }

  /** Parses only when the text (or the workspace's trust) changed since the last call. */
  contentOf(text: string): ConfigContent {
    const trusted = vscode.workspace.isTrusted;
    if (this.cached?.text === text && this.cached.trusted === trusted) return this.cached.content;
    const content = this.parse(text, trusted);
    this.cached = { text, trusted, content };
    return content;
  }

  private parse(text: string, trusted: boolean): ConfigContent {
    const workspaceFolder = vscode.workspace.getWorkspaceFolder(this.uri)?.uri.fsPath ?? this.folder;
    // An untrusted workspace never has its files read: no CSV path or header checks there.
    const problems = validateConfig(text, trusted ? createNodeHost({ workspaceFolder, configDir: this.folder }) : null);
    const { usable, broken, fileErrors } = experimentStates(text, problems);
    return { problems, locations: locateExperiments(text), experiments: usable, broken, errors: fileErrors.map((problem) => this.where(problem)) };
  }

  /** E.g. "reglens.json:12:19: λ must be ≥ 0". */
  where({ range, message }: Problem): string {
    return `${this.label}:${range.start.line + 1}:${range.start.character + 1}: ${message}`;
  }
}
