/**
 * Training logs in VS Code: "RegLens: Open Training Log…" opens a file or folder, the workspace's
 * logs are found by the `reglens.logs.globs` setting, and a shown log is watched so that a run
 * still training updates the dashboard as its file grows. "RegLens: Diagnose Checkpoint Series…"
 * adds a folder of checkpoints over training, drawn by step beside the logs (and with the log the
 * folder holds, as a Hugging Face output folder does).
 */
import * as vscode from 'vscode';
import { analyzeRun, openLog, roles, type IncrementalLog, type LogRun, type RoleNames } from '../../../io/logs';
import type { ExternalRun } from '../../../protocol/webview';
import type { Feature } from '../../context';
import { Disposer } from '../../disposer';
import { registerCommand } from '../../registry';
import { untrusted } from '../../text';
import { configGlob } from '../../workspace/configFile';
import { ExternalLenses, usableEntries } from './externalLenses';
import { toExternalRun } from './externalRun';
import { readSeries, type SeriesReading } from './seriesReader';

const defaultGlobs = ['**/events.out.tfevents.*', '**/metrics.csv', '**/trainer_state.json', '**/training.log'];
const excluded = '**/{node_modules,.git,.reglens}/**';

interface ShownLog {
  reader: IncrementalLog;
  watcher: vscode.FileSystemWatcher;
  runs: ExternalRun[];
}

/** The `reglens.logs.series` setting's names for this run (by run name, or "*" for every run); only strings count. */
function namedSeries(run: LogRun): RoleNames {
  const setting = vscode.workspace.getConfiguration('reglens.logs').get<unknown>('series');
  const record = typeof setting === 'object' && setting !== null ? (setting as Record<string, unknown>) : {};
  const forRun = Object.hasOwn(record, run.name) ? record[run.name] : record['*'];
  if (typeof forRun !== 'object' || forRun === null) return {};
  const names: RoleNames = {};
  for (const role of roles) {
    const name = (forRun as Record<string, unknown>)[role];
    if (typeof name === 'string') names[role] = name;
  }
  return names;
}

