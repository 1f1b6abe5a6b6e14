/** Comparing regularizers on one experiment: the plan, and the strength each got. */
export { atStrength, defaultPatience, planComparison, strengthGrids, type ComparedName, type ComparedRegularizer, type ComparisonPlan } from './plan';
export { strengthChoice, type StrengthChoice } from './choice';
export type { ComparisonEntry, ComparisonRecord } from './record';
