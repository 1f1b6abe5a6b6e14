/** Checks of a run's pictures (core/pictures/types.ts): stored records carry them, so they are untrusted input too. */
import type {
  DecisionGrid,
  FittedCurve,
  GridAxis,
  NetworkPicture,
  PictureLayer,
  PictureLink,
  PictureSnapshot,
  PlanePoints,
  PointSet,
  PreActivationHistogram,
  RunPictures,
} from '../core';
import { arrayOf, integer, nullable, number, object, oneOf, string, type Check } from './check';

const numbers = arrayOf(number);
const units = oneOf('raw', 'standardized');

const gridAxis = object<GridAxis>({ feature: integer, name: string, min: number, max: number, steps: integer });
const decisionGrid = object<DecisionGrid>({ x: gridAxis, y: gridAxis, units, values: numbers, confidence: nullable(numbers) });
const pointSet = object<PointSet>({ x: numbers, y: numbers, target: numbers, total: integer });
export const planePoints = object<PlanePoints>({ units, train: pointSet, validation: nullable(pointSet) });
const fittedCurve = object<FittedCurve>({ x: numbers, y: numbers });

const link = object<PictureLink>({ from: integer, to: integer, weight: number });
const pictureLayer = object<PictureLayer>({ layer: integer, links: arrayOf(link), total: integer, omitted: integer, maxAbs: number });
const networkPicture = object<NetworkPicture>({
  sizes: arrayOf(integer),
  units: arrayOf(arrayOf(oneOf('live', 'zeroIn', 'dead', 'unused'))),
  layers: arrayOf(pictureLayer),
  epsilon: number,
});

const band: Check<[number, number]> = (value, at) => {
  const pair = numbers(value, at);
  if (!pair.ok) return pair;
  const [low, high] = pair.value;
  return pair.value.length === 2 ? { ok: true, value: [low!, high!] } : { ok: false, error: `${at}: expected two numbers` };
};
const preActivations = object<PreActivationHistogram>({
  layer: integer,
  edges: numbers,
  counts: numbers,
  band: nullable(band),
  insideBand: number,
  alwaysActive: nullable(number),
  neverActive: nullable(number),
  samples: integer,
});

export const pictureSnapshot = object<PictureSnapshot>({
  epoch: integer,
  network: networkPicture,
  preActivations: arrayOf(preActivations),
  boundary: nullable(decisionGrid),
  curve: nullable(fittedCurve),
});

export const runPictures = object<RunPictures>({ points: nullable(planePoints), snapshots: arrayOf(pictureSnapshot) });
