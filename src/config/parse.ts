/** Reads reglens.json text as JSON with comments and trailing commas, keeping every node's offset. */
import { createScanner, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LineMap, type Problem } from './problem';

export interface ParsedConfig {
  /** The syntax tree; undefined only for an empty or hopeless text. */
  root: Node | undefined;
  /** Syntax errors, each at its place. */
  problems: Problem[];
  lines: LineMap;
}

const syntaxMessages: Record<string, string> = {
  InvalidSymbol: 'Unexpected character',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'Expected a property name in double quotes',
  ValueExpected: 'Expected a value',
  ColonExpected: 'Expected a colon after the property name',
  CommaExpected: 'Expected a comma',
  CloseBraceExpected: 'Expected a closing brace }',
  CloseBracketExpected: 'Expected a closing bracket ]',
  EndOfFileExpected: 'Expected the end of the file after the top-level value',
  InvalidCommentToken: 'Invalid comment',
  UnexpectedEndOfComment: 'Unterminated comment: missing */',
  UnexpectedEndOfString: 'Unterminated string: missing "',
  UnexpectedEndOfNumber: 'Unterminated number',
  InvalidUnicode: 'Invalid unicode escape',
  InvalidEscapeCharacter: 'Invalid escape character in a string',
  InvalidCharacter: 'Invalid character in a string',
};

/** Far deeper than any config (about 5 levels); the parser recurses, so deeper text is refused before parsing. */
export const MAX_DEPTH = 64;

export function parseConfig(text: string): ParsedConfig {
  const lines = new LineMap(text);
  const tooDeep = firstTooDeep(text);
  if (tooDeep !== null) {
    const message = `Nested more than ${MAX_DEPTH} levels deep: a RegLens config needs about 5`;
    return { root: undefined, problems: [{ message, severity: 'error', range: lines.range(tooDeep, 1), code: 'syntax.tooDeep' }], lines };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems = errors.map((e): Problem => {
    const name = printParseErrorCode(e.error);
    return {
      message: syntaxMessages[name] ?? `Syntax error (${name})`,
      severity: 'error',
      range: lines.range(e.offset, e.length),
      code: `syntax.${name}`,
    };
  });
  if (!root && problems.every((p) => p.code === 'syntax.ValueExpected')) {
    const empty: Problem = { message: 'The file is empty: expected { "experiments": [ ... ] }', severity: 'error', range: lines.range(0, 0), code: 'syntax.ValueExpected' };
    return { root, problems: [empty], lines };
  }
  if (root && problems.length === 0) problems.push(...duplicateKeys(root, lines));
  return { root, problems, lines };
}

/** The offset of the bracket or brace that opens level MAX_DEPTH + 1, or null. */
function firstTooDeep(text: string): number | null {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== token.end; kind = scanner.scan()) {
    if (kind === token.openBrace || kind === token.openBracket) {
      if (++depth > MAX_DEPTH) return scanner.getTokenOffset();
    } else if (kind === token.closeBrace || kind === token.closeBracket) depth = Math.max(0, depth - 1);
  }
  return null;
}

/** jsonc-parser's SyntaxKind values (a const enum, which isolated modules cannot read). */
const token = { openBrace: 1, closeBrace: 2, openBracket: 3, closeBracket: 4, end: 17 } as const;

/**
 * A key written twice in one object: JSON parsers disagree on which one counts (checks could read the
 * first, training the last), so the file is refused.
 */
function duplicateKeys(root: Node, lines: LineMap): Problem[] {
  const problems: Problem[] = [];
  const pending: Node[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    const firstAt = new Map<string, number>();
    for (const child of node.children ?? []) {
      pending.push(child);
      const key = node.type === 'object' ? child.children?.[0] : undefined;
      if (!key) continue;
      const earlier = firstAt.get(key.value);
      if (earlier === undefined) firstAt.set(key.value, key.offset);
      else {
        const message = `"${key.value}" appears twice in this object (first on line ${lines.position(earlier).line + 1}): each key may appear once`;
        problems.push({ message, severity: 'error', range: lines.range(key.offset, key.length), code: 'duplicate-key' });
      }
    }
  }
  return problems.sort((a, b) => a.range.offset - b.range.offset);
}
