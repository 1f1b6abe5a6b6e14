/**
 * The data behind RegLens's pictures of a run: the decision boundary (or fitted curve), the network
 * with its links, and the hidden layers' pre-activations against the activation's near-linear band.
 * Plain JSON-safe numbers, bounded in size whatever the data or network.
 */

/** One axis of a grid over the input plane: `steps` cell centres from min to max. */
export interface GridAxis {
  /** Index of the input feature on this axis. */
  feature: number;
  name: string;
  min: number;
  max: number;
  steps: number;
}

/**
 * The model's prediction over a grid of two input features, in raw feature units when the run's
 * standardization is known (the network still reads standardized inputs). Cells are row-major with
 * the second feature outer: cell (i, j) sits at (x.min + i·Δx, y.min + j·Δy), index j·x.steps + i.
 */
export interface DecisionGrid {
  x: GridAxis;
  y: GridAxis;
  units: 'raw' | 'standardized';
  /** Classification: the predicted class per cell; regression: the predicted value. */
  values: number[];
  /** Classification: the predicted class's probability (4 decimals); null for regression. */
  confidence: number[] | null;
}

/**
 * Training and validation points of a two-feature set, in the grid's units; at most `limit` per part.
 * For the polynomial set: the raw x against the target (`y` equals `target`), under the fitted curve.
 */
export interface PlanePoints {
  units: DecisionGrid['units'];
  train: PointSet;
  validation: PointSet | null;
}

export interface PointSet {
  x: number[];
  y: number[];
  /** The class index, or the regression target. */
  target: number[];
  /** Rows in the data; more than x.length when the points were thinned to stay bounded. */
  total: number;
}

/** The polynomial set's fitted function against its raw input x (x, x², … are the features). */
export interface FittedCurve {
  x: number[];
  y: number[];
}

/** Why a unit is drawn grey. */
export type UnitState = 'live' | 'zeroIn' | 'dead' | 'unused';

export interface PictureLink {
  /** Unit in the layer below (an input feature for layer 0) and unit in this layer. */
  from: number;
  to: number;
  /** The weight (4 significant digits): its sign gives the colour, |w| the width. */
  weight: number;
}

/** One dense layer's links: all of them, or the strongest when the layer is wide. */
export interface PictureLayer {
  layer: number;
  links: PictureLink[];
  /** Weights in the layer, and how many links were left out of `links`. */
  total: number;
  omitted: number;
  /** The largest |w| of the layer, to scale link widths. */
  maxAbs: number;
}

/**
 * The seeds' network figure: units per layer (inputs first) with their state, and the links.
 * 'zeroIn': every incoming weight |w| ≤ ε; 'dead': never active on the probe rows (relu family);
 * 'unused': an input whose outgoing weights are all ≤ ε (L1 dropped the feature).
 */
export interface NetworkPicture {
  sizes: number[];
  units: UnitState[][];
  layers: PictureLayer[];
  epsilon: number;
}

/** One hidden layer's pre-activations on the probe rows, against the activation's near-linear regime. */
export interface PreActivationHistogram {
  layer: number;
  /** bins + 1 edges, symmetric around 0. */
  edges: number[];
  counts: number[];
  /** The activation's near-linear interval (tanh, sigmoid); null for the relu family and linear. */
  band: [number, number] | null;
  /** Share of the pre-activations with nearLinear(z) (see activations.ts). */
  insideBand: number;
  /** relu family: share of units active on every probe row (linear there) and on none (dead); null otherwise. */
  alwaysActive: number | null;
  neverActive: number | null;
  /** Pre-activations counted: probe rows (at most a bounded sample) × units. */
  samples: number;
}

/** The pictures at one epoch. */
export interface PictureSnapshot {
  epoch: number;
  network: NetworkPicture;
  preActivations: PreActivationHistogram[];
  boundary: DecisionGrid | null;
  curve: FittedCurve | null;
}

/** A run's pictures: the data points once, and a snapshot at each chosen epoch. */
export interface RunPictures {
  points: PlanePoints | null;
  snapshots: PictureSnapshot[];
}
