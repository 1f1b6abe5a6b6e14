/** One picture on the page: a heading, the canvas (with a text alternative), notes in words, a PNG button. */
import { button, h } from '../dom';

export type PictureKind = 'boundary' | 'network' | 'regime';

export interface PictureCard {
  readonly kind: PictureKind;
  readonly runId: string;
  readonly element: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  /** Sets the epoch shown in the heading and the notes under the picture (plain text). */
  describe(epoch: number | null, notes: readonly (string | Node)[]): void;
}

export function pictureCard(kind: PictureKind, runId: string, title: string, onSavePng: (canvas: HTMLCanvasElement) => void): PictureCard {
  const canvas = h('canvas', { role: 'img', 'aria-label': title });
  const epochLabel = h('span', { class: 'muted picture-epoch' });
  const notes = h('div', { class: 'picture-notes' });
  const element = h(
    'figure',
    { class: 'picture-card', 'data-picture': kind, 'data-run': runId },
    h('div', { class: 'chart-head' }, h('h3', {}, title), epochLabel, button('PNG', () => onSavePng(canvas), { class: 'small', title: `Save “${title}” as PNG` })),
    h('div', { class: 'picture-box' }, canvas),
    notes,
  );
  return {
    kind,
    runId,
    element,
    canvas,
    describe(epoch, lines) {
      epochLabel.textContent = epoch === null ? 'no pictures yet' : `epoch ${epoch}`;
      notes.replaceChildren(...lines.map((line) => h('p', {}, line)));
      canvas.setAttribute('aria-label', `${title}, epoch ${epoch ?? '–'}. ${lines.map((l) => (typeof l === 'string' ? l : l.textContent)).join(' ')}`);
    },
  };
}
