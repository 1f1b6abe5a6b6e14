/**
 * The contract between the extension and its webviews (sidebar and dashboard): one union of
 * messages each way, and the checks both sides run before trusting a message.
 */
import { arrayOf, boolean, defaulted, either, matching, nonNegative, nullable, number, object, oneOf, refine, string, tagged, type Check, type Checked } from './check';
import { comparisonHeaderCheck, type ComparisonHeader } from './comparison';
import { checkpointActionFields, checkpointListCheck, type CheckpointAction, type CheckpointList } from './checkpointList';
import { checkpointSeriesCheck, type CheckpointSeries } from './checkpointSeries';
import { externalRunCheck, type ExternalRun } from './logs';
import { experimentState, sidebarLists, type ConfigProblem, type ExperimentState, type LogListItem, type TuningListItem } from './sidebar';
import { pictureSnapshot, planePoints } from './pictures';
import type { PictureSnapshot, PlanePoints } from '../core';
import { epochReport, metricName, runRecord, runSummary, stopReason, tuningRecord, type EpochReport, type MetricName, type RunRecord, type RunSummary, type StopReason, type TuningRecord } from './records';

export type { EpochReport, RunRecord, RunSummary, TuningRecord } from './records';
export type { DecisionGrid, FittedCurve, NetworkPicture, PictureSnapshot, PlanePoints, PointSet, PreActivationHistogram, RunPictures, UnitState } from '../core';
export { penaltyLabel } from './labels';
export type { ExternalRun } from './logs';
export type { ConfigProblem, ExperimentState, LogListItem, TuningListItem } from './sidebar';
export type { ComparisonHeader } from './comparison';
export type { CheckpointSeries } from './checkpointSeries';
export type { CheckpointAction, CheckpointKind, CheckpointList, CheckpointListItem } from './checkpointList';

/** A run as the views show it: a stored RunRecord, or a live one whose summary is not known yet. */
export type ShownRun = Omit<RunRecord, 'summary'> & { summary: RunSummary | null };

/** One line of the sidebar's run list. */
export interface RunListItem {
  id: string;
  /** E.g. "L2, λ=0.01, λ/2m"; see penaltyLabel. */
  label: string;
  createdAt: string;
  status: StopReason | 'running';
  epochs: number;
  bestEpoch: number;
  metric: MetricName;
  valLoss: number | null;
  valMetric: number | null;
}

/** A saved comparison of regularizers: one entry in the sidebar for all its runs. */
export interface ComparisonListItem {
  id: string;
  /** E.g. "8 regularizers compared". */
  label: string;
  createdAt: string;
}

/** An experiment is its config file and its name: two files may both have a "baseline". */
export interface ExperimentItem {
  name: string;
  /** The config file, as the extension names it (workspace-relative); sent back with Train and Tune. */
  config: string;
  state: ExperimentState;
  /** Why a broken experiment does not train, e.g. "line 12: λ must be ≥ 0"; null otherwise. */
  problem: string | null;
  runs: RunListItem[];
  tunings: TuningListItem[];
  /** Its comparisons of regularizers (their runs are not in `runs`). */
  comparisons: ComparisonListItem[];
}

export type ExportFormat = 'csv' | 'json' | 'png' | 'html';

