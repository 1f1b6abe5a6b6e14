/** How runs and λ are named wherever they are shown (views, quick picks, lenses, the output channel). */
import type { PenaltyScale, RegularizationSpec } from '../core';

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
  if (reg.penalty === 'elasticNet') parts.push(`ρ=${reg.l1Ratio}`);
  if (reg.penalty !== 'none') parts.push(`λ=${reg.lambda}`, scaleConventions[reg.scale].short);
  if (reg.weightDecay > 0) parts.push(`weight decay ${reg.weightDecay}`);
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

/**
 * The one number formatter of the views, lenses, status bar and output channel: `digits` significant
 * digits without trailing zeros, exponent form below 1e-3 and from 1e6, "–" for a missing value; a
 * non-finite value says so ("NaN", "Infinity"), since a diverged loss should not look missing.
 */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return '–';
  if (!Number.isFinite(value)) return String(value);
  if (value === 0 || Number.isInteger(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e6) return value.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(digits)));
}
