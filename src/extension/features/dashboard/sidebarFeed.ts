/** Keeps the sidebar's lists current: experiments (with their state), runs, tunings and comparisons of each config file, and the workspace's training logs and checkpoints. */
import * as vscode from 'vscode';
import type { Problem } from '../../../config';
import type { LogListItem } from '../../../protocol/webview';
import type { RegLensContext } from '../../context';
import { Disposer } from '../../disposer';
import type { ConfigFile } from '../../workspace/configFile';
import { GlobIndex } from '../../workspace/globIndex';
import { experimentItems, type ListedConfig } from './sidebarList';
import type { SidebarProvider } from './sidebarProvider';

export function feedSidebar(context: RegLensContext, sidebar: SidebarProvider): vscode.Disposable {
  const disposer = new Disposer();
  const warn = (what: string) => (error: unknown) => context.log.warn(`sidebar ${what}: ${(error as Error).message}`);
  const refresh = () => void refreshExperiments(context, sidebar).catch(warn('experiments'));
  disposer.push(context.configs.onDidChange(refresh), context.runIndex.onDidChange(refresh), context.tunings.onDidChange(refresh), context.comparisons.onDidChange(refresh), vscode.workspace.onDidGrantWorkspaceTrust(refresh));
  refresh();
  // Enough for any sidebar; a workspace with more logs opens the rest through "Open Training Log…".
  const logs = disposer.add(new GlobIndex('reglens.logs', 200));
  const refreshLogs = () => void listLogs(logs).then((items) => sidebar.setLogs(items), warn('logs'));
  disposer.push(logs.onDidChange(refreshLogs), vscode.workspace.onDidGrantWorkspaceTrust(refreshLogs));
  refreshLogs();
  disposer.push(context.checkpoints.onDidList((list) => sidebar.setCheckpoints(list)));
  sidebar.setCheckpoints(context.checkpoints.current());
  return disposer;
}

/** What each config file says about its experiments, and what its store holds (runs and tunings, whatever the config's state). */
async function listConfig(context: RegLensContext, file: ConfigFile): Promise<ListedConfig> {
  const [content, runs] = await Promise.all([file.read(), context.runIndex.runs(file)]);
  const where = (problem: Problem) => `line ${problem.range.start.line + 1}: ${problem.message}`;
  const named = new Map(content.locations.map((location) => [location.index, location.name]));
  for (const { index, name } of content.broken) named.set(index, name);
  const experiments = [...named].sort(([a], [b]) => a - b).map(([index, name]) => {
    const broken = content.broken.find((b) => b.index === index);
    return { name, problem: broken ? where(broken.problem) : null };
  });
  const names = [...new Set([...experiments.map((e) => e.name), ...runs.map((run) => run.experiment)])];
  const tunings = (await Promise.all(names.map((name) => context.tunings.list(file, name)))).flat();
  const comparisons = await context.comparisons.comparisons(file);
  return { label: file.label, store: file.folder, experiments, problems: content.errors, runs, tunings, comparisons };
}

async function refreshExperiments(context: RegLensContext, sidebar: SidebarProvider): Promise<void> {
  const listed = await Promise.all((await context.configs.all()).map((file) => listConfig(context, file)));
  const { experiments, problems } = experimentItems(listed);
  sidebar.setExperiments(experiments, problems);
}

/** Logs are listed only where they may be opened: in a trusted workspace. */
async function listLogs(logs: GlobIndex): Promise<LogListItem[]> {
  if (!vscode.workspace.isTrusted) return [];
  return (await logs.files()).map((uri) => ({ path: uri.fsPath, label: vscode.workspace.asRelativePath(uri) }));
}