/** Extension → webview. */
export type ToWebview =
  /** Replaces the runs shown (dashboard: one, or several overlaid; sidebar: the live run or none). */
  | { type: 'runs'; runs: ShownRun[] }
  /** Epochs appended to a shown run, batched by the sender. */
  | { type: 'epochs'; runId: string; epochs: EpochReport[] }
  /** The live run `runId` took its pictures at one of its picture epochs (`points`: the run's data points). */
  | { type: 'picture'; runId: string; snapshot: PictureSnapshot; points: PlanePoints | null }
  /** The live run `runId` has ended: `run` (saved, or stopped with its epochs) takes its place. */
  | { type: 'runFinished'; runId: string; run: ShownRun }
  /** Sidebar: the workspace's experiments with their stored runs and tunings, and errors that block a whole config file. */
  /** `restricted`: an untrusted workspace, where nothing trains. */
  | { type: 'experiments'; experiments: ExperimentItem[]; problems: ConfigProblem[]; restricted: boolean }
  /** Sidebar: the training logs found in the workspace (by the `reglens.logs.globs` setting). */
  | { type: 'logs'; logs: LogListItem[] }
  /** Sidebar: the checkpoints found in the workspace (`reglens.checkpoints.globs`) and the configs' external models. */
  | { type: 'checkpoints'; list: CheckpointList }
  /** Sidebar: whether a job is running (enables Stop) and a line saying what it is doing. */
  | { type: 'status'; running: boolean; text: string }
  /** Dashboard: show a saved λ tuning (curves, path, Apply buttons) in place of runs. */
  | { type: 'tuning'; record: TuningRecord }
  /** Dashboard: the λ the shown tuning's experiment has in the config now (null: none comparable), so Apply says which is current as the lens does. */
  | { type: 'configLambda'; experiment: string; lambda: number | null }
  /**
   * Dashboard: runs read from training logs, shown beside the RegLens runs (an empty list removes
   * them), and the other series of theirs the user asked to chart, one chart each.
   */
  | { type: 'externalRuns'; runs: ExternalRun[]; scalars: string[] }
  /** Dashboard: the runs shown (sent just before) are a comparison of regularizers: which strength each got and why. */
  | { type: 'comparison'; header: ComparisonHeader }

  /** Dashboard: folders of checkpoints over training, drawn by step beside the logs (an empty list removes them). */
  | { type: 'checkpointSeries'; series: CheckpointSeries[] };

/** Webview → extension. */
export type FromWebview =
  /** Sent once the page listens; the extension answers with its current state. */
  | { type: 'ready' }
  | { type: 'train'; experiment: string; config: string }
  | { type: 'tune'; experiment: string; config: string }
  | { type: 'stop' }
  /** One run, or several to compare. */
  | { type: 'openDashboard'; runIds: string[] }
  /** A stored tuning of the experiment, in its own dashboard panel. */
  | { type: 'openTuning'; experiment: string; config: string; id: string }
  /** A training log the sidebar listed. */
  | { type: 'openLog'; path: string }
  /** Diagnose, chart or compare a checkpoint entry the sidebar listed. */
  | { type: 'checkpointAction'; action: CheckpointAction; id: string }
  /** A saved comparison of regularizers, with all its runs. */
  | { type: 'openComparison'; experiment: string; config: string; id: string }
  /** Ask to save an export; `content` is text for csv/json and base64 (no data: prefix) for png. */
  | { type: 'saveFile'; format: ExportFormat; fileName: string; content: string }
  /** Write a tuned λ (λ_min or λ_1se of the shown tuning, in the config's scale) into the experiment's config. */
  | { type: 'applyLambda'; experiment: string; lambda: number; rule: 'min' | '1se' }
  /** Tune the shown tuning's experiment again with two more decades of λ beyond `end` of its grid. */
  | { type: 'extendTuning'; experiment: string; end: 'largest' | 'smallest' }
  /** An error inside the webview, for the output channel. */
  | { type: 'error'; message: string };

/** A run as the views show it: a saved record, or a live one without its summary yet. */
const shownRun = object<ShownRun>({ ...runRecord.fields, summary: nullable(runSummary) });

const runListItem = object<RunListItem>({
  id: string,
  label: string,
  createdAt: string,
  status: either(stopReason, oneOf('running')),
  epochs: number,
  bestEpoch: number,
  metric: metricName,
  valLoss: nullable(number),
  valMetric: nullable(number),
});

const comparisonListItem = object<ComparisonListItem>({ id: string, label: string, createdAt: string });

type Fields<T extends { type: string }, K extends T['type']> = Omit<Extract<T, { type: K }>, 'type'>;

