/** Where each entry of the `external` block sits in the text, with what it names: for its code lenses. */
import { findNodeAtLocation } from 'jsonc-parser';
import { parseConfig } from './parse';
import type { TextRange } from './problem';

export interface ExternalLocation {
  name: string;
  /** The whole entry. */
  range: TextRange;
  /** As written (relative to the config file); null when absent. */
  checkpoints: string | null;
  log: string | null;
  experiment: string | null;
}

/** Entries with a string name, in order; works on a text with syntax errors as far as it parses. */
export function locateExternal(text: string): ExternalLocation[] {
  const { root, lines } = parseConfig(text);
  const block = root && findNodeAtLocation(root, ['external']);
  const stringOf = (node: ReturnType<typeof findNodeAtLocation>) => (node?.type === 'string' && node.value !== '' ? (node.value as string) : null);
  return (block?.type === 'array' ? block.children ?? [] : []).flatMap((entry) => {
    const name = findNodeAtLocation(entry, ['name']);
    if (entry.type !== 'object' || name?.type !== 'string') return [];
    return [{
      name: name.value as string,
      range: lines.range(entry.offset, entry.length),
      checkpoints: stringOf(findNodeAtLocation(entry, ['checkpoints'])),
      log: stringOf(findNodeAtLocation(entry, ['log'])),
      experiment: stringOf(findNodeAtLocation(entry, ['experiment'])),
    }];
  });
}
