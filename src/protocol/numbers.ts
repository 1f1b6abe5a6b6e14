/**
 * The one number formatter of every view, lens, tab title, status bar and output line, and the λ a
 * config gets. A shown number parses back (Number(text)) to the value it stands for, so "Apply
 * λ_1se = 0.0316" writes 0.0316 and the lens then calls 0.0316 current.
 */

/** Significant digits of a λ in a config and wherever a λ is shown: grid points 10^(k/2) read 3.16, not 3.16227766016838. */
const lambdaDigits = 3;

/** Exponent form outside [1e-3, 1e6): "1.78e-5", "2.5e7" (no "+", which JSON and Number both accept without). */
const exponential = (value: number) => value.toExponential().replace('e+', 'e');

/**
 * `value` to `digits` significant digits without trailing zeros: 0.1 + 0.2 → "0.3", 1.0000000000000002
 * → "1". Whole numbers below 1e6 (epochs, rows, units) print exactly. "–" for a missing value; NaN
 * and ±Infinity say so, since a diverged loss should not look missing.
 */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return '–';
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
  const near = Number(value.toPrecision(digits));
  // Rounding 1.8e308 up overflows to Infinity: keep the value then.
  const rounded = Number.isFinite(near) ? near : value;
  const magnitude = Math.abs(rounded);
  if (rounded !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)) return exponential(rounded);
  return String(rounded);
}

/** The λ a config gets from a tuning (Apply, `reglens tune --apply`): three significant digits. */
export function roundLambda(lambda: number): number {
  return Number.isFinite(lambda) && lambda !== 0 ? Number(lambda.toPrecision(lambdaDigits)) : lambda;
}

/** A λ as every view shows it: exactly the value `roundLambda` writes. */
export function formatLambda(lambda: number | null | undefined): string {
  return formatNumber(lambda === null || lambda === undefined ? lambda : roundLambda(lambda), lambdaDigits);
}
