/** Checks of the CSV files experiments read: inside the workspace, present, with the target column. */
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ConfigHost } from './host';
import type { LineMap, Problem } from './problem';

export function checkFiles(root: Node, lines: LineMap, host: ConfigHost): Problem[] {
  const problems: Problem[] = [];
  const error = (node: Node, code: string, message: string) =>
    problems.push({ message, severity: 'error', range: lines.range(node.offset, node.length), code });
  for (const experiment of findNodeAtLocation(root, ['experiments'])?.children ?? []) {
    const csv = findNodeAtLocation(experiment, ['data', 'csv']);
    if (csv?.type !== 'string' || csv.value === '') continue;
    const file = resolve(host.configDir, csv.value);
    const fromWorkspace = relative(host.workspaceFolder, file);
    if (fromWorkspace === '..' || fromWorkspace.startsWith(`..${sep}`) || isAbsolute(fromWorkspace)) {
      error(csv, 'csv-outside-workspace', `${csv.value} is outside the workspace folder (${file}): RegLens reads data from the workspace only`);
      continue;
    }
    if (!host.exists(file)) {
      error(csv, 'csv-not-found', `CSV file not found: ${file}`);
      continue;
    }
    const target = findNodeAtLocation(experiment, ['data', 'target']);
    if (target?.type !== 'string') continue;
    const header = host.readFirstLine(file);
    if (header === undefined) {
      error(csv, 'csv-unreadable', `Cannot read ${file}`);
      continue;
    }
    const columns = headerColumns(header);
    if (!columns.includes(target.value)) {
      const shown = columns.length > 12 ? `${columns.slice(0, 12).join(', ')}, … (${columns.length} columns)` : columns.join(', ');
      error(target, 'csv-target-missing', `Column "${target.value}" is not in the header of ${csv.value}. Columns: ${shown}`);
    }
  }
  return problems;
}

/** The names in a CSV header line: comma-separated, optionally "quoted" with "" for a quote. */
export function headerColumns(line: string): string[] {
  const text = line.replace(/^\uFEFF/, '').replace(/\r$/, '');
  const columns: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      columns.push(field.trim());
      field = '';
    } else field += c;
  }
  columns.push(field.trim());
  return columns;
}
