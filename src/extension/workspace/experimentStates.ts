/**
 * Which experiments of a config text can train: an error inside one experiment blocks only that
 * experiment; an error anywhere else (syntax, `defaults`, the file's shape) blocks them all. No
 * vscode here: unit-tested.
 */
import { findNodeAtLocation, getNodeValue } from 'jsonc-parser';
import { experimentSpecs, parseConfig, type ExperimentSpec, type Problem, type ReglensConfig } from '../../config';

/** An experiment that does not train, and the first error that keeps it from training. */
export interface BrokenExperiment {
  name: string;
  /** Position in the `experiments` array. */
  index: number;
  problem: Problem;
}

export interface ExperimentStates {
  /** The experiments ready to train, defaults applied. */
  usable: ExperimentSpec[];
  broken: BrokenExperiment[];
  /** Errors outside every experiment: while there is one, nothing trains. */
  fileErrors: Problem[];
}

/** Splits the experiments of `text` by the `problems` found in it (the validator's, on the same text). */
export function experimentStates(text: string, problems: readonly Problem[]): ExperimentStates {
  const errors = problems.filter((problem) => problem.severity === 'error');
  const { root, problems: unparsed } = parseConfig(text);
  const array = root && findNodeAtLocation(root, ['experiments']);
  const items = array?.type === 'array' ? (array.children ?? []) : [];
  // With a syntax error or a key written twice the validator reports nothing else: the rest is not known to be sound.
  const syntax = unparsed.length > 0;
  const firstError = new Map<number, Problem>();
  const fileErrors: Problem[] = [];
  for (const problem of errors) {
    const index = syntax ? -1 : items.findIndex((item) => item.offset <= problem.range.offset && problem.range.offset < item.offset + item.length);
    if (index < 0) fileErrors.push(problem);
    else if (!firstError.has(index)) firstError.set(index, problem);
  }
  const nameOf = (index: number) => {
    const name = findNodeAtLocation(items[index]!, ['name']);
    return name?.type === 'string' ? name.value : `experiments[${index}]`;
  };
  if (fileErrors.length > 0 || !root) {
    const [blocking] = fileErrors;
    const broken = blocking ? items.map((_, index) => ({ name: nameOf(index), index, problem: firstError.get(index) ?? blocking })) : [];
    return { usable: [], broken, fileErrors };
  }
  // Commands and runs find an experiment by its name: a name shared with a broken experiment is ambiguous until fixed.
  const brokenNames = new Map([...firstError].map(([index, problem]) => [nameOf(index), problem]));
  items.forEach((_, index) => {
    const shared = brokenNames.get(nameOf(index));
    if (shared && !firstError.has(index)) firstError.set(index, shared);
  });
  const broken = [...firstError].sort(([a], [b]) => a - b).map(([index, problem]) => ({ name: nameOf(index), index, problem }));
  const config = getNodeValue(root) as ReglensConfig;
  const kept = config.experiments.filter((_, index) => !firstError.has(index));
  return { usable: experimentSpecs({ ...config, experiments: kept }), broken, fileErrors };
}
