/** Where a tuning's picks sit at an end of its grid, so that the best λ may lie beyond it: the view offers to extend the grid there. */
import { gridEnd } from '../core';
import type { TuningRecord } from './records';

export type GridEnd = 'largest' | 'smallest';

export function picksAtGridEnd({ result }: TuningRecord): GridEnd[] {
  const lambdas = result.curve.map((point) => point.lambda);
  const ends = [result.lambdaMin?.lambda, result.lambda1se?.lambda].map((lambda) => gridEnd(lambdas, lambda));
  return [...new Set(ends.filter((end): end is GridEnd => end !== null))];
}
