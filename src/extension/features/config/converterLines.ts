/** The palette converter's answer as lines to pick and copy: RegLens's λ under each scale, then each library's values. */
import { decoupledWeightDecay, inEveryConvention, type ConventionPenalty, type PenaltyScale } from '../../../core';
import { scaleConventions } from '../../../protocol/labels';

export interface ConverterLine {
  label: string;
  detail: string;
  /** What picking the line puts on the clipboard. */
  copy: string;
}

/** Twelve significant digits: enough to round-trip through a config, without float noise. */
function exact(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** Every convention's form of `reg` on m training rows (null: unknown, so conventions that need it are named instead). */
export function converterLines(reg: ConventionPenalty, m: number | null): ConverterLine[] {
  const { reglens, libraries } = inEveryConvention(reg, m);
  const lines: ConverterLine[] = [];
  for (const scale of Object.keys(reglens.lambda) as PenaltyScale[]) {
    const lambda = reglens.lambda[scale];
    if (lambda === null) continue;
    const mixing = reglens.l1Ratio === null ? '' : `, "l1Ratio": ${exact(reglens.l1Ratio)}`;
    const block = `"regularization": { "penalty": "${reglens.penalty}", "lambda": ${exact(lambda)}, "scale": "${scale}"${mixing} }`;
    lines.push({ label: `RegLens λ = ${exact(lambda)} (scale "${scale}")${mixing ? `, l1Ratio ${exact(reglens.l1Ratio!)}` : ''}`, detail: scaleConventions[scale].detail, copy: block });
  }
  for (const library of libraries) {
    if (library.says !== null) lines.push({ label: library.says, detail: `convention "${library.convention}"`, copy: library.says.slice(library.says.indexOf(' ') + 1) });
  }
  const needRows = libraries.filter((l) => l.missing === 'rows').map((l) => l.convention);
  if (needRows.length > 0) lines.push({ label: `Give m (the training rows) for ${needRows.join(', ')}`, detail: 'their scale counts rows; RegLens "2m" does too', copy: '' });
  if (reg.penalty === 'l2') {
    const decay = decoupledWeightDecay.map((d) => d.call).join('; ');
    lines.push({ label: `Not the same: decoupled decay (${decay})`, detail: 'RegLens "weightDecay" with the same value; it is not a penalty', copy: '' });
  }
  return lines;
}