const toWebview = tagged<ToWebview>({
  runs: object<Fields<ToWebview, 'runs'>>({ runs: arrayOf(shownRun) }),
  epochs: object<Fields<ToWebview, 'epochs'>>({ runId: string, epochs: arrayOf(epochReport) }),
  picture: object<Fields<ToWebview, 'picture'>>({ runId: string, snapshot: pictureSnapshot, points: nullable(planePoints) }),
  runFinished: object<Fields<ToWebview, 'runFinished'>>({ runId: string, run: shownRun }),
  experiments: object<Fields<ToWebview, 'experiments'>>({
    experiments: arrayOf(object<ExperimentItem>({ name: string, config: string, state: experimentState, problem: defaulted(nullable(string), null), runs: arrayOf(runListItem), tunings: sidebarLists.tunings, comparisons: defaulted(arrayOf(comparisonListItem), []) })),
    problems: sidebarLists.problems,
    restricted: defaulted(boolean, false),
  }),
  logs: object<Fields<ToWebview, 'logs'>>({ logs: sidebarLists.logs }),
  checkpoints: object<Fields<ToWebview, 'checkpoints'>>({ list: checkpointListCheck }),
  status: object<Fields<ToWebview, 'status'>>({ running: boolean, text: string }),
  tuning: object<Fields<ToWebview, 'tuning'>>({ record: tuningRecord }),
  configLambda: object<Fields<ToWebview, 'configLambda'>>({ experiment: string, lambda: nullable(nonNegative) }),
  externalRuns: object<Fields<ToWebview, 'externalRuns'>>({ runs: arrayOf(externalRunCheck), scalars: arrayOf(string) }),
  comparison: object<Fields<ToWebview, 'comparison'>>({ header: comparisonHeaderCheck }),
  checkpointSeries: object<Fields<ToWebview, 'checkpointSeries'>>({ series: arrayOf(checkpointSeriesCheck) }),
});

/** 64 MiB: far above any honest export, low enough to refuse a runaway page. */
const maxExportChars = 64 * 1024 * 1024;
const fileName = matching(/^(?!\.)[^\\/:*?"<>|\u0000-\u001f]{1,120}$/, 'a plain file name (no folders)');

const saveFile = refine(object<Fields<FromWebview, 'saveFile'>>({ format: oneOf('csv', 'json', 'png', 'html'), fileName, content: string }), ({ format, fileName: name, content }, at) => {
  if (!name.toLowerCase().endsWith('.' + format)) return `${at}.fileName: expected a name ending in .${format}`;
  if (content.length > maxExportChars) return `${at}.content: longer than ${maxExportChars} characters`;
  if (format === 'png' && !/^[A-Za-z0-9+/]*={0,2}$/.test(content)) return `${at}.content: expected base64 PNG data`;
  return null;
});

const experimentName = matching(/^.{1,200}$/s, 'an experiment name');

const configName = matching(/^.{1,4096}$/s, 'a config file');
const nothing = object<Record<never, never>>({});

const fromWebview = tagged<FromWebview>({
  ready: nothing,
  train: object<Fields<FromWebview, 'train'>>({ experiment: experimentName, config: configName }),
  tune: object<Fields<FromWebview, 'tune'>>({ experiment: experimentName, config: configName }),
  stop: nothing,
  openDashboard: object<Fields<FromWebview, 'openDashboard'>>({ runIds: arrayOf(string) }),
  openTuning: object<Fields<FromWebview, 'openTuning'>>({ experiment: experimentName, config: configName, id: string }),
  openLog: object<Fields<FromWebview, 'openLog'>>({ path: sidebarLists.path }),
  checkpointAction: object<Fields<FromWebview, 'checkpointAction'>>(checkpointActionFields),
  openComparison: object<Fields<FromWebview, 'openComparison'>>({ experiment: experimentName, config: configName, id: matching(/^[0-9a-f-]{1,40}$/, 'a comparison id') }),
  saveFile,
  applyLambda: object<Fields<FromWebview, 'applyLambda'>>({ experiment: experimentName, lambda: nonNegative, rule: oneOf('min', '1se') }),
  extendTuning: object<Fields<FromWebview, 'extendTuning'>>({ experiment: experimentName, end: oneOf('largest', 'smallest') }),
  error: object<Fields<FromWebview, 'error'>>({ message: string }),
});

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

function parsed<T>(checked: Checked<T>): Parsed<T> {
  return checked.ok ? { ok: true, message: checked.value } : checked;
}

/** Run by the extension on everything a webview posts. */
export function parseFromWebview(value: unknown): Parsed<FromWebview> {
  return parsed(fromWebview(value, 'message'));
}

/** Run by the webviews on everything the extension posts. */
export function parseToWebview(value: unknown): Parsed<ToWebview> {
  return parsed(toWebview(value, 'message'));
}

/** A saved page state's runs, checked like a message (the state may come from an older version). */
export function checkShownRuns(value: unknown): ShownRun[] | null {
  const checked = arrayOf(shownRun)(value, 'runs');
  return checked.ok ? checked.value : null;
}

export const checkTuningRecord: Check<TuningRecord> = tuningRecord;
