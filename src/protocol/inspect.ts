/**
 * The checkpoint view's contract: the extension (and its inspect worker) ↔ the webview. Both sides
 * validate what they receive with the checks below; a message that does not fit is dropped and logged.
 */
import type { LayerReport, ModelSummary } from '../core';
import { anything, arrayOf, boolean, nonNegative, nullable, number, object, oneOf, string, tagged, type Check } from './webviewChecks';

export interface LayerDetail {
  name: string;
  histogram: { edges: number[]; counts: number[] };
  /** Eigenvalues of WᵀW, descending (all of them, or Lanczos's converged top ones). */
  eigenvalues: number[];
  method: 'exact' | 'lanczos';
  alpha: number | null;
  alphaXmin: number | null;
}

export type InspectToWebview =
  | { type: 'start'; title: string; format: string; files: string[]; tensors: number }
  | { type: 'layer'; layer: LayerReport; done: number; total: number }
  | { type: 'done'; model: ModelSummary; seconds: number }
  | { type: 'detail'; detail: LayerDetail }
  | { type: 'failed'; message: string };

export type InspectFromWebview =
  | { type: 'ready' }
  | { type: 'select'; name: string }
  | { type: 'saveFile'; format: 'csv' | 'json' | 'png'; fileName: string; content: string }
  | { type: 'error'; message: string };

const finiteOrNull = nullable(number);

const layer: Check = object({
  name: string, file: string, shape: arrayOf(nonNegative), dtype: string, parameters: nonNegative,
  matrix: nullable(object({ rows: nonNegative, cols: nonNegative, note: nullable(string) })),
  analysed: boolean, frobenius: finiteOrNull, l1: finiteOrNull, maxAbs: finiteOrNull, exactZeros: finiteOrNull,
  sparsity: finiteOrNull, epsilon: number, nonFinite: finiteOrNull, spectralNorm: finiteOrNull, stableRank: finiteOrNull,
  alpha: finiteOrNull, alphaXmin: finiteOrNull, alphaSigma: finiteOrNull, alphaKsDistance: finiteOrNull, alphaTail: finiteOrNull,
  alphaReading: nullable(oneOf('over-trained', 'typical', 'under-trained')), spectrumMethod: nullable(oneOf('exact', 'lanczos')),
  eigenvaluesComputed: finiteOrNull, eigenvaluesTotal: finiteOrNull,
});

const model: Check = object({
  tensors: nonNegative, matrices: nonNegative, parameters: nonNegative, sumSquares: number, sumAbs: number,
  l2Penalty: object({ lambda: number, m: number, '2m': number, half: number, sum: number }), meanAlpha: finiteOrNull,
});

const toWebview: Check = tagged({
  start: object({ title: string, format: string, files: arrayOf(string), tensors: nonNegative }),
  layer: object({ layer, done: nonNegative, total: nonNegative }),
  done: object({ model, seconds: nonNegative }),
  detail: object({
    detail: object({
      name: string, histogram: object({ edges: arrayOf(number), counts: arrayOf(nonNegative) }), eigenvalues: arrayOf(number),
      method: oneOf('exact', 'lanczos'), alpha: finiteOrNull, alphaXmin: finiteOrNull,
    }),
  }),
  failed: object({ message: string }),
});

const fromWebview: Check = tagged({
  ready: anything,
  select: object({ name: string }),
  saveFile: object({ format: oneOf('csv', 'json', 'png'), fileName: string, content: string }),
  error: object({ message: string }),
});

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

export function parseInspectToWebview(raw: unknown): Parsed<InspectToWebview> {
  const error = toWebview(raw, 'message');
  return error === null ? { ok: true, message: raw as InspectToWebview } : { ok: false, error };
}

export function parseInspectFromWebview(raw: unknown): Parsed<InspectFromWebview> {
  const error = fromWebview(raw, 'message');
  return error === null ? { ok: true, message: raw as InspectFromWebview } : { ok: false, error };
}

/** The inspect worker's job: one checkpoint file. */
export interface InspectJob {
  path: string;
}

/** Asks the worker for one layer's histogram and spectrum. */
export interface InspectDetailRequest {
  type: 'detail';
  name: string;
}
