/** Reads reglens.json text as JSON with comments and trailing commas, keeping every node's offset. */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
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

export function parseConfig(text: string): ParsedConfig {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const lines = new LineMap(text);
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
  return { root, problems, lines };
}
