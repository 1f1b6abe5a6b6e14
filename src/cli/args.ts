/** The command line, parsed: `reglens train|example|--help`. */
import { parseArgs } from 'node:util';
import { parseOptions, unknownCommand } from './argsErrors';
import { convertUsage, parseConvert, type ConvertCommand } from './convert';
import { parseReport, reportUsage, type ReportCommand } from './report';
import { parseRuns, runsUsage, type RunsCommand } from './runs';

export type Command =
  | { name: 'help' }
  | { name: 'train'; config: string; experiment: string | null; out: string | null; json: boolean }
  | { name: 'tune'; config: string; experiment: string | null; strategy: 'grid' | 'halving' | null; out: string | null; json: boolean; apply: 'min' | '1se' | null; extend: boolean }
  | { name: 'example'; dir: string; force: boolean }
  | { name: 'compare'; config: string; experiment: string | null; out: string | null; json: boolean }
  | ConvertCommand
  | RunsCommand
  | ReportCommand
  | InspectCommand
  | { name: 'version' };

export interface InspectCommand {
  name: 'inspect';
  paths: string[];
  json: boolean;
  /** Only tensors whose name matches. */
  layers: RegExp | null;
  lambda: number;
  m: number;
  /** Two checkpoints: also the relative change ‖W₁ − W₀‖_F / ‖W₀‖_F of each shared tensor. */
  compare: boolean;
  /** Training logs: the series to read as the losses when guessing from the usual names fails. */
  trainLoss: string | null;
  valLoss: string | null;
  /** Threads a checkpoint's layers are analysed on; null, one per core. */
  threads: number | null;
  /** Norms and sparsity only, no spectra. */
  normsOnly: boolean;
}

export const usage = `Usage:
  reglens train [config] [--experiment NAME] [--out DIR] [--json]
      Train every experiment of a reglens.json (default ./reglens.json), or only NAME.
      Runs are saved under DIR/.reglens/runs/ (DIR defaults to the config file's folder).
      --json prints the results as JSON on stdout; progress and messages go to stderr.
  reglens tune [config] [--experiment NAME] [--strategy grid|halving] [--out DIR] [--json] [--apply [1se|min]] [--extend]
      Cross-validate the λ grid of each experiment's "tuning" block, print the validation curve
      with λ_min and λ_1se, and save it under DIR/.reglens/tunings/. --apply writes λ_1se (or
      λ_min) into the config as its "lambda", keeping comments and layout. Experiments without
      a penalty are skipped. --extend tunes again with two more decades of λ where λ_min or
      λ_1se sits at an end of the grid.
  reglens compare [config] [--experiment NAME] [--out DIR] [--json]
      Compare regularizers on one experiment's data and network (NAME, or the first): none, L2,
      L1, elastic net, dropout, max-norm, input noise and early stopping. Each strength is tuned
      with the experiment's "tuning" block (λ on its grid; dropout, max norm and noise on their
      own), each run trained at its choice; the comparison is saved under DIR/.reglens/comparisons/.
  reglens example [DIR] [--force]
      Write the example configs to DIR (default .): reglens.json (digits: none / L2 / L1 / elastic
      net) and boundary.reglens.json (2-D moons: a wiggly boundary made smooth); --force overwrites.
  reglens inspect PATH... [--json] [--layers REGEX] [--lambda L] [--m M] [--compare] [--threads N] [--norms-only]
      Diagnose checkpoints (.safetensors, a sharded model.safetensors.index.json, torch.save
      .pt/.pth/.bin, Keras .keras/.h5): per tensor its norms, sparsity, spectral norm, stable
      rank and power-law α; per model the L2 penalty Σ‖W‖²_F would cost at λ (default 1) with
      m training rows (default 1) under each convention. --compare with two or more checkpoints
      adds, for each after the first, every tensor it shares with the first (by name and shape)
      and its relative change ‖W₁ − W₀‖_F / ‖W₀‖_F. A checkpoint's layers are analysed on N
      threads at once (default: one per core); --norms-only skips the spectra (α, spectral norm).
  reglens inspect LOG... [--train-loss NAME] [--val-loss NAME] [--json]
      Read training logs (TensorBoard event files or folders of runs, Keras or Lightning CSV logs,
      Hugging Face trainer_state.json or output folders) and print each run's best epoch,
      overfitting onset and final gap; --train-loss/--val-loss name the series when guessing fails.
${convertUsage}
${runsUsage}
${reportUsage}
  reglens --help, reglens --version

Exit codes: 0 ok, 1 a training failed (diverged, bad data), 2 bad config or usage.`;

/** A mistake on the command line or in the config: exit code 2. */
export class UsageError extends Error {}

