import type { BundledName } from './spec';
import type { CsvOptions } from './csv';

interface BundledFacts {
  /** How the CSV's `target` column is read. */
  task: CsvOptions['task'];
  /** The users' names for the classes 0, 1, … ([] keeps the CSV's labels or a regression target). */
  classNames: string[];
  description: string;
}

/** scikit-learn's toy datasets, shipped as media/data/<name>.csv.gz (origins and licences in media/data/README.md). */
export const bundledDatasets: Record<BundledName, BundledFacts> = {
  digits: {
    task: 'classification',
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    description: 'handwritten digits: 1797 images of 8×8 pixel counts, 10 classes',
  },
  breast_cancer: {
    task: 'classification',
    classNames: ['malignant', 'benign'],
    description: 'breast cancer (Wisconsin diagnostic): 569 tumours, 30 measurements, 2 classes',
  },
  iris: {
    task: 'classification',
    classNames: ['setosa', 'versicolor', 'virginica'],
    description: "Fisher's iris: 150 flowers, 4 measurements in cm, 3 species",
  },
  wine: {
    task: 'classification',
    classNames: ['class_0', 'class_1', 'class_2'],
    description: 'wine: 178 wines, 13 chemical measurements, 3 cultivars',
  },
  diabetes: {
    task: 'regression',
    classNames: [],
    description: 'diabetes (Efron et al. 2004): 442 patients, 10 baseline variables in raw units, disease progression',
  },
};

export const bundledNames = Object.keys(bundledDatasets) as BundledName[];

/** Every bundled CSV names its target column so. */
export const bundledTarget = 'target';
