/**
 * The contract between the extension and its webviews (sidebar and dashboard): one union of
 * messages each way, and validators both sides run before trusting a message.
 */
import type { EpochReport, StopReason } from '../core/report';
import type { RunRecord, RunSummary, TuningRecord } from '../core/runRecord';
import type { RegularizationSpec } from '../core/spec';
import type { CoefficientPath } from '../core/tuning/types';
import { externalRunCheck, type ExternalRun } from './logs';
import { anything, arrayOf, boolean, matching, nonNegative, nullable, number, object, oneOf, string, tagged, type Check } from './webviewChecks';

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
  metric: 'accuracy' | 'r2';
  valLoss: number | null;
  valMetric: number | null;
}

export interface ExperimentItem {
  name: string;
  runs: RunListItem[];
}

export type ExportFormat = 'csv' | 'json' | 'png';

/** Extension → webview. */
export type ToWebview =
  /** Replaces the runs shown (dashboard: one, or several overlaid; sidebar: the live run or none). */
  | { type: 'runs'; runs: ShownRun[] }
  /** Epochs appended to a shown run, batched by the sender. */
  | { type: 'epochs'; runId: string; epochs: EpochReport[] }
  | { type: 'runFinished'; runId: string; summary: RunSummary }
  /** Sidebar: the workspace's experiments and their stored runs. */
  | { type: 'experiments'; experiments: ExperimentItem[] }
  /** Sidebar: whether a job is running (enables Stop) and a line saying what it is doing. */
  | { type: 'status'; running: boolean; text: string }
  /** Dashboard: show a saved λ tuning (curves, path, Apply buttons) in place of runs. */
  | { type: 'tuning'; record: TuningRecord }
  /**
   * Dashboard: runs read from training logs, shown beside the RegLens runs (an empty list removes
   * them), and the other series of theirs the user asked to chart, one chart each.
   */
  | { type: 'externalRuns'; runs: ExternalRun[]; scalars: string[] };

/** Webview → extension. */
export type FromWebview =
  /** Sent once the page listens; the extension answers with its current state. */
  | { type: 'ready' }
  | { type: 'train'; experiment: string }
  | { type: 'tune'; experiment: string }
  | { type: 'stop' }
  /** One run, or several to compare. */
  | { type: 'openDashboard'; runIds: string[] }
  /** Ask to save an export; `content` is text for csv/json and base64 (no data: prefix) for png. */
  | { type: 'saveFile'; format: ExportFormat; fileName: string; content: string }
  /** Write a tuned λ (λ_min or λ_1se of the shown tuning, in the config's scale) into the experiment's config. */
  | { type: 'applyLambda'; experiment: string; lambda: number; rule: 'min' | '1se' }
  /** An error inside the webview, for the output channel. */
  | { type: 'error'; message: string };

const scaleText = { '2m': 'λ/2m', half: 'λ/2', sum: 'λ' } as const;
const penaltyName = { none: 'no penalty', l1: 'L1', l2: 'L2', elasticNet: 'elastic net' } as const;

/** What a legend or a run list calls a run: penalty, λ and its convention, e.g. "L2, λ=0.01, λ/2m". */
export function penaltyLabel(reg: RegularizationSpec): string {
  const parts: string[] = [penaltyName[reg.penalty]];
  if (reg.penalty === 'elasticNet') parts.push(`ρ=${reg.l1Ratio}`);
  if (reg.penalty !== 'none') parts.push(`λ=${reg.lambda}`, scaleText[reg.scale]);
  if (reg.weightDecay > 0) parts.push(`weight decay ${reg.weightDecay}`);
  return parts.join(', ');
}

/** The sidebar's line for a run. */
export function runListItem(run: ShownRun): RunListItem {
  const last = run.epochs.at(-1) ?? null;
  const best = run.summary?.final ?? last;
  return {
    id: run.id,
    label: penaltyLabel(run.spec.regularization),
    createdAt: run.createdAt,
    status: run.summary?.stopReason ?? 'running',
    epochs: last?.epoch ?? 0,
    bestEpoch: run.summary?.bestEpoch ?? 0,
    metric: run.metric,
    valLoss: best?.valLoss ?? null,
    valMetric: best?.valMetric ?? null,
  };
}

