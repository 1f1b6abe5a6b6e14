/** Things in the data worth a warning that do not stop training. */
import type { Dataset } from './dataset';

/** Features with one value in every training row: they carry no information (standardizing leaves them at 0). */
export function constantFeatureWarnings(train: Dataset): string[] {
  const { x, rows, features, featureNames } = train;
  const warnings: string[] = [];
  for (let f = 0; f < features && rows > 1; f++) {
    const first = x[f];
    let constant = true;
    for (let r = 1; r < rows && constant; r++) constant = x[r * features + f] === first;
    if (!constant) continue;
    const name = featureNames[f] ?? `feature ${f + 1}`;
    warnings.push(`Feature "${name}" has the same value (${Number(first.toPrecision(6))}) in every training row: it carries no information.`);
  }
  return warnings;
}
