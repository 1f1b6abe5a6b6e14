/**
 * What the tuning charts plot, independent of chart.js and of the theme: the cross-validated
 * curve against λ (validation with ±1 SE), norms, sparsity, the coefficient path and a network's input path, with
 * λ_min and λ_1se marked. Every line runs from the smallest λ to the largest.
 */
import type { TuningRecord } from '../protocol/records';
import type { LambdaStats, TuningResult } from '../protocol/records';
import { formatNumber } from '../protocol/labels';
import { formatLambda } from '../protocol/numbers';

export interface TuningPoint {
  lambda: number;
  y: number | null;
  /** Standard error over folds, drawn as a ±1 SE bar. */
  se?: number | null;
}

export interface TuningLine {
  label: string;
  /** Index into the theme's palette. */
  colour: number;
  /** Index into the theme's dash patterns; 0 is solid. */
  dash: number;
  points: TuningPoint[];
  /** Points only, no line (λ values dropped by successive halving). */
  scatter?: boolean;
  /** Large hollow points, visible where this line lies under another (exact zeros under |w| ≤ ε with L1). */
  hollow?: boolean;
}

export interface LambdaMarker {
  lambda: number;
  label: string;
  colour: number;
}

export interface TuningChart {
  id: string;
  title: string;
  /** Read by screen readers in place of the picture. */
  description: string;
  yTitle: string;
  lines: TuningLine[];
  markers: LambdaMarker[];
  /** The one-standard-error line: λ_1se is the largest λ whose mean lies on the good side of it. */
  threshold?: { y: number; label: string };
}

type Measure = 'loss' | 'metric';

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const ascending = (curve: readonly LambdaStats[]) => [...curve].sort((a, b) => a.lambda - b.lambda);

export function measureName(result: TuningResult, measure: Measure): string {
  if (measure === 'loss') return 'loss';
  return result.metricName === 'r2' ? 'R²' : 'accuracy';
}

/** The measure λ_min and λ_1se were chosen by. */
export function ruleMeasure(result: TuningResult): Measure {
  return result.metric === 'valLoss' ? 'loss' : 'metric';
}

export function lambdaMarkers(result: TuningResult): LambdaMarker[] {
  const { lambdaMin, lambda1se } = result;
  if (!lambdaMin || !lambda1se) return [];
  if (lambdaMin.lambda === lambda1se.lambda) return [{ lambda: lambdaMin.lambda, label: `λ_min = λ_1se = ${formatLambda(lambdaMin.lambda)}`, colour: 2 }];
  return [
    { lambda: lambdaMin.lambda, label: `λ_min = ${formatLambda(lambdaMin.lambda)}`, colour: 2 },
    { lambda: lambda1se.lambda, label: `λ_1se = ${formatLambda(lambda1se.lambda)}`, colour: 3 },
  ];
}

function droppedLine(result: TuningResult): TuningLine[] {
  if (result.dropped.length === 0) return [];
  const rungs = [...new Set(result.dropped.map((d) => d.epochs))].sort((a, b) => a - b);
  return [
    {
      label: `dropped by halving (score after ${rungs.join(' or ')} epochs)`,
      colour: 4,
      dash: 0,
      scatter: true,
      points: [...result.dropped].sort((a, b) => a.lambda - b.lambda).map((d) => ({ lambda: d.lambda, y: d.score.mean })),
    },
  ];
}

function curveChart(result: TuningResult, measure: Measure, id: string, title: string): TuningChart {
  const name = measureName(result, measure);
  const train = measure === 'loss' ? (p: LambdaStats) => p.trainLoss : (p: LambdaStats) => p.trainMetric;
  const validation = measure === 'loss' ? (p: LambdaStats) => p.valLoss : (p: LambdaStats) => p.valMetric;
  const curve = ascending(result.curve);
  const byRule = measure === ruleMeasure(result);
  return {
    id,
    title,
    description: `Cross-validated ${name} per λ over ${result.folds} folds: training and validation means, the validation mean with ±1 standard error bars${byRule ? ', and where λ_min and λ_1se lie' : ''}.`,
    yTitle: name,
    lines: [
      { label: `training ${name}`, colour: 0, dash: 0, points: curve.map((p) => ({ lambda: p.lambda, y: train(p).mean })) },
      { label: `validation ${name} (mean ± 1 SE)`, colour: 1, dash: 0, points: curve.map((p) => ({ lambda: p.lambda, y: validation(p).mean, se: validation(p).se })) },
      ...(byRule ? droppedLine(result) : []),
    ],
    markers: lambdaMarkers(result),
    ...(byRule && result.lambdaMin ? { threshold: oneSeLine(result.lambdaMin, measure) } : {}),
  };
}

