/**
 * The checkpoint view's contract: the extension (and its inspect worker) ↔ the webview. Both sides
 * validate what they receive with the checks below; a message that does not fit is dropped and logged.
 */
import type { LayerDelta, LayerReport, ModelSummary } from '../core';
import { arrayOf, boolean, nonNegative, nullable, number, object, oneOf, string, tagged, type Check, type Checked } from './check';

export type { LayerDelta, LayerReport, ModelSummary } from '../core';

export interface LayerDetail {
  name: string;
  histogram: { edges: number[]; counts: number[] };
  /** Eigenvalues of WᵀW, descending (all of them, or Lanczos's converged top ones). */
  eigenvalues: number[];
  method: 'exact' | 'lanczos';
  alpha: number | null;
  alphaXmin: number | null;
}

/** The open checkpoint (the base) against another: per layer the norms and α of both, and the relative change. */
export interface CheckpointComparisonView {
  title: string;
  model: ModelSummary;
  layers: (LayerDelta & { relativeChange: number | null })[];
  /** Tensors of either checkpoint without a counterpart of the same name and shape in the other. */
  unmatched: string[];
}

export type InspectToWebview =
  | { type: 'start'; title: string; format: string; files: string[]; tensors: number }
  /** index: the tensor's place in the file; layers arrive in the order they finish. */
  | { type: 'layer'; layer: LayerReport; index: number; done: number; total: number }
  | { type: 'done'; model: ModelSummary; seconds: number }
  | { type: 'detail'; detail: LayerDetail }
  | { type: 'failed'; message: string }
  | { type: 'comparison'; comparison: CheckpointComparisonView };

export type InspectFromWebview =
  | { type: 'ready' }
  /** Pick other checkpoints to compare with the open one. */
  | { type: 'compare' }
  | { type: 'select'; name: string }
  | { type: 'saveFile'; format: 'csv' | 'json' | 'png'; fileName: string; content: string }
  | { type: 'error'; message: string };

type Fields<T extends { type: string }, K extends T['type']> = Omit<Extract<T, { type: K }>, 'type'>;

const finiteOrNull = nullable(number);
const spectrumMethod = oneOf('exact', 'lanczos');

export const layerReport = object<LayerReport>({
  name: string, file: string, shape: arrayOf(nonNegative), dtype: string, parameters: nonNegative,
  matrix: nullable(object<NonNullable<LayerReport['matrix']>>({ rows: nonNegative, cols: nonNegative, note: nullable(string) })),
  analysed: boolean, frobenius: finiteOrNull, l1: finiteOrNull, maxAbs: finiteOrNull, exactZeros: finiteOrNull,
  sparsity: finiteOrNull, epsilon: number, nonFinite: finiteOrNull, spectralNorm: finiteOrNull, stableRank: finiteOrNull,
  alpha: finiteOrNull, alphaXmin: finiteOrNull, alphaSigma: finiteOrNull, alphaKsDistance: finiteOrNull, alphaTail: finiteOrNull,
  alphaReading: nullable(oneOf('over-trained', 'typical', 'under-trained')), spectrumMethod: nullable(spectrumMethod),
  eigenvaluesComputed: finiteOrNull, eigenvaluesTotal: finiteOrNull,
});

const modelSummary = object<ModelSummary>({
  tensors: nonNegative, matrices: nonNegative, parameters: nonNegative, sumSquares: number, sumAbs: number,
  l2Penalty: object<ModelSummary['l2Penalty']>({ lambda: number, m: number, '2m': number, half: number, sum: number }), meanAlpha: finiteOrNull,
});

const layerDetail = object<LayerDetail>({
  name: string, histogram: object<LayerDetail['histogram']>({ edges: arrayOf(number), counts: arrayOf(nonNegative) }), eigenvalues: arrayOf(number),
  method: spectrumMethod, alpha: finiteOrNull, alphaXmin: finiteOrNull,
});

/** A value in the base and in the other checkpoint. */
const pair: Check<[number | null, number | null]> = (value, at) => {
  const checked = arrayOf(finiteOrNull)(value, at);
  if (!checked.ok) return checked;
  return checked.value.length === 2 ? { ok: true, value: [checked.value[0], checked.value[1]] } : { ok: false, error: `${at}: expected two values` };
};
const layerDelta = object<CheckpointComparisonView['layers'][number]>({
  name: string, frobenius: pair, frobeniusChange: finiteOrNull, alpha: pair, alphaChange: finiteOrNull, sparsity: pair, relativeChange: finiteOrNull,
});

const toWebview: Check<InspectToWebview> = tagged<InspectToWebview>({
  start: object<Fields<InspectToWebview, 'start'>>({ title: string, format: string, files: arrayOf(string), tensors: nonNegative }),
  layer: object<Fields<InspectToWebview, 'layer'>>({ layer: layerReport, index: nonNegative, done: nonNegative, total: nonNegative }),
  done: object<Fields<InspectToWebview, 'done'>>({ model: modelSummary, seconds: nonNegative }),
  detail: object<Fields<InspectToWebview, 'detail'>>({ detail: layerDetail }),
  failed: object<Fields<InspectToWebview, 'failed'>>({ message: string }),
  comparison: object<Fields<InspectToWebview, 'comparison'>>({
    comparison: object<CheckpointComparisonView>({ title: string, model: modelSummary, layers: arrayOf(layerDelta), unmatched: arrayOf(string) }),
  }),
});

const fromWebview: Check<InspectFromWebview> = tagged<InspectFromWebview>({
  ready: object<Fields<InspectFromWebview, 'ready'>>({}),
  compare: object<Fields<InspectFromWebview, 'compare'>>({}),
  select: object<Fields<InspectFromWebview, 'select'>>({ name: string }),
  saveFile: object<Fields<InspectFromWebview, 'saveFile'>>({ format: oneOf('csv', 'json', 'png'), fileName: string, content: string }),
  error: object<Fields<InspectFromWebview, 'error'>>({ message: string }),
});

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

function parsed<T>(checked: Checked<T>): Parsed<T> {
  return checked.ok ? { ok: true, message: checked.value } : checked;
}

/** Run by the checkpoint view on everything the extension posts (and by the extension on its worker's messages). */
export function parseInspectToWebview(raw: unknown): Parsed<InspectToWebview> {
  return parsed(toWebview(raw, 'message'));
}

/** Run by the extension on everything the checkpoint view posts. */
export function parseInspectFromWebview(raw: unknown): Parsed<InspectFromWebview> {
  return parsed(fromWebview(raw, 'message'));
}

/** The inspect worker's job: one checkpoint file. */
export interface InspectJob {
  path: string;
}

/** Asks the worker for one layer's histogram and spectrum, or for a comparison with another checkpoint. */
export type InspectDetailRequest = { type: 'detail'; name: string } | { type: 'compare'; path: string };
