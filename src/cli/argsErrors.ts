/** Command-line mistakes said in RegLens's words: no Node parser text, a suggestion where one fits. */
import { parseArgs } from 'node:util';
import { closest } from '../config/suggest';
import { UsageError } from './args';

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** Parses `args` for `command`; a mistake becomes a UsageError naming the option and what is wrong. */
export function parseOptions(command: string, args: string[], options: NonNullable<Options>): { values: Record<string, unknown>; positionals: string[] } {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(optionMistake(command, error as Error & { code?: string }, Object.keys(options)));
  }
}

function optionMistake(command: string, error: Error & { code?: string }, known: string[]): string {
  // Node writes "Option '-o, --out <value>' argument missing" or "Unknown option '--foo'": keep the long name.
  const option = /'(?:-\w, )?(-{1,2}[^',< ]+)/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const guess = closest(option.replace(/^-+/, ''), known);
    return `${command} has no option ${option}${guess ? ` (did you mean --${guess}?)` : ''}; it takes ${known.map((k) => `--${k}`).join(', ')}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /argument missing/.test(error.message) ? `${command}: ${option} needs a value` : `${command}: ${option} takes no value`;
  }
  return `${command}: cannot read the arguments`;
}

/** "unknown command 'trian' (did you mean train?)". */
export function unknownCommand(name: string, commands: readonly string[]): string {
  const guess = closest(name, commands);
  return `unknown command '${name}'${guess ? ` (did you mean ${guess}?)` : ''}; the commands are ${commands.join(', ')}`;
}
