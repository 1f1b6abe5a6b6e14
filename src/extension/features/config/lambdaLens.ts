/** What the λ lens offers after a tuning, and the smallest text edit that applies it. No vscode here: unit-tested. */
import { formatLambda, roundLambda } from '../../../protocol/numbers';
import type { RegularizationSpec, TuningResult } from '../../../protocol/records';

/** A tuning answers for the config's λ only when it tuned the same penalty, scale and (for elastic net) mix. */
export function tunesSamePenalty(tuned: RegularizationSpec, current: RegularizationSpec): boolean {
  return tuned.penalty === current.penalty && tuned.scale === current.scale && (current.penalty !== 'elasticNet' || tuned.l1Ratio === current.l1Ratio);
}

/**
 * The λ written into the config: three significant digits, as every view shows it. Grid points such as
 * 0.0031622776601683794 differ from 0.00316 by far less than the grid's spacing, and a config should stay readable.
 */
export const appliedLambda = roundLambda;

export interface LambdaOffer {
  /** E.g. "Apply λ_1se = 0.0316", or "λ_1se = 0.0316 (current)" when the config already has it. */
  title: string;
  lambda: number;
  current: boolean;
}

/** λ_1se then λ_min, as the config would get them; [] when no λ had a finite score. */
export function lambdaOffers(currentLambda: number, result: Pick<TuningResult, 'lambda1se' | 'lambdaMin'>): LambdaOffer[] {
  const offers = [
    ['λ_1se', result.lambda1se],
    ['λ_min', result.lambdaMin],
  ] as const;
  return offers.flatMap(([name, choice]) => {
    if (!choice) return [];
    const lambda = appliedLambda(choice.lambda);
    const current = lambda === currentLambda;
    const shown = formatLambda(lambda);
    return [{ title: current ? `${name} = ${shown} (current)` : `Apply ${name} = ${shown}`, lambda, current }];
  });
}

/** The one replacement that turns `before` into `after`: the edit touches only what changed, so undo and the cursor behave. */
export function minimalEdit(before: string, after: string): { offset: number; length: number; text: string } | null {
  if (before === after) return null;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { offset: start, length: before.length - start - end, text: after.slice(start, after.length - end) };
}
