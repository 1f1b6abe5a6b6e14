/** The command line, parsed: `reglens train|example|--help`. */
import { parseArgs } from 'node:util';

export type Command =
  | { name: 'help' }
  | { name: 'train'; config: string; experiment: string | null; out: string | null; json: boolean }
  | { name: 'tune'; config: string; experiment: string | null; strategy: 'grid' | 'halving' | null; out: string | null; json: boolean }
  | { name: 'example'; dir: string; force: boolean }
  | { name: 'inspect'; paths: string[]; json: boolean; trainLoss: string | null; valLoss: string | null };

export const usage = `Usage:
  reglens train [config] [--experiment NAME] [--out DIR] [--json]
      Train every experiment of a reglens.json (default ./reglens.json), or only NAME.
      Runs are saved under DIR/.reglens/runs/ (DIR defaults to the config file's folder).
      --json prints the results as JSON on stdout; progress and messages go to stderr.
  reglens tune [config] [--experiment NAME] [--strategy grid|halving] [--out DIR] [--json]
      Cross-validate the λ grid of each experiment's "tuning" block, print the validation curve
      with λ_min and λ_1se, and save it under DIR/.reglens/tunings/.
  reglens example [DIR] [--force]
      Write an example reglens.json to DIR (default .); --force overwrites an existing one.
  reglens inspect PATH... [--train-loss NAME] [--val-loss NAME] [--json]
      Read training logs (TensorBoard event files or folders of runs, Keras or Lightning CSV logs,
      Hugging Face trainer_state.json or output folders) and print each run's best epoch,
      overfitting onset and final gap; --train-loss/--val-loss name the series when guessing fails.
  reglens --help

Exit codes: 0 ok, 1 a training failed (diverged, bad data), 2 bad config or usage.`;

/** A mistake on the command line or in the config: exit code 2. */
export class UsageError extends Error {}

export function parseCommand(argv: string[]): Command {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError(`a command is missing\n\n${usage}`);
  if (name === '--help' || name === '-h' || name === 'help') return { name: 'help' };
  if (name === 'train') {
    const { values, positionals } = parse(rest, {
      experiment: { type: 'string', short: 'e' },
      out: { type: 'string', short: 'o' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) return { name: 'help' };
    if (positionals.length > 1) throw new UsageError(`train takes one config file, got: ${positionals.join(' ')}`);
    return {
      name: 'train',
      config: positionals[0] ?? 'reglens.json',
      experiment: typeof values.experiment === 'string' ? values.experiment : null,
      out: typeof values.out === 'string' ? values.out : null,
      json: values.json === true,
    };
  }
  if (name === 'tune') {
    const { values, positionals } = parse(rest, {
      experiment: { type: 'string', short: 'e' },
      strategy: { type: 'string' },
      out: { type: 'string', short: 'o' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) return { name: 'help' };
    if (positionals.length > 1) throw new UsageError(`tune takes one config file, got: ${positionals.join(' ')}`);
    const strategy = values.strategy ?? null;
    if (strategy !== null && strategy !== 'grid' && strategy !== 'halving') {
      throw new UsageError(`--strategy must be grid or halving, got '${String(strategy)}'`);
    }
    return {
      name: 'tune',
      config: positionals[0] ?? 'reglens.json',
      experiment: typeof values.experiment === 'string' ? values.experiment : null,
      strategy,
      out: typeof values.out === 'string' ? values.out : null,
      json: values.json === true,
    };
  }
  if (name === 'example') {
    const { values, positionals } = parse(rest, { force: { type: 'boolean', short: 'f' }, help: { type: 'boolean', short: 'h' } });
    if (values.help) return { name: 'help' };
    if (positionals.length > 1) throw new UsageError(`example takes one folder, got: ${positionals.join(' ')}`);
    return { name: 'example', dir: positionals[0] ?? '.', force: values.force === true };
  }
  if (name === 'inspect') {
    const { values, positionals } = parse(rest, {
      json: { type: 'boolean' },
      'train-loss': { type: 'string' },
      'val-loss': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) return { name: 'help' };
    if (positionals.length === 0) throw new UsageError('inspect needs at least one file or folder');
    const text = (value: unknown) => (typeof value === 'string' ? value : null);
    return { name: 'inspect', paths: positionals, json: values.json === true, trainLoss: text(values['train-loss']), valLoss: text(values['val-loss']) };
  }
  throw new UsageError(`unknown command '${name}'`);
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parse(args: string[], options: Options): { values: Record<string, unknown>; positionals: string[] } {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
