/** The one object that owns everything the extension registers, so deactivation disposes it all. */
import * as vscode from 'vscode';
import { ConfigCodeLenses } from './codeLenses';
import { registerCommands } from './commands';
import { configGlob, configSelector, findConfigFiles } from './configFiles';
import { ConfigDiagnostics } from './diagnostics';
import { RunIndex } from './runIndex';
import { Training } from './training';
import { Tuner } from './tuning';
import { TuningIndex } from './tuningIndex';
import type { ExternalRun } from '../protocol/logs';
import { registerLogs } from './features/logs/registerLogs';
import { createViews } from './panels';
import { DashboardPanel } from './views/dashboardPanel';

export class RegLens implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly training: Training;
  /** Each time the dashboard is given the runs of the open training logs (after every read of a log). */
  readonly logsShown = new vscode.EventEmitter<ExternalRun[]>();

  constructor(context: vscode.ExtensionContext) {
    const log = this.own(vscode.window.createOutputChannel('RegLens', { log: true }));
    const runIndex = this.own(new RunIndex(log));
    this.training = new Training(context.extensionUri, log, runIndex);
    const tunings = this.own(new TuningIndex(log));
    const lenses = this.own(new ConfigCodeLenses(runIndex, tunings));
    const views = createViews({ extensionUri: context.extensionUri, log, runIndex, training: this.training });
    const tuner = new Tuner({ log, training: this.training, tunings, showTuning: (record, configUri) => views.showTuning(record, configUri) });
    this.disposables.push(
      views,
      new ConfigDiagnostics(),
      vscode.languages.registerCodeLensProvider(configSelector, lenses),
      ...registerCommands({ extensionUri: context.extensionUri, log, runIndex, training: this.training, tuner, views }),
      this.watchConfigFiles(),
      this.logsShown,
      registerLogs({
        show: (runs, scalars) => {
          const dashboard = DashboardPanel.open ?? DashboardPanel.show(context.extensionUri, [], { log: (text) => log.info(text) });
          dashboard.setExternalRuns(runs, scalars);
          this.logsShown.fire(runs);
          return dashboard;
        },
        log: (text) => log.warn(text),
      }),
    );
  }

  /** Stops training and waits until no worker is left. */
  async dispose(): Promise<void> {
    for (const disposable of this.disposables.reverse()) disposable.dispose();
    await this.training.dispose();
  }

  private own<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  /** Keeps the `reglens.hasConfig` context key (used by `when` clauses) true while a config file exists. */
  private watchConfigFiles(): vscode.Disposable {
    const update = () => void findConfigFiles().then((uris) => vscode.commands.executeCommand('setContext', 'reglens.hasConfig', uris.length > 0));
    const watcher = vscode.workspace.createFileSystemWatcher(configGlob, false, true, false);
    watcher.onDidCreate(update);
    watcher.onDidDelete(update);
    update();
    return watcher;
  }
}
