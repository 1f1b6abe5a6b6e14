/** The reglens.json config file: its types, validation, conversion to specs, location and editing. */
export type * from './types';
export type { ConfigHost } from './host';
export type { Position, Problem, Severity, TextRange } from './problem';
export { parseConfig, type ParsedConfig } from './parse';
export { validateConfig } from './validate';
export { checkConfig, type CheckedConfig } from './checked';
export { experimentSpecs, type ExperimentSpec } from './toSpec';
export { locateExperiments, type ExperimentLocation } from './locate';
export { locateExternal, type ExternalLocation } from './locateExternal';
export { setLambda, setValue } from './edit';
