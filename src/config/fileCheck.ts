/**
 * Checks of the CSV files experiments read: inside the workspace (by real path, links followed),
 * present, a regular file, with the target (and group) column. A file outside the workspace is never read.
 */
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ConfigHost } from './host';
import type { LineMap, Problem } from './problem';

export function checkFiles(root: Node, lines: LineMap, host: ConfigHost): Problem[] {
  const problems: Problem[] = [];
  const error = (node: Node, code: string, message: string) =>
    problems.push({ message, severity: 'error', range: lines.range(node.offset, node.length), code });
  const workspace = host.look(host.workspaceFolder);
  const realWorkspace = 'realPath' in workspace ? workspace.realPath : host.workspaceFolder;
  for (const experiment of findNodeAtLocation(root, ['experiments'])?.children ?? []) {
    const csv = findNodeAtLocation(experiment, ['data', 'csv']);
    if (csv?.type !== 'string' || csv.value === '') continue;
    const file = resolve(host.configDir, csv.value);
    if (!isInside(host.workspaceFolder, file)) {
      error(csv, 'csv-outside-workspace', `${csv.value} is outside the workspace folder (${file}): RegLens reads data from the workspace only`);
      continue;
    }
    const entry = host.look(file);
    if (entry.kind === 'missing') {
      error(csv, 'csv-not-found', `CSV file not found: ${file}`);
      continue;
    }
    if (entry.kind === 'invalid') {
      error(csv, 'csv-invalid-path', `Cannot use this CSV path: ${entry.problem}`);
      continue;
    }
    if (!isInside(realWorkspace, entry.realPath)) {
      error(csv, 'csv-outside-workspace', `${csv.value} links to ${entry.realPath}, outside the workspace folder: RegLens reads data from the workspace only`);
      continue;
    }
    if (entry.kind !== 'file') {
      error(csv, 'csv-not-a-file', `${file} is a ${entry.kind}, not a file`);
      continue;
    }
    const target = findNodeAtLocation(experiment, ['data', 'target']);
    if (target?.type !== 'string') continue;
    const columns = host.readHeader(entry.realPath);
    if (!Array.isArray(columns)) {
      error(csv, 'csv-unreadable', `Cannot read the header of ${file}: ${columns.problem}`);
      continue;
    }
    const shown = columns.length > 12 ? `${columns.slice(0, 12).join(', ')}, … (${columns.length} columns)` : columns.join(', ');
    if (!columns.includes(target.value)) error(target, 'csv-target-missing', `Column "${target.value}" is not in the header of ${csv.value}. Columns: ${shown}`);
    const group = findNodeAtLocation(experiment, ['data', 'group']);
    if (group?.type !== 'string') continue;
    if (!columns.includes(group.value)) error(group, 'csv-group-missing', `Column "${group.value}" is not in the header of ${csv.value}. Columns: ${shown}`);
    else if (group.value === target.value) error(group, 'csv-group-is-target', `The group column cannot be the target column "${target.value}"`);
  }
  return problems;
}

/** Whether path lies in folder (or is it), by the paths' text: resolve links first where they matter. */
export function isInside(folder: string, path: string): boolean {
  const fromFolder = relative(folder, path);
  return !(fromFolder === '..' || fromFolder.startsWith(`..${sep}`) || isAbsolute(fromFolder));
}
