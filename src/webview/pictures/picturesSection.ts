/**
 * The dashboard's pictures: decision boundary (or fitted curve), network and linear regime at the
 * epoch the slider picks among the picture epochs. One run: the three side by side; several runs
 * (a comparison): one row per picture with a small multiple per run.
 */
import type { ShownRun } from '../../protocol/webview';
import { h } from '../dom';
import { runNames } from '../series';
import type { Theme } from '../theme';
import { drawBoundary, type BoundaryDrawn } from './boundaryView';
import { paintOf } from './canvas';
import { largestWeight } from './networkLayout';
import { drawNetwork, type NetworkDrawn } from './networkView';
import { boundaryNotes, networkPictureNotes, regimeNotes } from './notes';
import { pictureCard, type PictureCard, type PictureKind } from './pictureCard';
import { drawRegime, type RegimeDrawn } from './regimeView';
import { nextSelection, pictureEpochs, snapshotAt } from './snapshots';

/** What the section drew last, read back by the browser tests. */
export interface PicturesDrawn {
  epochs: number[];
  selected: number;
  boards: { kind: PictureKind; runId: string; epoch: number | null; boundary?: BoundaryDrawn | null; network?: NetworkDrawn; regime?: RegimeDrawn; notes: string[] }[];
}

const maxWidth = 560;
const kindTitles: Record<PictureKind, string> = { boundary: 'Decision boundary', network: 'Network', regime: 'Linear regime' };

export class PicturesSection {
  readonly element = h('section', { class: 'pictures', 'aria-label': 'Pictures of the runs' });
  private runs: readonly ShownRun[] = [];
  private theme: Theme | null = null;
  private epochs: number[] = [];
  private selected = 0;
  private cards: PictureCard[] = [];
  private last: PicturesDrawn = { epochs: [], selected: 0, boards: [] };
  private readonly slider = h('input', { type: 'range', min: '0', step: '1', 'aria-label': 'Epoch of the pictures' });
  private readonly sliderLabel = h('output', { class: 'muted' });
  private width = 0;

  constructor(private readonly onSavePng: (kind: PictureKind, runId: string, canvas: HTMLCanvasElement) => void) {
    this.slider.addEventListener('input', () => {
      this.selected = this.epochs[Number(this.slider.value)] ?? this.selected;
      this.draw();
    });
    new ResizeObserver(() => {
      if (this.element.clientWidth !== this.width) this.draw();
    }).observe(this.element);
  }

  /** Lays out the cards for these runs (after a new set of runs, a new picture, or a theme change). */
  show(runs: readonly ShownRun[], theme: Theme): void {
    const previous = this.epochs.length > 0 ? { epoch: this.selected, wasLatest: this.selected === this.epochs.at(-1) } : null;
    this.runs = runs;
    this.theme = theme;
    this.epochs = pictureEpochs(runs);
    this.selected = nextSelection(previous, this.epochs);
    const pictured = runs.filter((run) => (run.pictures?.snapshots.length ?? 0) > 0);
    if (pictured.length === 0) {
      this.cards = [];
      this.element.replaceChildren();
      this.element.hidden = true;
      return;
    }
    this.element.hidden = false;
    const names = runNames(runs);
    const nameOf = (run: ShownRun) => names[runs.indexOf(run)] ?? run.id;
    const kinds = (['boundary', 'network', 'regime'] as const).filter((kind) => pictured.some((run) => hasKind(run, kind)));
    const card = (kind: PictureKind, run: ShownRun, title: string) => pictureCard(kind, run.id, title, (canvas) => this.onSavePng(kind, run.id, canvas));
    let rows: HTMLElement[];
    if (pictured.length === 1) {
      this.cards = kinds.map((kind) => card(kind, pictured[0], titleOf(kind, pictured[0])));
      rows = [h('div', { class: 'picture-grid' }, ...this.cards.map((c) => c.element))];
    } else {
      const grouped = kinds.map((kind) => ({ kind, cards: pictured.filter((run) => hasKind(run, kind)).map((run) => card(kind, run, nameOf(run))) }));
      this.cards = grouped.flatMap((g) => g.cards);
      rows = grouped.map((g) => h('div', { class: 'picture-row' }, h('h2', {}, g.kind === 'boundary' ? titleOf('boundary', pictured[0]) : kindTitles[g.kind]), h('div', { class: 'picture-grid multiples' }, ...g.cards.map((c) => c.element))));
    }
    const head = h('div', { class: 'picture-head' }, h('h2', {}, 'Pictures'), h('label', { class: 'picture-slider' }, 'Epoch ', this.slider), this.sliderLabel);
    this.element.replaceChildren(head, ...rows);
    if (this.element.isConnected) this.draw();
  }

