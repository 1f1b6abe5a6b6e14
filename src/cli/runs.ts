/** `reglens runs list|show|diff`: the run store from the command line. */
import { relative, resolve } from 'node:path';
import { RunStore, type RunListing } from '../io/runStore';
import type { RunRecord } from '../core';
import { parseOptions } from './argsErrors';
import { UsageError } from './args';
import { formatNumber, formatTable } from './format';

export type RunsCommand =
  | { name: 'runs'; action: 'list'; dir: string; experiment: string | null; json: boolean }
  | { name: 'runs'; action: 'show'; dir: string; runs: [string]; json: boolean }
  | { name: 'runs'; action: 'diff'; dir: string; runs: [string, string]; json: boolean };

export const runsUsage = `  reglens runs list [--experiment NAME] [--dir DIR] [--json]
  reglens runs show RUN [--dir DIR] [--json]
  reglens runs diff RUN RUN [--dir DIR] [--json]
      The runs saved under DIR/.reglens/runs (DIR defaults to .): a list, one run's objective,
      settings and final numbers, or two runs' settings and final numbers side by side (only the
      settings that differ). RUN is a run id, or EXPERIMENT/ID.`;

export function parseRuns(args: string[]): RunsCommand {
  const [action, ...rest] = args;
  const { values, positionals } = parseOptions(`runs ${action ?? ''}`.trim(), rest, {
    dir: { type: 'string', short: 'd' },
    experiment: { type: 'string', short: 'e' },
    json: { type: 'boolean' },
  });
  const dir = typeof values.dir === 'string' ? values.dir : '.';
  const json = values.json === true;
  if (action === 'list' && positionals.length === 0) return { name: 'runs', action, dir, experiment: typeof values.experiment === 'string' ? values.experiment : null, json };
  if (action === 'show' && positionals.length === 1) return { name: 'runs', action, dir, runs: [positionals[0]], json };
  if (action === 'diff' && positionals.length === 2) return { name: 'runs', action, dir, runs: [positionals[0], positionals[1]], json };
  throw new UsageError(`runs takes list, show RUN or diff RUN RUN\n\n${runsUsage}`);
}

export async function runsCommand(command: RunsCommand): Promise<number> {
  const store = new RunStore(resolve(command.dir));
  const { runs, problems } = await store.list(command.action === 'list' ? command.experiment ?? undefined : undefined);
  for (const problem of problems) process.stderr.write(`${relative(process.cwd(), problem.path)}: skipped: ${problem.message}\n`);
  if (command.action === 'list') {
    write(command.json ? runs.map(({ dir, ...run }) => ({ ...run, dir })) : listTable(runs, store));
    return 0;
  }
  const records = await Promise.all(command.runs.map(async (name) => store.load(...findRun(runs, name))));
  if (command.action === 'show') write(command.json ? records[0] : showText(records[0]));
  else write(command.json ? diffJson(records[0], records[1]) : diffText(records[0], records[1]));
  return 0;
}