export function parseCommand(argv: string[]): Command {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError(`a command is missing\n\n${usage}`);
  if (name === '--help' || name === '-h' || name === 'help') return { name: 'help' };
  if (name === '--version' || name === '-V' || name === 'version') return { name: 'version' };
  if (name === 'train') {
    const { values, positionals } = parse(rest, {
      experiment: { type: 'string', short: 'e' },
      out: { type: 'string', short: 'o' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    }, 'train');
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
    const { values, positionals } = parse(withApplyValue(rest), {
      experiment: { type: 'string', short: 'e' },
      strategy: { type: 'string' },
      apply: { type: 'string' },
      extend: { type: 'boolean' },
      out: { type: 'string', short: 'o' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    }, 'tune');
    if (values.help) return { name: 'help' };
    if (positionals.length > 1) throw new UsageError(`tune takes one config file, got: ${positionals.join(' ')}`);
    const strategy = values.strategy ?? null;
    if (strategy !== null && strategy !== 'grid' && strategy !== 'halving') {
      throw new UsageError(`--strategy must be grid or halving, got '${String(strategy)}'`);
    }
    const apply = values.apply ?? null;
    if (apply !== null && apply !== 'min' && apply !== '1se') throw new UsageError(`--apply takes 1se or min, got '${String(apply)}'`);
    return {
      name: 'tune',
      apply,
      extend: values.extend === true,
      config: positionals[0] ?? 'reglens.json',
      experiment: typeof values.experiment === 'string' ? values.experiment : null,
      strategy,
      out: typeof values.out === 'string' ? values.out : null,
      json: values.json === true,
    };
  }
  if (name === 'compare') {
    const { values, positionals } = parse(rest, {
      experiment: { type: 'string', short: 'e' },
      out: { type: 'string', short: 'o' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    }, 'compare');
    if (values.help) return { name: 'help' };
    if (positionals.length > 1) throw new UsageError(`compare takes one config file, got: ${positionals.join(' ')}`);
    return {
      name: 'compare',
      config: positionals[0] ?? 'reglens.json',
      experiment: typeof values.experiment === 'string' ? values.experiment : null,
      out: typeof values.out === 'string' ? values.out : null,
      json: values.json === true,
    };
  }
  if (name === 'example') {
    const { values, positionals } = parse(rest, { force: { type: 'boolean', short: 'f' }, help: { type: 'boolean', short: 'h' } }, 'example');
    if (values.help) return { name: 'help' };
    if (positionals.length > 1) throw new UsageError(`example takes one folder, got: ${positionals.join(' ')}`);
    return { name: 'example', dir: positionals[0] ?? '.', force: values.force === true };
  }
  if (name === 'convert') return parseConvert(rest);
  if (name === 'runs') return parseRuns(rest);
  if (name === 'report') return parseReport(rest);
  if (name === 'inspect') return parseInspect(rest);
  throw new UsageError(unknownCommand(name, commands));
}

/** `--apply` may stand alone: it then means the one-standard-error rule. */
function withApplyValue(args: string[]): string[] {
  return args.map((arg, i) => (arg === '--apply' && args[i + 1] !== '1se' && args[i + 1] !== 'min' ? '--apply=1se' : arg));
}

const commands = ['train', 'tune', 'compare', 'example', 'convert', 'runs', 'report', 'inspect', 'help'] as const;

function parseInspect(rest: string[]): InspectCommand | { name: 'help' } {
  const { values, positionals } = parse(
    rest,
    {
      json: { type: 'boolean' },
      layers: { type: 'string' },
      lambda: { type: 'string' },
      m: { type: 'string' },
      compare: { type: 'boolean' },
      threads: { type: 'string' },
      'norms-only': { type: 'boolean' },
      'train-loss': { type: 'string' },
      'val-loss': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'inspect',
  );
  if (values.help) return { name: 'help' };
  if (positionals.length === 0) throw new UsageError('inspect needs at least one checkpoint, training log or folder');
  if (values.compare === true && positionals.length < 2) throw new UsageError(`--compare takes two or more checkpoints, got ${positionals.length}`);
  let layers: RegExp | null = null;
  if (typeof values.layers === 'string') {
    try {
      layers = new RegExp(values.layers);
    } catch (error) {
      throw new UsageError(`--layers is not a regular expression: ${(error as Error).message}`);
    }
  }
  return { name: 'inspect', paths: positionals, json: values.json === true, layers, lambda: positiveNumber(values.lambda, 'lambda', 1), m: positiveNumber(values.m, 'm', 1), compare: values.compare === true, trainLoss: text(values['train-loss']), valLoss: text(values['val-loss']),
    threads: values.threads === undefined ? null : threadCount(values.threads), normsOnly: values['norms-only'] === true };
}

function threadCount(raw: unknown): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 256) throw new UsageError(`--threads must be a whole number from 1 to 256, got '${String(raw)}'`);
  return value;
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

function positiveNumber(raw: unknown, flag: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!(value >= 0) || !Number.isFinite(value)) throw new UsageError(`--${flag} must be a non-negative number, got '${String(raw)}'`);
  return value;
}

type Options = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

function parse(args: string[], options: Options, command = 'reglens'): { values: Record<string, unknown>; positionals: string[] } {
  return parseOptions(command, args, options);
}
