/**
 * The tuning view's per-fold scores: how the rows were cut into folds, and every λ's score on every
 * fold beside the mean ± SE the rules compared, so an outlying fold is seen, not averaged away.
 */
import { foldCutText } from '../protocol/foldCut';
import { formatNumber } from '../protocol/labels';
import type { TuningRecord } from '../protocol/records';
import { h } from './dom';
import { measureName, ruleMeasure } from './tuningSeries';

/** "3 folds of 479, 480, 479 rows, grouped by the column "site" (10 groups, each in one fold)". */
function foldsText(record: TuningRecord): string {
  const { result } = record;
  const sizes = Array.from({ length: result.folds }, (_, fold) => result.foldAssignment.filter((f) => f === fold).length);
  const rows = result.foldAssignment.length > 0 ? ` of ${sizes.join(', ')} rows` : '';
  return `${result.folds} folds${rows}, ${foldCutText(record)}; seed ${result.seed}.`;
}

export function foldScores(record: TuningRecord): HTMLElement | null {
  const { result } = record;
  const curve = [...result.curve].sort((a, b) => b.lambda - a.lambda);
  if (curve.length === 0 || curve.every((p) => p.foldScores.length === 0)) return null;
  const folds = Array.from({ length: result.folds }, (_, f) => `fold ${f + 1}`);
  const marks = (lambda: number) => [lambda === result.lambdaMin?.lambda ? 'λ_min' : '', lambda === result.lambda1se?.lambda ? 'λ_1se' : ''].filter(Boolean).join(', ');
  const name = `validation ${measureName(result, ruleMeasure(result))}`;
  return h(
    'section',
    { class: 'fold-scores', 'aria-label': 'Scores per fold' },
    h('h2', {}, `Per-fold ${name}`),
    h('p', { class: 'muted' }, foldsText(record)),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...['λ', ...folds, 'mean ± SE', ''].map((title) => h('th', { scope: 'col' }, title)))),
      h(
        'tbody',
        {},
        ...curve.map((point) =>
          h(
            'tr',
            { 'data-lambda': String(point.lambda) },
            h('th', { scope: 'row' }, formatNumber(point.lambda)),
            ...folds.map((_, f) => h('td', { 'data-value': String(point.foldScores[f] ?? '') }, formatNumber(point.foldScores[f] ?? null))),
            h('td', {}, `${formatNumber(point.score.mean)} ± ${formatNumber(point.score.se)}`),
            h('td', {}, marks(point.lambda)),
          ),
        ),
      ),
    ),
  );
}
