/**
 * The checkpoints the sidebar lists: each config's `external` models, then the checkpoint files and
 * series the `reglens.checkpoints.globs` setting finds. Listed again when such files come or go, a
 * config changes or the workspace is trusted; in an untrusted workspace nothing is looked for.
 */
import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { findCheckpointSeries, type FoundSeries } from '../../../io/checkpoints';
import type { CheckpointAction, CheckpointList, CheckpointListItem } from '../../../protocol/webview';
import { RateLimiter } from '../../../protocol/rateLimit';
import { Disposer } from '../../disposer';
import type { ConfigFile } from '../../workspace/configFile';
import type { ConfigFiles } from '../../workspace/configFiles';
import { GlobIndex } from '../../workspace/globIndex';
import { groupCheckpoints, type CheckpointGroup } from './checkpointGroups';
import { usableEntries } from './externalLenses';

/** Files found by the globs: beyond this a workspace is not a list for a sidebar. */
const maxFiles = 1000;
/** Entries shown; the rest are counted as "N more". */
export const maxListed = 50;

/** One entry with what the extension needs to act on it (the page gets `item` only). */
export interface ListedCheckpoint {
  item: CheckpointListItem;
  /** In step order, the latest last. */
  checkpoints: CheckpointGroup['checkpoints'];
  unit: 'step' | 'epoch';
  /** A series' folder, for its charts by step. */
  folder: string | null;
  /** An external model: its Series is what the config's Compare lens shows. */
  external: { name: string; config: vscode.Uri } | null;
}

const findSeries = (folder: string): Promise<FoundSeries | null> => findCheckpointSeries(folder).catch(() => null);

export class CheckpointListing implements vscode.Disposable {
  private listed: ListedCheckpoint[] = [];
  private list: CheckpointList = { items: [], more: 0, restricted: !vscode.workspace.isTrusted };
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<CheckpointList>();
  private readonly disposer = new Disposer();
  private readonly index = this.disposer.add(new GlobIndex('reglens.checkpoints', maxFiles));
  /** A burst of file events (a checkpoint folder being copied) lists once. */
  private readonly limiter = new RateLimiter(() => this.relist(), 300);
  /** Each time the list is made again. */
  readonly onDidList = this.changed.event;

  constructor(
    private readonly configs: ConfigFiles,
    private readonly warn: (message: string) => void,
  ) {
    const request = () => this.limiter.request();
    this.disposer.push(this.changed, this.index.onDidChange(request), configs.onDidChange(request), vscode.workspace.onDidGrantWorkspaceTrust(request));
    this.relist();
  }

  /** The list as the page gets it. */
  current(): CheckpointList {
    return this.list;
  }

  /** A listed entry by the id the page sent back. */
  entry(id: string): ListedCheckpoint | undefined {
    return this.listed.find((listed) => listed.item.id === id);
  }

  entries(): readonly ListedCheckpoint[] {
    return this.listed;
  }

  dispose(): void {
    this.limiter.cancel();
    this.disposer.dispose();
  }

  private relist(): void {
    const generation = ++this.generation;
    void this.make().then(
      (listed) => {
        if (generation !== this.generation) return;
        const trusted = vscode.workspace.isTrusted;
        this.listed = listed.slice(0, maxListed);
        this.list = { items: this.listed.map((l) => l.item), more: listed.length - this.listed.length, restricted: !trusted };
        this.changed.fire(this.list);
      },
      (error: unknown) => this.warn(`checkpoints: ${(error as Error).message}`),
    );
  }

  private async make(): Promise<ListedCheckpoint[]> {
    if (!vscode.workspace.isTrusted) return [];
    // A config deleted or unreadable meanwhile lists no external models; the next change lists it again.
    const external = (await Promise.all((await this.configs.all()).map((file) => this.externalOf(file).catch(() => [])))).flat();
    // A folder or file an external entry names is listed once, under its name.
    const named = new Set(external.flatMap((e) => e.folder ?? e.checkpoints[0]?.path ?? []));
    const roots = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
    const groups = await groupCheckpoints((await this.index.files()).map((uri) => uri.fsPath), roots, findSeries);
    const found = groups.filter((group) => !named.has(group.path)).map(listedGroup);
    return withCompare([...external, ...found]);
  }

  private async externalOf(file: ConfigFile): Promise<ListedCheckpoint[]> {
    const text = await file.text();
    return Promise.all(
      usableEntries(file, text, file.contentOf(text).problems).map(async (entry): Promise<ListedCheckpoint> => {
        const { checkpoints, unit, folder } = entry.checkpointsUri ? await checkpointsAt(entry.checkpointsUri.fsPath) : { checkpoints: [], unit: 'step' as const, folder: null };
        const steps = checkpoints.flatMap((c) => (c.step === null ? [] : [c.step]));
        const actions: CheckpointAction[] = [...(checkpoints.length > 0 ? ['diagnose' as const] : []), ...(folder !== null || entry.logUri ? ['series' as const] : [])];
        return {
          item: {
            id: `external:${file.uri.fsPath}#${entry.name}`,
            kind: 'external',
            label: entry.name,
            checkpoints: checkpoints.length,
            unit,
            firstStep: steps[0] ?? null,
            lastStep: steps.at(-1) ?? null,
            path: entry.checkpointsUri ? vscode.workspace.asRelativePath(entry.checkpointsUri) : null,
            log: entry.logUri ? vscode.workspace.asRelativePath(entry.logUri) : null,
            config: file.label,
            actions,
          },
          checkpoints,
          unit,
          folder,
          external: { name: entry.name, config: file.uri },
        };
      }),
    );
  }
}

/** What an external entry's `checkpoints` names: a folder read as a series, or one file. */
async function checkpointsAt(path: string): Promise<Pick<ListedCheckpoint, 'checkpoints' | 'unit' | 'folder'>> {
  const isFolder = await stat(path).then((s) => s.isDirectory(), () => false);
  if (!isFolder) return { checkpoints: [{ step: null, path }], unit: 'step', folder: null };
  const series = await findSeries(path);
  return { checkpoints: series?.checkpoints.map(({ step, path: file }) => ({ step, path: file })) ?? [], unit: series?.unit ?? 'step', folder: path };
}

function listedGroup(group: CheckpointGroup): ListedCheckpoint {
  const steps = group.checkpoints.flatMap((c) => (c.step === null ? [] : [c.step]));
  return {
    item: {
      id: group.path,
      kind: group.kind,
      label: vscode.workspace.asRelativePath(group.path),
      checkpoints: group.checkpoints.length,
      unit: group.unit,
      firstStep: steps[0] ?? null,
      lastStep: steps.at(-1) ?? null,
      path: null,
      log: null,
      config: null,
      actions: group.kind === 'series' ? ['diagnose', 'series'] : ['diagnose'],
    },
    checkpoints: group.checkpoints,
    unit: group.unit,
    folder: group.kind === 'series' ? group.path : null,
    external: null,
  };
}

/** Compare… goes on every entry with a checkpoint when there is another checkpoint to compare it with. */
function withCompare(listed: ListedCheckpoint[]): ListedCheckpoint[] {
  const total = listed.reduce((n, l) => n + l.checkpoints.length, 0);
  for (const l of listed) if (l.checkpoints.length > 0 && total >= 2) l.item.actions.push('compare');
  return listed;
}
