/** The λ values a tuning run tries: largest first, so a warm-started path goes from sparse to dense. */

/** count values evenly spaced on a log scale from min to max. */
export interface LambdaRange {
  min: number;
  max: number;
  count: number;
}

/** The grid, sorted largest first without duplicates; λ = 0 (no penalty) is appended when asked. */
export function lambdaGrid(lambdas: LambdaRange | readonly number[], includeZero: boolean): number[] {
  const values = Array.isArray(lambdas) ? listed(lambdas as readonly number[]) : logSpaced(lambdas as LambdaRange);
  if (includeZero) values.push(0);
  return [...new Set(values)].sort((a, b) => b - a);
}

function listed(lambdas: readonly number[]): number[] {
  if (lambdas.length === 0) throw new Error('tuning.lambdas: the list is empty; give at least one λ');
  lambdas.forEach((lambda, i) => {
    if (!(Number.isFinite(lambda) && lambda >= 0)) throw new Error(`tuning.lambdas[${i}]: λ must be a finite number ≥ 0, got ${lambda}`);
  });
  return [...lambdas];
}

function logSpaced({ min, max, count }: LambdaRange): number[] {
  if (!(Number.isFinite(min) && min > 0)) throw new Error(`tuning.lambdas.min: must be > 0 for a log-spaced grid, got ${min}`);
  if (!(Number.isFinite(max) && max >= min)) throw new Error(`tuning.lambdas.max: must be ≥ min (${min}), got ${max}`);
  if (!(Number.isInteger(count) && count >= 1)) throw new Error(`tuning.lambdas.count: must be a whole number ≥ 1, got ${count}`);
  if (count === 1 || max === min) return [max];
  const step = Math.log(max / min) / (count - 1);
  // The ends are exact, so a grid from 1e-5 to 10 shows 1e-5 and 10, not 9.999999999.
  return Array.from({ length: count }, (_, i) => (i === 0 ? max : i === count - 1 ? min : max * Math.exp(-step * i)));
}