const stopReason = oneOf('completed', 'earlyStopped', 'diverged', 'cancelled');
const metric = oneOf('accuracy', 'r2');

const layerDiagnostics = object({
  layer: number,
  inputs: number,
  outputs: number,
  frobenius: number,
  l1: number,
  maxAbs: number,
  sparsity: number,
  exactZeros: number,
  deadUnits: number,
  linearFraction: nullable(number),
  spectralNorm: number,
  stableRank: number,
});

const histogram = object({ layer: number, edges: arrayOf(number), counts: arrayOf(number) });

const epochReport = object({
  epoch: number,
  trainLoss: number,
  penalty: number,
  objective: number,
  valLoss: nullable(number),
  trainMetric: number,
  valMetric: nullable(number),
  gap: nullable(number),
  metricGap: nullable(number),
  gradientNorm: number,
  learningRate: number,
  ms: number,
  layers: arrayOf(layerDiagnostics),
  histograms: nullable(arrayOf(histogram)),
});

const runSummary = object({
  stopReason,
  message: string,
  bestEpoch: number,
  overfittingOnset: nullable(number),
  final: nullable(epochReport),
  compression: object({ parameters: number, nonZeros: number, denseBytes: number, csrBytes: number }),
});

/** The parts of a run the views read; the rest (config snapshot, weights' provenance) passes through. */
const shownRun = object({
  id: string,
  experiment: string,
  createdAt: string,
  objective: string,
  metric,
  spec: object({
    model: object({ hidden: arrayOf(number), activation: string }),
    training: object({ earlyStopping: nullable(object({ patience: number })) }),
    regularization: object({
      penalty: oneOf('none', 'l1', 'l2', 'elasticNet'),
      lambda: number,
      scale: oneOf('2m', 'half', 'sum'),
      l1Ratio: number,
      weightDecay: number,
    }),
    diagnostics: object({ sparsityEpsilon: number }),
  }),
  lambdaEquivalents: object({ '2m': number, half: number, sum: number, pytorchWeightDecay: number, keras: number }),
  dataset: object({ source: string, task: oneOf('regression', 'binary', 'multiclass'), trainRows: number, validationRows: number }),
  epochs: arrayOf(epochReport),
  summary: nullable(runSummary),
});

const runListEntry = object({
  id: string,
  label: string,
  createdAt: string,
  status: oneOf('completed', 'earlyStopped', 'diverged', 'cancelled', 'running'),
  epochs: number,
  bestEpoch: number,
  metric,
  valLoss: nullable(number),
  valMetric: nullable(number),
});

// A stored tuning went through JSON, which writes a diverged λ's NaN mean as null: accept both.
const meanSE = object({ mean: nullable(number), se: nullable(number) });
const lambdaChoice = object({ lambda: number, mean: nullable(number), se: nullable(number) });

const lambdaStats = object({
  lambda: number,
  score: meanSE,
  trainLoss: meanSE,
  valLoss: meanSE,
  trainMetric: meanSE,
  valMetric: meanSE,
  frobenius: nullable(number),
  sparsity: number,
  exactZeros: number,
  epochs: number,
  diverged: number,
});

const pathShape = object({
  featureNames: arrayOf(string),
  outputs: number,
  points: arrayOf(object({ lambda: number, weight: arrayOf(number), bias: arrayOf(number), exactZeros: number })),
});

/** Every point of the path has one weight per output and feature, or its lines would not line up. */
const coefficientPath: Check = (value, at) => {
  const shapeError = pathShape(value, at);
  if (shapeError) return shapeError;
  const { featureNames, outputs, points } = value as CoefficientPath;
  const weights = featureNames.length * outputs;
  const bad = points.findIndex((p) => p.weight.length !== weights);
  return bad < 0 ? null : `${at}.points[${bad}].weight: expected ${weights} weights (${outputs} outputs × ${featureNames.length} features), got ${points[bad].weight.length}`;
};

