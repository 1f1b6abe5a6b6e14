/** `reglens convert`: one library's λ (or RegLens's) in every convention RegLens knows. */
import {
  conventions,
  decoupledWeightDecay,
  findConvention,
  inEveryConvention,
  writtenPenalty,
  type ConventionPenalty,
  type LibraryConversion,
  type PenaltyScale,
  type WrittenPenalty,
} from '../core';
import { UsageError } from './args';
import { parseOptions } from './argsErrors';

export interface ConvertCommand extends WrittenPenalty {
  name: 'convert';
  /** Training rows m: needed to go to or from scale '2m'. */
  rows: number | null;
  json: boolean;
}

export const convertUsage = `  reglens convert FROM VALUE [MIXING] [--penalty l1|l2|elasticNet] [--scale 2m|half|sum] [--rows M] [--json]
      Convert λ from one convention into every other: FROM is reglens (VALUE = λ under --scale,
      MIXING = l1Ratio) or one of ${conventions.map((c) => c.id).join(', ')}
      (VALUE = the library's strength, MIXING its l1_ratio / alpha). --rows gives m for scale 2m.`;

const penalties = ['l1', 'l2', 'elasticNet'] as const;
const scales = ['2m', 'half', 'sum'] as const;

export function parseConvert(args: string[]): ConvertCommand {
  const { values, positionals } = parseOptions('convert', args, {
    penalty: { type: 'string' },
    scale: { type: 'string' },
    rows: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [from, value, mixing, ...extra] = positionals;
  if (from === undefined || value === undefined || extra.length > 0) throw new UsageError(`convert takes FROM VALUE [MIXING]\n\n${convertUsage}`);
  const source = from === 'reglens' ? from : findConvention(from)?.id;
  if (source === undefined) {
    throw new UsageError(`convert: unknown convention '${from}'; use reglens or one of ${conventions.map((c) => c.id).join(', ')}`);
  }
  const penalty = (values.penalty as string | undefined) ?? null;
  if (penalty !== null && !penalties.includes(penalty as (typeof penalties)[number])) throw new UsageError(`--penalty must be l1, l2 or elasticNet, got '${penalty}'`);
  const scale = (values.scale as string | undefined) ?? '2m';
  if (!scales.includes(scale as PenaltyScale)) throw new UsageError(`--scale must be 2m, half or sum, got '${scale}'`);
  const rows = typeof values.rows === 'string' ? positiveNumber(values.rows, '--rows') : null;
  if (rows !== null && !Number.isInteger(rows)) throw new UsageError(`--rows must be a whole number, got ${values.rows}`);
  return {
    name: 'convert',
    from: source,
    value: positiveNumber(value, 'VALUE'),
    mixing: mixing === undefined ? null : ratio(mixing),
    penalty: penalty as ConvertCommand['penalty'],
    scale: scale as PenaltyScale,
    rows,
    json: values.json === true,
  };
}

function positiveNumber(text: string, name: string): number {
  const value = Number(text);
  if (!(Number.isFinite(value) && value > 0)) throw new UsageError(`convert: ${name} must be a number > 0, got '${text}'`);
  return value;
}

function ratio(text: string): number {
  const value = Number(text);
  if (!(Number.isFinite(value) && value >= 0)) throw new UsageError(`convert: MIXING must be a number ≥ 0, got '${text}'`);
  return value;
}

/** The penalty the command describes, in RegLens terms. */
export function commandPenalty(command: ConvertCommand): ConventionPenalty {
  return writtenPenalty(command);
}

/** Every convention's value, each missing one with the option that would give it. */
export function conversions(reg: ConventionPenalty, rows: number | null) {
  const converted = inEveryConvention(reg, rows);
  const why = (missing: LibraryConversion['missing']) => (missing === 'rows' ? 'give --rows M' : missing === 'penalty' ? `cannot express ${reg.penalty}` : null);
  return { ...converted, libraries: converted.libraries.map(({ convention, says, missing }) => ({ convention, says, why: why(missing) })) };
}

export function convertCommand(command: ConvertCommand): number {
  const reg = commandPenalty(command);
  const result = conversions(reg, command.rows);
  if (command.json) {
    process.stdout.write(`${JSON.stringify({ from: command.from, ...result }, null, 2)}\n`);
    return 0;
  }
  const lambda = result.reglens.lambda;
  const shown = (Object.keys(lambda) as PenaltyScale[]).map((s) => `${lambda[s] === null ? '? (give --rows M)' : format(lambda[s]!)} under "${s}"`);
  const lines = [
    `RegLens: penalty ${reg.penalty}${result.reglens.l1Ratio !== null ? `, l1Ratio ${format(result.reglens.l1Ratio)}` : ''}; λ = ${shown.join(', ')}${command.rows ? ` (m = ${command.rows})` : ''}`,
    ...result.libraries.map((l) => `  ${l.says ?? `${l.convention}: — (${l.why})`}`),
    `  Decoupled decay (${decoupledWeightDecay.map((d) => d.call).join('; ')}) is RegLens "weightDecay" with the same value, not a penalty.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function format(value: number): string {
  return String(Number(value.toPrecision(6)));
}
