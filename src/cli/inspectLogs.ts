/** `reglens inspect` on training logs: each run's series, the series used, best epoch, onset and final gap. */
import { access } from 'node:fs/promises';
import { analyzeRun, locatedMessage, openLog, type LogRun, type RoleNames, type RunAnalysis } from '../io/logs';
import type { InspectCommand } from './args';
import { formatNumber, formatTable } from './format';

export interface LogsReport {
  runs: {
    name: string;
    format: LogRun['format'];
    files: string[];
    /** Per series: steps, epochs (null where the file gives none) and values, in file order. */
    series: Record<string, { steps: number[]; epochs: (number | null)[]; values: number[] }>;
    used: RoleNames;
    axis: RunAnalysis['axis'];
    bestEpoch: number | null;
    onset: number | null;
    finalGap: number | null;
    /** Training minus validation accuracy at the last validation accuracy. */
    finalAccuracyGap: number | null;
    problems: { file: string; offset: number | null; line: number | null; message: string }[];
  }[];
}

/** Reads every log at the paths (files or folders); a path that cannot be opened throws with its name. */
export async function inspectLogs(paths: string[], roles: RoleNames = {}): Promise<LogsReport> {
  const runs: LogsReport['runs'] = [];
  for (const path of paths) {
    try {
      await access(path);
    } catch {
      throw new Error(`${path}: no such file or folder`);
    }
    for (const run of await (await openLog(path)).read()) {
      const analysis = analyzeRun(run, roles);
      const { used, axis, bestEpoch, onset, finalGap, finalAccuracyGap } = analysis;
      runs.push({ name: run.name, format: run.format, files: run.files, series: run.series, used, axis, bestEpoch, onset, finalGap, finalAccuracyGap, problems: run.problems });
    }
  }
  return { runs };
}

/** A table of the runs, then each problem on a line of its own. */
export function formatLogsReport(report: LogsReport): string {
  const rows = report.runs.map((run) => [
    run.name,
    run.format,
    String(Object.keys(run.series).length),
    `${run.used.trainLoss ?? '—'} / ${run.used.valLoss ?? '—'}`,
    position(run.axis, run.bestEpoch),
    position(run.axis, run.onset),
    formatNumber(run.finalGap),
    formatNumber(run.finalAccuracyGap),
  ]);
  const table = formatTable([['run', 'format', 'series', 'train / validation loss', 'best', 'overfitting from', 'final gap', 'accuracy gap'], ...rows], [false, false, true, false, false, false, true, true]);
  const problems = report.runs.flatMap((run) => run.problems.map((p) => `  ! ${locatedMessage(p)}`));
  return [table, ...problems].join('\n');
}

function position(axis: string, at: number | null): string {
  if (at === null) return '—';
  return `${axis} ${Number.isInteger(at) ? String(at) : formatNumber(at)}`;
}

/** `reglens inspect LOG...`: each run's best epoch, onset and final gap. Exit 1 when no run could be read. */
export async function inspectLogsCommand(command: InspectCommand): Promise<number> {
  const roles = { ...(command.trainLoss ? { trainLoss: command.trainLoss } : {}), ...(command.valLoss ? { valLoss: command.valLoss } : {}) };
  const report = await inspectLogs(command.paths, roles);
  process.stdout.write(`${command.json ? JSON.stringify(report) : formatLogsReport(report)}\n`);
  return report.runs.length > 0 ? 0 : 1;
}