/** The parts of a tuning the dashboard reads. */
const tuningRecord = object({
  id: string,
  experiment: string,
  createdAt: string,
  rows: number,
  spec: object({
    regularization: object({ penalty: oneOf('none', 'l1', 'l2', 'elasticNet'), lambda: number, scale: oneOf('2m', 'half', 'sum'), l1Ratio: number }),
    diagnostics: object({ sparsityEpsilon: number }),
  }),
  result: object({
    strategy: oneOf('grid', 'halving'),
    metric: oneOf('valLoss', 'valMetric'),
    metricName: metric,
    rule: oneOf('min', '1se'),
    folds: number,
    lambdas: arrayOf(number),
    warmStart: boolean,
    curve: arrayOf(lambdaStats),
    dropped: arrayOf(object({ lambda: number, epochs: number, score: meanSE })),
    lambdaMin: nullable(lambdaChoice),
    lambda1se: nullable(lambdaChoice),
    chosen: nullable(number),
    path: nullable(coefficientPath),
    stages: arrayOf(object({ epochs: number, lambdas: arrayOf(number) })),
    cost: object({ epochs: number, gridEpochs: number, trainingMs: number, wallMs: number, jobs: number }),
    stopReason: oneOf('completed', 'cancelled'),
  }),
});

const toWebviewChecks = {
  runs: object({ runs: arrayOf(shownRun) }),
  epochs: object({ runId: string, epochs: arrayOf(epochReport) }),
  runFinished: object({ runId: string, summary: runSummary }),
  experiments: object({ experiments: arrayOf(object({ name: string, runs: arrayOf(runListEntry) })) }),
  status: object({ running: boolean, text: string }),
  tuning: object({ record: tuningRecord }),
  externalRuns: object({ runs: arrayOf(externalRunCheck), scalars: arrayOf(string) }),
} satisfies Record<ToWebview['type'], Check>;

/** 64 MiB: far above any honest export, low enough to refuse a runaway page. */
const maxExportChars = 64 * 1024 * 1024;
const fileName = matching(/^(?!\.)[^\\/:*?"<>|\u0000-\u001f]{1,120}$/, 'a plain file name (no folders)');

const saveFileShape = object({ format: oneOf('csv', 'json', 'png'), fileName, content: string });

const saveFile: Check = (value, at) => {
  const shapeError = saveFileShape(value, at);
  if (shapeError) return shapeError;
  const { format, fileName: name, content } = value as { format: string; fileName: string; content: string };
  if (!name.toLowerCase().endsWith('.' + format)) return `${at}.fileName: expected a name ending in .${format}`;
  if (content.length > maxExportChars) return `${at}.content: longer than ${maxExportChars} characters`;
  if (format === 'png' && !/^[A-Za-z0-9+/]*={0,2}$/.test(content)) return `${at}.content: expected base64 PNG data`;
  return null;
};

const experimentName = matching(/^.{1,200}$/s, 'an experiment name');

const fromWebviewChecks = {
  ready: anything,
  train: object({ experiment: experimentName }),
  tune: object({ experiment: experimentName }),
  stop: anything,
  openDashboard: object({ runIds: arrayOf(string) }),
  saveFile,
  applyLambda: object({ experiment: experimentName, lambda: nonNegative, rule: oneOf('min', '1se') }),
  error: object({ message: string }),
} satisfies Record<FromWebview['type'], Check>;

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

function parse<T>(check: Check, value: unknown, at: string): Parsed<T> {
  const error = check(value, at);
  return error === null ? { ok: true, message: value as T } : { ok: false, error };
}

/** Run by the extension on everything a webview posts. */
export function parseFromWebview(value: unknown): Parsed<FromWebview> {
  return parse(tagged(fromWebviewChecks), value, 'message');
}

/** Run by the webviews on everything the extension posts. */
export function parseToWebview(value: unknown): Parsed<ToWebview> {
  return parse(tagged(toWebviewChecks), value, 'message');
}