  /** Draws every card at the selected epoch. */
  draw(): void {
    if (!this.theme || this.cards.length === 0) return;
    this.width = this.element.clientWidth;
    const index = Math.max(0, this.epochs.indexOf(this.selected));
    this.slider.max = String(Math.max(0, this.epochs.length - 1));
    this.slider.value = String(index);
    this.slider.disabled = this.epochs.length < 2;
    this.slider.setAttribute('aria-valuetext', `epoch ${this.selected}`);
    this.sliderLabel.textContent = `epoch ${this.selected} · pictures at epochs ${this.epochs.join(', ')}`;
    const paint = paintOf(this.theme);
    const networks = this.cards.filter((c) => c.kind === 'network').map((c) => snapshotAt(this.runs.find((r) => r.id === c.runId)!, this.selected));
    const largest = Math.max(0, ...networks.map((s) => (s ? largestWeight(s.network) : 0)));
    const boards = this.cards.map((card) => {
      const run = this.runs.find((r) => r.id === card.runId)!;
      const snapshot = snapshotAt(run, this.selected);
      // Two runs side by side would otherwise draw pictures as wide as half the page.
      const width = Math.min(maxWidth, Math.max(160, card.canvas.parentElement!.clientWidth));
      const board: PicturesDrawn['boards'][number] = { kind: card.kind, runId: run.id, epoch: snapshot?.epoch ?? null, notes: [] };
      if (!snapshot) return board;
      let notes: (string | Node)[];
      if (card.kind === 'boundary') {
        board.boundary = drawBoundary(card.canvas, run, snapshot.boundary, snapshot.curve, run.pictures?.points ?? null, paint, width);
        notes = boundaryNotes(run, snapshot, run.pictures?.points ?? null, paint);
      } else if (card.kind === 'network') {
        board.network = drawNetwork(card.canvas, snapshot.network, run.dataset.featureNames, paint, width, largest);
        notes = networkPictureNotes(snapshot, paint, networks.length > 1);
      } else {
        board.regime = drawRegime(card.canvas, run, snapshot.preActivations, paint, width);
        notes = regimeNotes(snapshot);
      }
      card.describe(snapshot.epoch, notes);
      board.notes = notes.map((n) => (typeof n === 'string' ? n : (n.textContent ?? '')));
      return board;
    });
    this.last = { epochs: [...this.epochs], selected: this.selected, boards };
  }

  drawn(): PicturesDrawn {
    return this.last;
  }
}

function hasKind(run: ShownRun, kind: PictureKind): boolean {
  const snapshots = run.pictures?.snapshots ?? [];
  if (kind === 'boundary') return snapshots.some((s) => s.boundary !== null || s.curve !== null);
  if (kind === 'regime') return snapshots.some((s) => s.preActivations.length > 0);
  return snapshots.length > 0;
}

function titleOf(kind: PictureKind, run: ShownRun): string {
  if (kind === 'boundary' && run.pictures?.snapshots.some((s) => s.curve !== null)) return 'Fitted curve';
  return kindTitles[kind];
}
