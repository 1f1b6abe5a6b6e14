/** The words under each picture: what the colours mean, what was left out, the shares in the band. */
import { formatNumber } from '../../protocol/labels';
import type { PictureSnapshot, PlanePoints, ShownRun } from '../../protocol/webview';
import { h } from '../dom';
import { layerName } from '../series';
import type { Paint } from './canvas';
import { css } from './colours';
import { networkNotes } from './networkLayout';
import { regimeSentence } from './regimeLayout';

function swatch(colour: string): HTMLElement {
  const element = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  element.style.backgroundColor = colour;
  return element;
}

function pointsLine(points: PlanePoints | null): string {
  if (!points) return '';
  const part = (set: PlanePoints['train'], name: string) => (set.x.length < set.total ? `${name}: ${set.x.length} of ${set.total} points` : `${name}: ${set.total} points`);
  return ` ● ${part(points.train, 'training')}${points.validation ? `; ◆ ${part(points.validation, 'validation')}` : ''}.`;
}

export function boundaryNotes(run: ShownRun, snapshot: PictureSnapshot, points: PlanePoints | null, paint: Paint): (string | Node)[] {
  const grid = snapshot.boundary;
  if (!grid) return [`The network’s fit of y against x, over the data.${pointsLine(points)}`];
  if (!grid.confidence) {
    const finite = grid.values.filter(Number.isFinite);
    const [low, high] = [Math.min(...finite), Math.max(...finite)];
    return [h('span', {}, 'Predicted value from ', swatch(css(paint.palette[0])), ` ${formatNumber(low)} to `, swatch(css(paint.palette[1])), ` ${formatNumber(high)}.${pointsLine(points)}`)];
  }
  const names = run.dataset.classNames;
  const classes = Math.max(2, run.dataset.classes);
  const legend = Array.from({ length: classes }, (_, c) => [swatch(css(paint.palette[c % paint.palette.length])), ` ${names[c] ?? `class ${c}`} `]).flat();
  return [h('span', {}, 'Predicted class: ', ...legend, `— paler where the model is less sure.${pointsLine(points)}`)];
}

/** `shared`: the widths are on one scale with the other runs' (small multiples). */
export function networkPictureNotes(snapshot: PictureSnapshot, paint: Paint, shared: boolean): (string | Node)[] {
  const layers = snapshot.network.sizes.length - 1;
  const legend = h('span', {}, shared ? 'Width ∝ |w|, one scale for every run; ' : 'Width ∝ |w|; ', swatch(css(paint.palette[0])), ' positive, ', swatch(css(paint.palette[1])), ' negative, ', swatch(css(paint.grey)), ` |w| ≤ ε = ${formatNumber(snapshot.network.epsilon)}, or a unit switched off.`);
  return [legend, ...networkNotes(snapshot.network, (layer) => `Into ${layerName(layer, layers)}`)];
}

export function regimeNotes(snapshot: PictureSnapshot): string[] {
  return snapshot.preActivations.map((h) => regimeSentence(h, `hidden ${h.layer + 1}`));
}
