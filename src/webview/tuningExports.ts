/** A tuning's numbers as CSV (the curve, one row per λ; the coefficient path) and JSON (the record). */
import type { TuningRecord } from '../protocol/records';
import type { LambdaStats } from '../protocol/records';
import { cell } from './exports';

const measures = ['score', 'trainLoss', 'valLoss', 'trainMetric', 'valMetric'] as const;
const numbers = ['frobenius', 'sparsity', 'exactZeros', 'diverged'] as const;

function csv(rows: (string | number | null)[][]): string {
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

/** NaN (a diverged λ) and JSON's null both become an empty cell. */
const finite = (value: number | null) => (value !== null && Number.isFinite(value) ? value : null);

/** The curve's λ values (largest first) with every mean and standard error, then the λ values halving dropped. */
export function curveCsv(record: TuningRecord): string {
  const { result } = record;
  const mark = (lambda: number) =>
    [lambda === result.lambdaMin?.lambda && 'λ_min', lambda === result.lambda1se?.lambda && 'λ_1se'].filter(Boolean).join(' ');
  const header = ['lambda', 'epochs', ...measures.flatMap((m) => [m, `${m}SE`]), ...numbers, 'mark'];
  const curveRow = (p: LambdaStats) => [
    p.lambda,
    p.epochs,
    ...measures.flatMap((m) => [finite(p[m].mean), finite(p[m].se)]),
    ...numbers.map((n) => finite(p[n])),
    mark(p.lambda),
  ];
  const droppedRows = result.dropped.map((d) => [
    d.lambda,
    d.epochs,
    finite(d.score.mean),
    finite(d.score.se),
    ...Array<null>((measures.length - 1) * 2 + numbers.length).fill(null),
    'dropped by halving',
  ]);
  return csv([header, ...result.curve.map(curveRow), ...droppedRows]);
}

/** One row per λ: every weight (output × feature) and bias trained on all rows; null without a path. */
export function pathCsv(record: TuningRecord): string | null {
  const path = record.result.path;
  const inputs = record.result.inputPath;
  if (!path) return inputs ? csv([['lambda', ...inputs.featureNames.map((f) => `norm(${f})`)], ...inputs.points.map((p) => [p.lambda, ...p.norms])]) : null;
  const name = (output: number, feature: string) => (path.outputs === 1 ? feature : `${feature}->output${output + 1}`);
  const header = [
    'lambda',
    ...Array.from({ length: path.outputs }, (_, k) => path.featureNames.map((f) => name(k, f))).flat(),
    ...Array.from({ length: path.outputs }, (_, k) => (path.outputs === 1 ? 'bias' : `bias->output${k + 1}`)),
    'exactZeros',
  ];
  return csv([header, ...path.points.map((p) => [p.lambda, ...p.weight, ...p.bias, p.exactZeros])]);
}

export function tuningJson(record: TuningRecord): string {
  return JSON.stringify(record, null, 2) + '\n';
}

/** A file name safe on every OS: "iris-lasso-tuning-20261123-013106-827-a06b". */
export function tuningBaseName(record: TuningRecord): string {
  return `${record.experiment}-tuning-${record.id}`.replace(/[^\w.-]+/g, '-').replace(/^[-.]+/, '').slice(0, 80) || 'reglens-tuning';
}
