/**
 * The tuning view's header: what was tuned and how (penalty and its convention, rule, folds,
 * strategy, cost), what it found (λ_min, λ_1se), and the buttons that write a λ into the config.
 */
import type { TuningRecord } from '../protocol/records';
import type { TuningResult } from '../protocol/records';
import { penaltyLabel } from '../protocol/webview';
import { button, h } from './dom';
import { formatNumber } from '../protocol/labels';
import { formatLambda, roundLambda } from '../protocol/numbers';
import { measureName, ruleMeasure } from './tuningSeries';

export type ApplyLambda = (rule: 'min' | '1se', lambda: number) => void;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function strategyText(result: TuningResult): string {
  if (result.strategy === 'grid') return `grid${result.warmStart ? ', warm starts along the path' : ''}`;
  const rungs = result.stages.map((s) => `${s.lambdas.length} λ × ${s.epochs} epochs`).join(', then ');
  return `successive halving: ${rungs}`;
}

function costText(result: TuningResult): string {
  const { epochs, gridEpochs, wallMs, trainingMs, jobs } = result.cost;
  const path = result.path ? ' with the coefficient path' : '';
  const share = gridEpochs > 0 ? ` (${Math.round((100 * epochs) / gridEpochs)}% of a plain grid’s ${gridEpochs})` : '';
  return `${epochs} epochs${path}${share}; ${seconds(wallMs)} wall, ${seconds(trainingMs)} of training over ${jobs} jobs`;
}

function facts(record: TuningRecord): HTMLElement {
  const { result, spec } = record;
  const items: [string, string][] = [
    ['Penalty', `${penaltyLabel(spec.regularization)} when tuned; the λ below are in the same convention`],
    ['Rule', result.rule === '1se' ? '1se: the largest λ within one standard error of the best (glmnet)' : 'min: the best mean'],
    ['Scored by', `validation ${measureName(result, ruleMeasure(result))}, ${result.folds}-fold cross-validation on ${record.rows} training rows (seed ${result.seed})`],
    ['Strategy', strategyText(result)],
    ['Cost', costText(result)],
  ];
  return h('dl', { class: 'tuning-facts' }, ...items.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]));
}

function findings(result: TuningResult): HTMLElement[] {
  const name = `validation ${measureName(result, ruleMeasure(result))}`;
  const { lambdaMin, lambda1se } = result;
  const lines: HTMLElement[] = [];
  if (lambdaMin && lambda1se) {
    lines.push(
      h(
        'p',
        { class: 'findings' },
        `λ_min = ${formatLambda(lambdaMin.lambda)} (${name} ${formatNumber(lambdaMin.mean)} ± ${formatNumber(lambdaMin.se)}); `,
        `λ_1se = ${formatLambda(lambda1se.lambda)} (${formatNumber(lambda1se.mean)} ± ${formatNumber(lambda1se.se)}). `,
        `The ${result.rule} rule picks λ = ${formatLambda(result.chosen)}.`,
      ),
    );
  } else {
    lines.push(h('p', { class: 'warning' }, 'No λ finished with a finite score: every fold diverged. Lower the learning rate and tune again.'));
  }
  if (result.dropped.length > 0) {
    const rungs = [...new Set(result.dropped.map((d) => d.epochs))].sort((a, b) => a - b);
    const dropped = rungs.map((epochs) => {
      const lambdas = result.dropped.filter((d) => d.epochs === epochs).sort((a, b) => b.lambda - a.lambda);
      return `λ = ${lambdas.map((d) => formatNumber(d.lambda)).join(', ')} after ${epochs} epochs`;
    });
    lines.push(h('p', { class: 'muted' }, `Dropped early by successive halving: ${dropped.join('; ')}.`));
  }
  const diverged = result.curve.filter((p) => p.diverged > 0).map((p) => `${formatNumber(p.lambda)} (${p.diverged} of ${result.folds} folds)`);
  if (diverged.length > 0) lines.push(h('p', { class: 'warning' }, `Training diverged at λ = ${diverged.join(', ')}.`));
  if (result.stopReason === 'cancelled') lines.push(h('p', { class: 'warning' }, 'This tuning was cancelled: the curve has only the λ values that finished.'));
  return lines;
}

/** "Apply λ_1se = …" and "Apply λ_min = …", the rule's pick first and primary. */
function applyButtons(result: TuningResult, onApply: ApplyLambda): HTMLElement {
  const choices = [
    { rule: '1se' as const, name: 'λ_1se', choice: result.lambda1se },
    { rule: 'min' as const, name: 'λ_min', choice: result.lambdaMin },
  ].sort((a, b) => Number(b.rule === result.rule) - Number(a.rule === result.rule));
  return h(
    'div',
    { class: 'toolbar apply', role: 'group', 'aria-label': 'Apply a tuned λ to the config' },
    ...choices.map(({ rule, name, choice }) =>
      choice
        ? button(`Apply ${name} = ${formatLambda(choice.lambda)}`, () => onApply(rule, choice.lambda), {
            class: rule === result.rule ? 'apply-lambda' : 'apply-lambda secondary',
            'data-rule': rule,
            'data-name': name,
            // The λ the config gets (see roundLambda): the config has it when its λ equals this.
            'data-lambda': String(roundLambda(choice.lambda)),
            title: `Write λ = ${formatLambda(choice.lambda)} into this experiment’s regularization.lambda`,
          })
        : button(`Apply ${name}`, () => undefined, { class: 'apply-lambda secondary', 'data-rule': rule, disabled: true }),
    ),
  );
}

/** Says which Apply button's λ the config has now, as the λ lens does: "λ_1se = 0.0316 (current)", not clickable. */
export function markCurrentLambda(header: ParentNode, configLambda: number | null): void {
  header.querySelectorAll<HTMLButtonElement>('button.apply-lambda[data-lambda]').forEach((apply) => {
    const lambda = Number(apply.dataset.lambda);
    const current = lambda === configLambda;
    apply.textContent = current ? `${apply.dataset.name} = ${formatLambda(lambda)} (current)` : `Apply ${apply.dataset.name} = ${formatLambda(lambda)}`;
    apply.disabled = current;
  });
}

export function tuningHeader(record: TuningRecord, onApply: ApplyLambda): HTMLElement {
  return h(
    'div',
    { class: 'tuning-header' },
    h('h1', {}, `λ tuning: ${record.experiment}`),
    facts(record),
    ...findings(record.result),
    applyButtons(record.result, onApply),
  );
}
