/**
 * A training run from elsewhere (a TensorBoard, Keras, Lightning or Hugging Face log) as the views
 * show it beside RegLens runs: its named series, the series read as losses, and RegLens's reading of
 * them. Validated by the webview like every other message.
 */
import { arrayOf, nullable, number, object, oneOf, refine, string, type Check } from './check';

export type ExternalFormat = 'tensorboard' | 'keras-csv' | 'lightning-csv' | 'hf-trainer-state';

export interface ExternalSeries {
  steps: number[];
  /** 1-based epochs where the log gives them. */
  epochs: (number | null)[];
  /** null where the log has NaN or an infinity (structured clone and JSON state keep null). */
  values: (number | null)[];
}

export interface ExternalRun {
  /** The log file or folder and the run's name in it: unique among the runs shown. */
  id: string;
  name: string;
  format: ExternalFormat;
  /** Workspace-relative path of the file or folder the run was read from. */
  source: string;
  /** Whether positions (bestEpoch, onset, the chart's x) are epochs or steps. */
  axis: 'epoch' | 'step';
  used: { trainLoss: string | null; valLoss: string | null; trainAccuracy: string | null; valAccuracy: string | null };
  series: Record<string, ExternalSeries>;
  bestEpoch: number | null;
  onset: number | null;
  finalGap: number | null;
  /** Training minus validation accuracy at the last validation accuracy; null without both. */
  finalAccuracyGap: number | null;
  /** The gap (validation minus the training loss logged last before it) at each validation value's global step: checkpoints line up with steps. */
  stepGap: { steps: number[]; values: (number | null)[] };
  /** Located problems, as sentences ("file, byte 812: …"). */
  problems: string[];
}

const seriesCheck = refine(
  object<ExternalSeries>({ steps: arrayOf(number), epochs: arrayOf(nullable(number)), values: arrayOf(nullable(number)) }),
  ({ steps, epochs, values }, at) => (epochs.length === steps.length && values.length === steps.length ? null : `${at}: steps, epochs and values differ in length`),
);

/** A record of checked series; a name is any string (a log's tag), never a key the prototype has. */
const seriesRecord: Check<Record<string, ExternalSeries>> = (value, at) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: `${at}: expected an object of series` };
  const out: Record<string, ExternalSeries> = Object.create(null);
  for (const [name, series] of Object.entries(value)) {
    const checked = seriesCheck(series, `${at}[${JSON.stringify(name)}]`);
    if (!checked.ok) return checked;
    out[name] = checked.value;
  }
  return { ok: true, value: out };
};

const role = nullable(string);

export const externalRunCheck = object<ExternalRun>({
  id: string,
  name: string,
  format: oneOf('tensorboard', 'keras-csv', 'lightning-csv', 'hf-trainer-state'),
  source: string,
  axis: oneOf('epoch', 'step'),
  used: object<ExternalRun['used']>({ trainLoss: role, valLoss: role, trainAccuracy: role, valAccuracy: role }),
  series: seriesRecord,
  bestEpoch: nullable(number),
  onset: nullable(number),
  finalGap: nullable(number),
  finalAccuracyGap: nullable(number),
  stepGap: refine(object<ExternalRun['stepGap']>({ steps: arrayOf(number), values: arrayOf(nullable(number)) }), ({ steps, values }, at) =>
    steps.length === values.length ? null : `${at}: steps and values differ in length`),
  problems: arrayOf(string),
});
