/** What the sidebar lists beside experiments and runs: their state, stored tunings, config problems and training logs. */
import { arrayOf, defaulted, matching, nullable, number, object, oneOf, string } from './check';

/** ready: trains; broken: in the config with an error; stored: runs or tunings of an experiment no longer in the config. */
export type ExperimentState = 'ready' | 'broken' | 'stored';

/** One stored λ tuning of an experiment. */
export interface TuningListItem {
  id: string;
  createdAt: string;
  /** E.g. "L2, λ=0.01, λ/2m" of the tuned penalty. */
  label: string;
  lambda1se: number | null;
  lambdaMin: number | null;
}

/** An error outside every experiment of a config file, which keeps the whole file from training. */
export interface ConfigProblem {
  config: string;
  /** E.g. "line 3: Expected a comma". */
  problem: string;
}

/** A training log found in the workspace: `path` goes back with openLog, `label` is workspace-relative. */
export interface LogListItem {
  path: string;
  label: string;
}

export const experimentState = defaulted(oneOf('ready', 'broken', 'stored'), 'ready');

export const tuningListItem = object<TuningListItem>({ id: string, createdAt: string, label: string, lambda1se: nullable(number), lambdaMin: nullable(number) });

export const configProblem = object<ConfigProblem>({ config: string, problem: string });

const path = matching(/^.{1,4096}$/s, 'a path');

export const logListItem = object<LogListItem>({ path, label: string });

export const sidebarLists = {
  problems: defaulted(arrayOf(configProblem), []),
  tunings: defaulted(arrayOf(tuningListItem), []),
  logs: arrayOf(logListItem),
  path,
};
