/**
 * Where the epoch markers' labels go: markers of several runs at the same place with the same name
 * share one label ("best (40)" once, not four times), and labels that would overlap take the next
 * row down while labels far apart share the top row.
 */

export interface PlacedMarker {
  /** x pixel of the marker's line. */
  px: number;
  text: string;
  colour: number;
}

export interface LabelGroup {
  px: number;
  text: string;
  /** Palette indices of the runs sharing the label. */
  colours: Set<number>;
}

export function labelGroups(markers: readonly PlacedMarker[]): LabelGroup[] {
  const groups = new Map<string, LabelGroup>();
  for (const marker of markers) {
    const key = `${marker.px} ${marker.text}`;
    const group = groups.get(key) ?? { px: marker.px, text: marker.text, colours: new Set<number>() };
    group.colours.add(marker.colour);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Space kept between two labels on one row, in pixels. */
const spacing = 4;

/** The row of each label ([left, right] in pixels): the lowest where it overlaps no label placed before it. */
export function labelRows(spans: readonly [number, number][]): number[] {
  const placed: [number, number, number][] = [];
  return spans.map(([left, right]) => {
    let row = 0;
    while (placed.some(([l, r, k]) => k === row && left < r + spacing && right > l - spacing)) row++;
    placed.push([left, right, row]);
    return row;
  });
}
