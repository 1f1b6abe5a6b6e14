/** Every problem of a reglens.json text: syntax, shape (from the schema), meaning, and files. */
import { checkExternal } from './externalCheck';
import { checkFiles } from './fileCheck';
import type { ConfigHost } from './host';
import { parseConfig, type ParsedConfig } from './parse';
import type { Problem } from './problem';
import { checkSchema } from './schemaCheck';
import { checkSemantics } from './semanticCheck';

/**
 * Problems sorted by position. `host` null skips the file checks (untrusted workspace).
 * Where a semantic error and the schema flag the same text, the semantic message (which says why) wins.
 * With a syntax error, only the syntax errors: the rest would describe a half-read file.
 */
export function validateConfig(text: string, host: ConfigHost | null): Problem[] {
  return problemsOf(parseConfig(text), host);
}

/** The problems of a text already parsed. */
export function problemsOf({ root, problems: syntax, lines }: ParsedConfig, host: ConfigHost | null): Problem[] {
  if (!root || syntax.length > 0) return syntax;
  const semantic = [...checkSemantics(root, lines), ...checkExternal(root, lines, host), ...(host ? checkFiles(root, lines, host) : [])];
  const explained = new Set(semantic.filter((p) => p.severity === 'error').map((p) => `${p.range.offset}:${p.range.length}`));
  const structural = checkSchema(root, lines).filter((p) => !explained.has(`${p.range.offset}:${p.range.length}`));
  return [...structural, ...semantic].sort((a, b) => a.range.offset - b.range.offset);
}
