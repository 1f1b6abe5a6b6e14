/** The numbers behind the charts as CSV (one row per run and epoch) and JSON (the runs themselves). */
import type { LayerDiagnostics } from '../protocol/records';
import { penaltyLabel, type ShownRun } from '../protocol/webview';

const epochColumns = [
  'trainLoss',
  'valLoss',
  'penalty',
  'objective',
  'trainMetric',
  'valMetric',
  'gap',
  'metricGap',
  'gradientNorm',
  'learningRate',
  'ms',
] as const;

const layerColumns: (keyof LayerDiagnostics)[] = [
  'frobenius',
  'l1',
  'maxAbs',
  'sparsity',
  'exactZeros',
  'deadUnits',
  'linearFraction',
  'spectralNorm',
  'stableRank',
];

/** One CSV field, quoted when it holds a comma, quote or line break. */
export function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function epochsCsv(runs: readonly ShownRun[]): string {
  const layers = Math.max(0, ...runs.flatMap((run) => run.epochs.map((e) => e.layers.length)));
  const layerHeader = Array.from({ length: layers }, (_, l) => layerColumns.map((c) => `layer${l + 1}.${c}`)).flat();
  const header = ['run', 'penalty', 'objective', 'epoch', ...epochColumns, ...layerHeader];
  const rows = runs.flatMap((run) =>
    run.epochs.map((e) => [
      run.id,
      penaltyLabel(run.spec.regularization),
      run.objective,
      e.epoch,
      ...epochColumns.map((c) => e[c]),
      ...Array.from({ length: layers }, (_, l) => layerColumns.map((c) => e.layers[l]?.[c] ?? null)).flat(),
    ]),
  );
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

export function runsJson(runs: readonly ShownRun[]): string {
  return JSON.stringify(runs.length === 1 ? runs[0] : runs, null, 2) + '\n';
}

/** A file name from the runs, safe on every OS: "digits-l2-3f2a" or "compare-3-runs". */
export function exportBaseName(runs: readonly ShownRun[]): string {
  const raw = runs.length === 1 ? `${runs[0].experiment}-${runs[0].id}` : `compare-${runs.length}-runs`;
  return raw.replace(/[^\w.-]+/g, '-').replace(/^[-.]+/, '').slice(0, 80) || 'reglens';
}