function write(value: unknown): void {
  process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}\n`);
}

/** The run a name means: an id (unique across experiments) or EXPERIMENT/ID. */
export function findRun(runs: RunListing[], name: string): [string, string] {
  const slash = name.lastIndexOf('/');
  const matches = runs.filter((run) => (slash < 0 ? run.id === name : run.experiment === name.slice(0, slash) && run.id === name.slice(slash + 1)));
  if (matches.length === 1) return [matches[0].experiment, matches[0].id];
  if (matches.length > 1) throw new UsageError(`run '${name}' is in several experiments (${matches.map((m) => m.experiment).join(', ')}): write EXPERIMENT/ID`);
  const hint = runs.length === 0 ? 'the store has no runs (reglens train saves them)' : `reglens runs list shows the ${runs.length} saved`;
  throw new UsageError(`no run '${name}': ${hint}`);
}

function listTable(runs: RunListing[], store: RunStore): string {
  if (runs.length === 0) return `No runs in ${relative(process.cwd(), store.runsDir) || '.'}: reglens train saves them there.`;
  const rows = runs.map((run) => {
    const { penalty, lambda } = run.regularization;
    const final = run.summary.final;
    return [run.experiment, run.id, run.createdAt.slice(0, 19).replace('T', ' '), penalty, penalty === 'none' ? '' : formatNumber(lambda),
      formatNumber(final?.valLoss), formatNumber(final?.valMetric), String(final?.epoch ?? 0), run.summary.stopReason];
  });
  const header = ['experiment', 'run', 'created (UTC)', 'penalty', 'λ', 'val loss', 'val metric', 'epoch', 'stop'];
  return formatTable([header, ...rows], [false, false, false, false, true, true, true, true, false]);
}

function showText(record: RunRecord): string {
  const final = record.summary.final;
  const lines = [
    `${record.experiment}/${record.id} (${record.createdAt}, RegLens ${record.reglensVersion})`,
    `objective: ${record.objective}`,
    `data: ${record.dataset.source}, ${record.dataset.trainRows} training rows, ${record.dataset.validationRows} validation rows`,
    `stop: ${record.summary.stopReason}: ${record.summary.message}`,
    `best epoch ${record.summary.bestEpoch}; overfitting onset ${record.summary.overfittingOnset ?? 'none'}`,
    '',
    formatTable([['setting', 'value'], ...Object.entries(flatSettings(record)).map(([k, v]) => [k, v])], [false, false]),
  ];
  if (final) lines.push('', formatTable([['final', 'value'], ...Object.entries(finalNumbers(record)).map(([k, v]) => [k, formatNumber(v)])], [false, true]));
  return lines.join('\n');
}

/** Settings as dotted keys (training.learningRate = 0.05). */
function flatSettings(record: RunRecord): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (value: unknown, path: string) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) visit(inner, path ? `${path}.${key}` : key);
    } else out[path] = JSON.stringify(value);
  };
  visit(record.spec, '');
  out['data.source'] = JSON.stringify(record.dataset.source);
  return out;
}

function finalNumbers(record: RunRecord): Record<string, number | null> {
  const final = record.summary.final;
  return {
    trainLoss: final?.trainLoss ?? null,
    valLoss: final?.valLoss ?? null,
    trainMetric: final?.trainMetric ?? null,
    valMetric: final?.valMetric ?? null,
    gap: final?.gap ?? null,
    penalty: final?.penalty ?? null,
    objective: final?.objective ?? null,
    epochs: record.epochs.length,
  };
}

function diffJson(a: RunRecord, b: RunRecord) {
  const [sa, sb] = [flatSettings(a), flatSettings(b)];
  const keys = [...new Set([...Object.keys(sa), ...Object.keys(sb)])].filter((k) => sa[k] !== sb[k]);
  return {
    runs: [`${a.experiment}/${a.id}`, `${b.experiment}/${b.id}`],
    settings: Object.fromEntries(keys.map((k) => [k, [sa[k] ?? null, sb[k] ?? null]])),
    final: Object.fromEntries(Object.keys(finalNumbers(a)).map((k) => [k, [finalNumbers(a)[k], finalNumbers(b)[k]]])),
  };
}

function diffText(a: RunRecord, b: RunRecord): string {
  const diff = diffJson(a, b);
  const head = ['', ...diff.runs];
  const settings = Object.entries(diff.settings).map(([k, [x, y]]) => [k, x ?? '—', y ?? '—']);
  const finals = Object.entries(diff.final).map(([k, [x, y]]) => [k, formatNumber(x), formatNumber(y)]);
  return [
    settings.length === 0 ? 'Same settings.' : formatTable([['setting that differs', ...diff.runs], ...settings], [false, false, false]),
    '',
    formatTable([head, ...finals], [false, true, true]),
  ].join('\n');
}
