import * as vscode from 'vscode';
import type { RegLensApi } from '../../src/extension/extension';

export const extensionId = 'reglens.reglens';

export async function activeApi(): Promise<RegLensApi> {
  const extension = vscode.extensions.getExtension<RegLensApi>(extensionId);
  if (!extension) throw new Error(`extension ${extensionId} is not loaded`);
  return extension.activate();
}

export function workspaceUri(...path: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, ...path);
}

/** Polls until `probe` returns a value other than undefined. */
export async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 20000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - start > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses.flatMap((lens) => (lens.command ? [lens.command.title] : []));
}

/** CPU time of the calling thread in ms (Node ≥ 23.9); null where Node lacks it. */
function threadCpuMs(): number | null {
  const usage = (process as { threadCpuUsage?: () => { user: number; system: number } }).threadCpuUsage?.();
  return usage ? (usage.user + usage.system) / 1000 : null;
}

/**
 * Gaps between ticks of a 5 ms timer: how long the extension host's event loop went without
 * turning. `wall` is the longest gap; `busy` the longest stretch of it this thread spent on the
 * CPU (a gap with little CPU is the OS running other processes, not our code blocking the loop;
 * without Node's threadCpuUsage, busy = wall). `gaps` lists those over 15 ms as [ms since start, gap, cpu ms].
 */
export function stallMeter(): { stop(): { wall: number; busy: number }; gaps: [number, number, number | null][] } {
  const started = performance.now();
  let last = started;
  let lastCpu = threadCpuMs();
  let wall = 0;
  let busy = 0;
  const gaps: [number, number, number | null][] = [];
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = threadCpuMs();
    const gap = now - last;
    const cpuInGap = cpu === null || lastCpu === null ? null : cpu - lastCpu;
    wall = Math.max(wall, gap);
    busy = Math.max(busy, Math.min(gap, cpuInGap ?? gap));
    if (gap > 15) gaps.push([Math.round(now - started), Math.round(gap), cpuInGap === null ? null : Math.round(cpuInGap)]);
    last = now;
    lastCpu = cpu;
  }, 5);
  return {
    gaps,
    stop() {
      clearInterval(timer);
      return { wall, busy };
    },
  };
}