/** Best mean + 1 SE for a loss, − 1 SE for accuracy or R². */
function oneSeLine(best: { mean: number; se: number }, measure: Measure): { y: number; label: string } {
  return measure === 'loss' ? { y: best.mean + best.se, label: 'best + 1 SE' } : { y: best.mean - best.se, label: 'best − 1 SE' };
}

function pathChart(result: TuningResult): TuningChart[] {
  const path = result.path;
  if (!path) return [];
  const points = [...path.points].sort((a, b) => a.lambda - b.lambda);
  const features = path.featureNames.length;
  // Weights are outputs × features, row-major: colour follows the feature, dash the output.
  const lines = Array.from({ length: path.outputs * features }, (_, i): TuningLine => {
    const output = Math.floor(i / features);
    const feature = path.featureNames[i % features];
    return {
      label: path.outputs === 1 ? feature : `${feature} → output ${output + 1}`,
      colour: i % features,
      dash: output,
      points: points.map((p) => ({ lambda: p.lambda, y: p.weight[i] })),
    };
  });
  return [
    {
      id: 'coefficientPath',
      title: 'Coefficient path',
      description: `Every weight of the model (${path.outputs} × ${features}) trained on all rows at each λ: the lasso or ridge path.`,
      yTitle: 'weight',
      lines,
      markers: lambdaMarkers(result),
    },
  ];
}

/** A network's inputs against λ: which ones the penalty switches off (their group norm falls to 0). */
function inputPathChart(result: TuningResult): TuningChart[] {
  const path = result.inputPath;
  if (!path) return [];
  const points = [...path.points].sort((a, b) => a.lambda - b.lambda);
  return [
    {
      id: 'inputPath',
      title: 'Input path: first-layer group norms',
      description: `Each input's first-layer weights as one norm ‖W₁[:, j]‖₂ (${path.featureNames.length} inputs), trained on all rows at each λ, each λ starting from the next smaller one's weights: an input whose norm reaches 0 is switched off.`,
      yTitle: '‖W₁[:, j]‖₂',
      lines: path.featureNames.map((feature, j) => ({ label: feature, colour: j, dash: 0, points: points.map((p) => ({ lambda: p.lambda, y: p.norms[j] })) })),
      markers: lambdaMarkers(result),
    },
  ];
}

export function tuningCharts(record: TuningRecord): TuningChart[] {
  const { result } = record;
  const curve = ascending(result.curve);
  const markers = lambdaMarkers(result);
  const measure = ruleMeasure(result);
  const other: Measure = measure === 'loss' ? 'metric' : 'loss';
  const epsilon = formatNumber(record.spec.diagnostics.sparsityEpsilon);
  return [
    curveChart(result, measure, 'validationCurve', `Validation curve: ${measureName(result, measure)} vs λ`),
    curveChart(result, other, other === 'loss' ? 'lossVsLambda' : 'metricVsLambda', `${capitalized(measureName(result, other))} vs λ`),
    {
      id: 'normVsLambda',
      title: 'Frobenius norm ‖W‖ vs λ',
      description: 'Frobenius norm of the weights, summed over layers and averaged over folds, at each λ.',
      yTitle: 'Σ Frobenius norms ‖W‖',
      lines: [{ label: 'Σ ‖W‖ over layers (mean over folds)', colour: 0, dash: 0, points: curve.map((p) => ({ lambda: p.lambda, y: p.frobenius })) }],
      markers,
    },
    {
      id: 'sparsityVsLambda',
      title: 'Sparsity vs λ',
      description: `Fraction of weights with |w| ≤ ${epsilon}, and the fraction exactly zero, averaged over folds, at each λ.`,
      yTitle: 'fraction of weights',
      lines: [
        { label: `|w| ≤ ${epsilon}`, colour: 0, dash: 0, points: curve.map((p) => ({ lambda: p.lambda, y: p.sparsity })) },
        { label: 'exactly 0', colour: 1, dash: 1, hollow: true, points: curve.map((p) => ({ lambda: p.lambda, y: p.exactZeros })) },
      ],
      markers,
    },
    ...pathChart(result),
    ...inputPathChart(result),
  ];
}

/** Every λ a chart of this tuning may place on its x axis. */
export function allLambdas(result: TuningResult): number[] {
  return [...result.lambdas, ...result.curve.map((p) => p.lambda), ...result.dropped.map((d) => d.lambda), ...(result.path?.points.map((p) => p.lambda) ?? []), ...(result.inputPath?.points.map((p) => p.lambda) ?? [])];
}