export const logsFeature: Feature = (context) => {
  const { views, log, extensionUri } = context;
  const disposer = new Disposer();
  const shown = new Map<string, ShownLog>();
  const series = new Map<string, SeriesReading>();
  let view: { onDidDispose: vscode.Event<void> } | null = null;
  /** Series charted on demand beside the losses. */
  let scalars: string[] = [];
  const forgetAll = () => {
    for (const entry of shown.values()) entry.watcher.dispose();
    shown.clear();
    for (const reading of series.values()) reading.dispose();
    series.clear();
    scalars = [];
  };
  const shownRuns = () => [...shown.values()].flatMap((s) => s.runs);
  const publish = () => {
    const current = views.showExternalRuns(shownRuns(), scalars, [...series.values()].map((s) => s.series));
    if (current !== view) {
      view = current;
      // A closed view is not reopened by a log that grows later: opening the log again brings both back.
      current.onDidDispose(() => {
        if (view === current) {
          view = null;
          forgetAll();
        }
      });
    }
  };

  async function refresh(path: string): Promise<void> {
    const entry = shown.get(path);
    if (!entry) return;
    const source = vscode.workspace.asRelativePath(path);
    entry.runs = (await entry.reader.read()).map((run) => toExternalRun(run, analyzeRun(run, namedSeries(run)), source));
    entry.runs.flatMap((run) => run.problems).forEach((problem) => log.warn(problem));
    publish();
  }

  async function showLog(uri: vscode.Uri): Promise<void> {
    const path = uri.fsPath;
    if (!shown.has(path)) {
      const reader = await openLog(path);
      const isFile = (await vscode.workspace.fs.stat(uri)).type === vscode.FileType.File;
      const pattern = isFile ? new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), uri.path.split('/').pop()!) : new vscode.RelativePattern(uri, '**');
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      const onChange = () => void refresh(path).catch((error: unknown) => log.warn(`${path}: ${(error as Error).message}`));
      watcher.onDidChange(onChange);
      watcher.onDidCreate(onChange);
      shown.set(path, { reader, watcher, runs: [] });
    }
    await refresh(path);
  }

  /** The folder's checkpoints as a series and, unless told not to, the training log the folder holds beside it. */
  async function showSeries(folder: vscode.Uri, withLog = true): Promise<void> {
    if (!series.has(folder.fsPath)) series.set(folder.fsPath, readSeries(extensionUri, folder, () => publish(), (message) => log.warn(message)));
    if (!withLog) return publish();
    await showLog(folder);
    const logged = shown.get(folder.fsPath);
    if (logged && logged.runs.length === 0) {
      logged.watcher.dispose();
      shown.delete(folder.fsPath);
      publish();
    }
  }

  async function pick(): Promise<void> {
    const globs = vscode.workspace.getConfiguration('reglens.logs').get<string[]>('globs', defaultGlobs);
    const found = (await Promise.all(globs.map((glob) => vscode.workspace.findFiles(glob, excluded, 200)))).flat();
    const items = [
      ...found.map((uri) => ({ label: untrusted(vscode.workspace.asRelativePath(uri)), uri })),
      { label: '$(folder-opened) Browse for a file or folder…', uri: null },
    ];
    const chosen = await vscode.window.showQuickPick(items, { title: 'RegLens: Open Training Log', placeHolder: 'TensorBoard, Keras or Lightning CSV, Hugging Face trainer_state.json' });
    if (!chosen) return;
    const uri = chosen.uri ?? (await vscode.window.showOpenDialog({ canSelectFiles: true, canSelectFolders: true, canSelectMany: false, title: 'Open Training Log' }))?.[0];
    if (uri) await showLog(uri);
  }

  /** An `external` entry of a config: its experiment's latest run, its log and its checkpoint series, together. */
  async function compareExternal(name: unknown, config: unknown): Promise<void> {
    const file = await context.configs.named(config);
    if (!file || typeof name !== 'string') return;
    const text = await file.text();
    const entry = usableEntries(file, text, file.contentOf(text).problems).find((e) => e.name === name);
    if (!entry) return void vscode.window.showErrorMessage(`RegLens: ${untrusted(file.label)} has no valid external model named ${untrusted(name)}; see the Problems panel.`);
    const latest = entry.experiment === null ? undefined : (await context.runIndex.runs(file)).find((run) => run.experiment === entry.experiment);
    if (latest) views.showRuns([await file.runs.load(latest.experiment, latest.id)]);
    if (entry.checkpointsUri && (await vscode.workspace.fs.stat(entry.checkpointsUri)).type === vscode.FileType.Directory) await showSeries(entry.checkpointsUri, entry.logUri === null);
    if (entry.logUri) await showLog(entry.logUri);
  }

  async function chooseScalars(): Promise<void> {
    const names = [...new Set(shownRuns().flatMap((run) => Object.keys(run.series)))].sort();
    if (names.length === 0) return void vscode.window.showInformationMessage('Open a training log first (RegLens: Open Training Log…).');
    const items = names.map((name) => ({ label: untrusted(name), name, picked: scalars.includes(name) }));
    const chosen = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'RegLens: Chart Log Series', placeHolder: 'Series of the open logs to chart beside their losses' });
    if (!chosen) return;
    scalars = chosen.map((item) => item.name);
    publish();
  }

  disposer.push(
    registerCommand('chartLogSeries', () => chooseScalars(), log),
    registerCommand('compareExternal', (name, config) => compareExternal(name, config).catch((error: unknown) => {
      void vscode.window.showErrorMessage(`RegLens could not compare the external model: ${untrusted((error as Error).message)}`);
    }), log),
    vscode.languages.registerCodeLensProvider([{ scheme: 'file', pattern: configGlob }], new ExternalLenses(context)),
    registerCommand('diagnoseCheckpointSeries', async (folder) => {
      const target = folder instanceof vscode.Uri ? folder : (await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: false, title: 'Diagnose Checkpoint Series', openLabel: 'Diagnose' }))?.[0];
      try {
        if (target) await showSeries(target);
      } catch (error) {
        void vscode.window.showErrorMessage(`RegLens could not read the checkpoint folder: ${untrusted((error as Error).message)}`);
      }
    }, log),
    registerCommand('openTrainingLog', async (uri) => {
      try {
        await (uri instanceof vscode.Uri ? showLog(uri) : pick());
      } catch (error) {
        void vscode.window.showErrorMessage(`RegLens could not open the training log: ${untrusted((error as Error).message)}`);
      }
    }, log),
    { dispose: forgetAll },
  );
  return disposer;
};
