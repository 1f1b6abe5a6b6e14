/**
 * The seeds' network figure laid out: a column of units per layer (inputs first), a line per link
 * whose width follows |w| (against the largest |w| of the picture, so a layer L2 shrank looks thin
 * beside one it did not) and whose colour follows the sign; units and links that are ≈ 0 are grey.
 */
import type { NetworkPicture, UnitState } from '../../protocol/webview';
import type { Rect } from './frame';

export interface NodeMark {
  layer: number;
  unit: number;
  x: number;
  y: number;
  radius: number;
  state: UnitState;
}

export interface LinkMark {
  layer: number;
  from: number;
  to: number;
  weight: number;
  width: number;
  /** 'positive' / 'negative' by sign; 'zero' when |w| ≤ ε. */
  sign: 'positive' | 'negative' | 'zero';
}

export interface NetworkLayout {
  nodes: NodeMark[][];
  links: LinkMark[];
}

export const maxLinkWidth = 4;

/** `largest`: the |w| drawn widest, by default the picture's own; small multiples share one so runs compare. */
export function layoutNetwork(picture: NetworkPicture, rect: Rect, largest = largestWeight(picture)): NetworkLayout {
  const columns = picture.sizes.length;
  const nodes = picture.sizes.map((size, layer) => {
    const x = rect.left + (columns === 1 ? rect.width / 2 : (rect.width * layer) / (columns - 1));
    const spacing = rect.height / size;
    const radius = Math.max(1.2, Math.min(7, spacing * 0.38));
    return Array.from({ length: size }, (_, unit) => ({ layer, unit, x, y: rect.top + spacing * (unit + 0.5), radius, state: picture.units[layer]?.[unit] ?? 'live' }));
  });
  const maxAbs = largest;
  const links = picture.layers.flatMap((layer) =>
    layer.links.map((link): LinkMark => {
      const magnitude = Math.abs(link.weight);
      const sign = magnitude <= picture.epsilon ? 'zero' : link.weight > 0 ? 'positive' : 'negative';
      return { layer: layer.layer, from: link.from, to: link.to, weight: link.weight, width: maxAbs > 0 ? 0.25 + (maxLinkWidth - 0.25) * (magnitude / maxAbs) : 0.25, sign };
    }),
  );
  // Weak links first, so the strong ones are drawn on top.
  links.sort((a, b) => a.width - b.width);
  return { nodes, links };
}

export function largestWeight(picture: NetworkPicture): number {
  return Math.max(0, ...picture.layers.map((l) => l.maxAbs));
}

const stateWords: Record<Exclude<UnitState, 'live'>, string> = { zeroIn: 'all incoming |w| ≤ ε', dead: 'never active', unused: 'unused input' };

/** One sentence per layer of links and per column of greyed units: what the picture leaves out or greys. */
export function networkNotes(picture: NetworkPicture, layerName: (layer: number) => string): string[] {
  const notes: string[] = [];
  for (const layer of picture.layers) {
    const shape = `${picture.sizes[layer.layer]} → ${picture.sizes[layer.layer + 1]}`;
    notes.push(
      layer.omitted > 0
        ? `${layerName(layer.layer)} (${shape}): the ${layer.links.length} strongest of ${layer.total} links drawn; ${layer.omitted} weaker ones left out.`
        : `${layerName(layer.layer)} (${shape}): all ${layer.total} links drawn.`,
    );
  }
  picture.units.forEach((states, column) => {
    const greyed = states.filter((s) => s !== 'live');
    if (greyed.length === 0) return;
    const counts = (['zeroIn', 'dead', 'unused'] as const).map((s) => [s, greyed.filter((g) => g === s).length] as const).filter(([, n]) => n > 0);
    const what = column === 0 ? 'inputs' : column === picture.sizes.length - 1 ? 'outputs' : `units of hidden ${column}`;
    notes.push(`${greyed.length} of ${states.length} ${what} greyed: ${counts.map(([s, n]) => `${n} ${stateWords[s]}`).join(', ')}.`);
  });
  return notes;
}
