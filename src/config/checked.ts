/** One parse of a config text gives both its problems and the experiments to train, so both read the same values. */
import { getNodeValue } from 'jsonc-parser';
import type { ConfigHost } from './host';
import { parseConfig } from './parse';
import type { Problem } from './problem';
import { experimentSpecs, type ExperimentSpec } from './toSpec';
import type { ReglensConfig } from './types';
import { problemsOf } from './validate';

export interface CheckedConfig {
  problems: Problem[];
  /** Empty whenever a problem is an error: nothing trains from a file that did not validate. */
  experiments: ExperimentSpec[];
}

export function checkConfig(text: string, host: ConfigHost | null): CheckedConfig {
  const parsed = parseConfig(text);
  const problems = problemsOf(parsed, host);
  const usable = parsed.root !== undefined && !problems.some((p) => p.severity === 'error');
  return { problems, experiments: usable ? experimentSpecs(getNodeValue(parsed.root!) as ReglensConfig) : [] };
}
