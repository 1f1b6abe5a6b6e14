/** `reglens tune --apply`: the tuned λ written into the config file as each experiment's "lambda", comments kept. */
import { setLambda, type ExperimentSpec } from '../config';
import { findConvention, toLibrary, type TuningRecord } from '../core';

export interface Applied {
  text: string;
  changes: { experiment: string; rule: 'min' | '1se'; from: number; to: number; convention: string | null }[];
}

/**
 * The config text with each tuned experiment's λ set to its λ_1se (or λ_min). An experiment that
 * writes λ in a library's terms (`convention`) gets the library's value, not RegLens's.
 */
export function appliedConfig(text: string, experiments: ExperimentSpec[], records: TuningRecord[], rule: 'min' | '1se'): Applied {
  const changes: Applied['changes'] = [];
  let edited = text;
  for (const record of records) {
    const pick = (rule === 'min' ? record.result.lambdaMin : record.result.lambda1se)?.lambda;
    const experiment = experiments.find((e) => e.name === record.experiment);
    if (pick === undefined || !experiment) continue;
    const reg = experiment.spec.regularization;
    const convention = reg.convention === 'reglens' ? undefined : findConvention(reg.convention);
    const written = (lambda: number) => (convention ? toLibrary(convention, { ...reg, lambda }, record.rows)?.value : lambda);
    const to = written(pick);
    if (to === undefined) continue;
    edited = setLambda(edited, record.experiment, to);
    changes.push({ experiment: record.experiment, rule, from: written(reg.lambda) ?? reg.lambda, to, convention: convention?.id ?? null });
  }
  return { text: edited, changes };
}
