/**
 * `reglens inspect FOLDER`: a folder of checkpoints over training as a series (each checkpoint's
 * Σ‖W‖²_F, sparsity, mean α and per-layer norms by step) and, when a training log lies in the same
 * folder (Hugging Face's output folder holds both), the log's losses and gap at each checkpoint's step.
 */
import { stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { lossesAtSteps, type SeriesPoint } from '../core';
import { findCheckpointSeries, inspectSeries, type FoundSeries } from '../io/checkpoints';
import { analyzeRun, openLog, type LogRun, type RoleNames } from '../io/logs';
import type { InspectCommand } from './args';
import { formatNumber, formatTable } from './format';
import { formatLogsReport, inspectLogs } from './inspectLogs';

interface SeriesReport {
  folder: string;
  unit: FoundSeries['unit'];
  points: SeriesPoint[];
  skipped: string[];
  problems: string[];
  /** Per log run found in the folder: its losses at each checkpoint's step. */
  alongside: { run: string; used: RoleNames; steps: ReturnType<typeof lossesAtSteps> }[];
}

/** The folder's checkpoints when it is a folder holding a series, else null. */
export async function seriesIn(path: string): Promise<FoundSeries | null> {
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) return null;
  const found = await findCheckpointSeries(path).catch(() => null);
  return found !== null && found.checkpoints.length > 0 ? found : null;
}

async function logRunsIn(folder: string): Promise<LogRun[]> {
  try {
    return await (await openLog(folder)).read();
  } catch {
    return [];
  }
}

async function seriesReport(found: FoundSeries, command: InspectCommand, roles: RoleNames, report: (message: string) => void): Promise<SeriesReport> {
  const points: SeriesPoint[] = [];
  const problems: string[] = [];
  for await (const event of inspectSeries(found, { lambda: command.lambda, m: command.m, layers: command.layers })) {
    if (event.kind === 'point') points.push(event.point);
    else problems.push(event.message);
    report(`${found.folder}: ${points.length + problems.length}/${found.checkpoints.length} checkpoints`);
  }
  const steps = points.map((p) => p.step);
  const alongside = (await logRunsIn(found.folder)).map((run) => {
    const { used } = analyzeRun(run, roles);
    const values = (name: string | undefined) => (name === undefined ? [] : run.series[name].steps.map((step, i) => ({ step, value: run.series[name].values[i] })));
    return { run: run.name, used, steps: lossesAtSteps(steps, values(used.trainLoss), values(used.valLoss)) };
  });
  return { folder: found.folder, unit: found.unit, points, skipped: found.skipped, problems, alongside };
}

/** Exit 0 when every series gave a point for each checkpoint, 1 otherwise. */
export async function inspectSeriesCommand(command: InspectCommand): Promise<number> {
  const roles = { ...(command.trainLoss ? { trainLoss: command.trainLoss } : {}), ...(command.valLoss ? { valLoss: command.valLoss } : {}) };
  const live = !command.json && process.stderr.isTTY === true;
  const progress = live ? (message: string) => process.stderr.write(`\r\x1b[K${message}`) : () => undefined;
  const series: SeriesReport[] = [];
  for (const path of command.paths) {
    const found = await seriesIn(path);
    if (found) series.push(await seriesReport(found, command, roles, progress));
  }
  if (live) process.stderr.write('\r\x1b[K');
  // Every log of every path, series folders included: the same runs `inspect LOG...` gives.
  const logs = await inspectLogs(command.paths, roles);
  if (command.json) process.stdout.write(`${JSON.stringify({ series, runs: logs.runs })}\n`);
  else process.stdout.write(`${[...series.map(describeSeries), ...(logs.runs.length > 0 ? [formatLogsReport(logs)] : [])].join('\n\n')}\n`);
  return series.every((s) => s.problems.length === 0 && s.points.length > 0) ? 0 : 1;
}

function describeSeries(s: SeriesReport): string {
  const log = s.alongside[0];
  const header = [s.unit, 'checkpoint', 'Σ‖W‖²_F', 'share ≤ ε', 'mean α', ...(log ? [`${log.used.trainLoss ?? '—'}`, `${log.used.valLoss ?? '—'}`, 'gap'] : [])];
  const rows = s.points.map((p, i) => [
    String(p.step), relative(s.folder, p.file), formatNumber(p.sumSquares), formatNumber(p.sparsity), formatNumber(p.meanAlpha),
    ...(log ? [formatNumber(log.steps[i].trainLoss), formatNumber(log.steps[i].valLoss), formatNumber(log.steps[i].gap)] : []),
  ]);
  return [
    `${s.folder}: ${s.points.length} checkpoints by ${s.unit}${log ? `, beside the log of run ${log.run} (losses logged last at or before each step)` : ''}`,
    formatTable([header, ...rows], header.map((_, i) => i !== 1)),
    ...s.skipped.map((reason) => `  left out: ${reason}`),
    ...s.problems.map((problem) => `  ! ${problem}`),
  ].join('\n');
}
