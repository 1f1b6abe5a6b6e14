/**
 * The `external` block: models trained elsewhere, named by their checkpoints and training log. Each
 * entry names something to read, a unique name, and (if any) an experiment of the file; its paths are
 * plain paths (not patterns) inside the workspace, by real path, to a file or folder that is there.
 * Nothing outside the workspace is ever looked at beyond its path.
 */
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { resolve } from 'node:path';
import { isInside } from './fileCheck';
import type { ConfigHost } from './host';
import type { LineMap, Problem } from './problem';

/** The checkpoint files RegLens reads (src/io/checkpoints' readers); a folder holds a series of them. */
const checkpointFile = /\.(safetensors|pt|pth|bin|keras|h5|hdf5)$|\.safetensors\.index\.json$/i;
const pattern = /[*?[\]{}]/;

export function checkExternal(root: Node, lines: LineMap, host: ConfigHost | null): Problem[] {
  const problems: Problem[] = [];
  const error = (node: Node, code: string, message: string) => problems.push({ message, severity: 'error', range: lines.range(node.offset, node.length), code });
  const block = findNodeAtLocation(root, ['external']);
  const entries = block?.type === 'array' ? (block.children ?? []).filter((n) => n.type === 'object') : [];
  const experiments = new Set((findNodeAtLocation(root, ['experiments'])?.children ?? []).map((e) => findNodeAtLocation(e, ['name'])).flatMap((n) => (n?.type === 'string' ? [n.value as string] : [])));
  const firstLine = new Map<string, number>();
  for (const entry of entries) {
    const name = findNodeAtLocation(entry, ['name']);
    if (name?.type === 'string') {
      const earlier = firstLine.get(name.value);
      if (earlier === undefined) firstLine.set(name.value, lines.position(name.offset).line);
      else error(name, 'external-duplicate-name', `Another external model on line ${earlier + 1} is already named "${name.value}"`);
    }
    const experiment = findNodeAtLocation(entry, ['experiment']);
    if (experiment?.type === 'string' && !experiments.has(experiment.value)) {
      error(experiment, 'external-unknown-experiment', `No experiment in this file is named "${experiment.value}"`);
    }
    const paths = (['checkpoints', 'log'] as const).map((key) => ({ key, node: findNodeAtLocation(entry, [key]) }));
    if (paths.every(({ node }) => node === undefined || node.type === 'null')) {
      error(name ?? entry, 'external-empty', 'Name `checkpoints`, `log` or both: there is nothing to diagnose or compare');
    }
    for (const { key, node } of paths) {
      if (node?.type !== 'string' || node.value === '') continue;
      if (pattern.test(node.value)) error(node, 'external-pattern', `${key} is a path, not a pattern: name the folder that holds the files (e.g. the training output folder)`);
      else if (host) checkPath(node, key, host, error);
    }
  }
  return problems;
}

function checkPath(node: Node, key: 'checkpoints' | 'log', host: ConfigHost, error: (node: Node, code: string, message: string) => void): void {
  const written = node.value as string;
  const path = resolve(host.configDir, written);
  if (!isInside(host.workspaceFolder, path)) return error(node, 'external-outside-workspace', `${written} is outside the workspace folder: RegLens reads models and logs from the workspace only`);
  const entry = host.look(path);
  if (entry.kind === 'missing') return error(node, 'external-not-found', `Not found: ${path}`);
  if (entry.kind === 'invalid') return error(node, 'external-invalid-path', `Cannot use this path: ${entry.problem}`);
  const workspace = host.look(host.workspaceFolder);
  const realWorkspace = 'realPath' in workspace ? workspace.realPath : host.workspaceFolder;
  if (!isInside(realWorkspace, entry.realPath)) return error(node, 'external-outside-workspace', `${written} links to a place outside the workspace folder: RegLens reads models and logs from the workspace only`);
  if (entry.kind !== 'file' && entry.kind !== 'folder') return error(node, 'external-not-a-file', `${path} is a ${entry.kind}, not a file or folder`);
  if (key === 'checkpoints' && entry.kind === 'file' && !checkpointFile.test(written)) {
    error(node, 'external-not-a-checkpoint', `${written} is not a checkpoint RegLens reads (.safetensors, .pt, .pth, .bin, .keras, .h5, a shard index) nor a folder of them`);
  }
}
