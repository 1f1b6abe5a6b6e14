/** A comparison of regularizers as saved: which regularizer each run has, at which strength, and why. */
import type { SavedRecord, TuningRecord } from '../runRecord';
import type { TrainSpec } from '../spec';
import type { StrengthChoice } from './choice';
import type { ComparedName, ComparisonPlan } from './plan';

export interface ComparisonEntry {
  name: ComparedName;
  label: string;
  /** The run, kept in the comparison's own run store. */
  runId: string;
  /** The strength a tuned regularizer got; null for none and early stopping. */
  choice: StrengthChoice | null;
  /** The tuning that chose it, whole (its curves can be shown); null when there was none. */
  tuning: TuningRecord | null;
}

/** `experiment`: the one whose data and network every run shares. */
export interface ComparisonRecord extends SavedRecord {
  format: 'reglens-comparison/1';
  /** The base every entry starts from: the experiment's spec with every regularizer off. */
  spec: TrainSpec;
  entries: ComparisonEntry[];
  skipped: ComparisonPlan['skipped'];
}
