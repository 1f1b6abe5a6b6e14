/** Where a run's data comes from, as written in the config file's `data` object. */

export type BundledName = 'digits' | 'breast_cancer' | 'iris' | 'wine' | 'diabetes';
export type SyntheticName = 'moons' | 'circles' | 'spiral' | 'xor' | 'blobs' | 'polynomial';

interface SplitSpec {
  /** Fraction of rows held out for validation (stratified for classes); 0 for none. */
  validation: number;
  /** Standardize features with the mean and population std of the training rows. */
  standardize: boolean;
  /** Seed of the split (and of the generator for synthetic data). */
  seed: number;
}

export interface BundledDataSpec extends SplitSpec {
  kind: 'bundled';
  dataset: BundledName;
}

export interface SyntheticDataSpec extends SplitSpec {
  kind: 'synthetic';
  dataset: SyntheticName;
  samples: number;
  noise: number;
  /** Input dimension where the generator has one (blobs); for polynomial, the degree of the feature expansion x, x², …, xᵈ. */
  features: number;
  /** Classes for blobs and spiral. */
  classes: number;
}

export interface CsvDataSpec extends SplitSpec {
  kind: 'csv';
  /** Path relative to the config file's folder. */
  csv: string;
  /** Name of the target column in the header. */
  target: string;
  /** 'auto' infers: non-numeric or few distinct integer targets are classes. */
  task: 'auto' | 'regression' | 'classification';
  /** Name of a column whose equal values mark rows that belong together: not a feature; splits and folds keep each group whole. Null or absent: none. */
  group?: string | null;
}

export type DataSpec = BundledDataSpec | SyntheticDataSpec | CsvDataSpec;

/** What a run record says about its data. */
export interface DatasetSummary {
  source: string;
  task: 'regression' | 'binary' | 'multiclass';
  features: number;
  classes: number;
  trainRows: number;
  validationRows: number;
  featureNames: string[];
  classNames: string[];
}
