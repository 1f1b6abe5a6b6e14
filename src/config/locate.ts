/** Where each experiment sits in the text: for code lenses and for jumping to an experiment. */
import { findNodeAtLocation } from 'jsonc-parser';
import { parseConfig } from './parse';
import type { TextRange } from './problem';

export interface ExperimentLocation {
  name: string;
  /** Position in the `experiments` array. */
  index: number;
  /** The whole experiment object. */
  range: TextRange;
  /** The name's string value, quotes included. */
  nameRange: TextRange;
  /** The experiment's own `regularization.lambda` value; null when it takes λ from defaults or the default. */
  lambdaRange: TextRange | null;
}

/** Experiments with a string name, in order; works on a text with syntax errors as far as it parses. */
export function locateExperiments(text: string): ExperimentLocation[] {
  const { root, lines } = parseConfig(text);
  const experiments = root && findNodeAtLocation(root, ['experiments']);
  const locations: ExperimentLocation[] = [];
  const items = experiments?.type === 'array' ? experiments.children ?? [] : [];
  items.forEach((experiment, index) => {
    const name = findNodeAtLocation(experiment, ['name']);
    if (experiment.type !== 'object' || name?.type !== 'string') return;
    const lambda = findNodeAtLocation(experiment, ['regularization', 'lambda']);
    locations.push({
      name: name.value,
      index,
      range: lines.range(experiment.offset, experiment.length),
      nameRange: lines.range(name.offset, name.length),
      lambdaRange: lambda ? lines.range(lambda.offset, lambda.length) : null,
    });
  });
  return locations;
}
