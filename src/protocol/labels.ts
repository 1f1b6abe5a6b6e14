/** How runs and λ are named wherever they are shown (views, quick picks, lenses, the output channel). */
import type { PenaltyScale, RegularizationSpec } from '../core';
import { formatLambda, formatNumber } from './numbers';

/** Existing importers take the formatter from here; it lives in numbers.ts. */
export { formatNumber } from './numbers';

/** The λ conventions: how `scale` reads λ, and what each is called elsewhere. */
export const scaleConventions: Record<PenaltyScale, { short: string; detail: string }> = {
  '2m': { short: 'λ/2m', detail: '(λ/2m)·Σ‖W‖²_F: the course convention, RegLens default' },
  half: { short: 'λ/2', detail: '(λ/2)·Σ‖W‖²_F: PyTorch weight_decay on a mean loss' },
  sum: { short: 'λ', detail: 'λ·Σ‖W‖²_F: Keras l2(λ)' },
};

const penaltyName = { none: 'no penalty', l1: 'L1', l2: 'L2', elasticNet: 'elastic net' } as const;

/** What a legend or a run list calls a run: penalty, λ and its convention, e.g. "L2, λ=0.01, λ/2m", then the other regularizers ("dropout p=0.3"). */
export function penaltyLabel(reg: RegularizationSpec): string {
  const parts: string[] = [penaltyName[reg.penalty]];
  if (reg.penalty === 'elasticNet') parts.push(`ρ=${formatNumber(reg.l1Ratio)}`);
  if (reg.penalty !== 'none') parts.push(`λ=${formatLambda(reg.lambda)}`, scaleConventions[reg.scale].short);
  if (reg.weightDecay > 0) parts.push(`weight decay ${formatNumber(reg.weightDecay)}`);
  parts.push(...regularizerBriefs(reg));
  return parts.join(', ');
}

/** E.g. ["dropout p=0.3", "max-norm c=2"]: one entry per active regularizer beyond the penalty. */
export function regularizerBriefs(reg: RegularizationSpec): string[] {
  const rates = typeof reg.dropout === 'number' ? [reg.dropout] : reg.dropout;
  return [
    rates.some((p) => p > 0) ? `dropout p=${rates.map((p) => formatNumber(p)).join('/')}` : null,
    reg.maxNorm > 0 ? `max-norm c=${formatNumber(reg.maxNorm)}` : null,
    reg.inputNoise > 0 ? `input noise σ=${formatNumber(reg.inputNoise)}` : null,
    reg.labelSmoothing > 0 ? `label smoothing ε=${formatNumber(reg.labelSmoothing)}` : null,
  ].filter((brief): brief is string => brief !== null);
}
