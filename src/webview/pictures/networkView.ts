/** The network picture: units as nodes, links by |w| and sign, greyed where the weights are ≈ 0 (the seeds' figure). */
import type { NetworkPicture } from '../../protocol/webview';
import { context2d, font, type Paint } from './canvas';
import { blend, css } from './colours';
import { layoutNetwork, type LinkMark } from './networkLayout';

export interface NetworkDrawn {
  links: LinkMark[];
  greyed: number;
  units: number;
}

export function drawNetwork(canvas: HTMLCanvasElement, picture: NetworkPicture, inputNames: readonly string[], paint: Paint, width: number, largest: number): NetworkDrawn {
  const tallest = Math.max(...picture.sizes);
  const height = Math.round(Math.min(420, Math.max(200, tallest * 9)));
  const ctx = context2d(canvas, width, height);
  const labelled = picture.sizes[0] <= 16 && inputNames.length === picture.sizes[0];
  const left = labelled ? Math.min(width * 0.25, paint.theme.fontSize * 5) : 12;
  const layout = layoutNetwork(picture, { left, top: 8, width: width - left - 14, height: height - 16 }, largest);
  const colours = { positive: css(paint.palette[0]), negative: css(paint.palette[1]), zero: css(paint.grey) };
  ctx.globalAlpha = 0.85;
  for (const link of layout.links) {
    const a = layout.nodes[link.layer][link.from];
    const b = layout.nodes[link.layer + 1][link.to];
    if (!a || !b) continue;
    ctx.strokeStyle = colours[link.sign];
    ctx.lineWidth = link.width;
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  const live = css(blend(paint.foreground, paint.background, 0.85));
  for (const node of layout.nodes.flat()) {
    ctx.beginPath();
    ctx.arc(node.x, node.y, node.radius, 0, 2 * Math.PI);
    ctx.fillStyle = node.state === 'live' ? live : css(paint.grey);
    ctx.fill();
  }
  if (labelled) {
    ctx.fillStyle = paint.theme.foreground;
    ctx.font = font(paint);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    // Feature names come from the data (a CSV header): drawn as canvas text, never as markup.
    layout.nodes[0].forEach((node) => ctx.fillText(inputNames[node.unit].slice(0, 14), node.x - node.radius - 4, node.y));
  }
  const states = picture.units.flat();
  return { links: layout.links, greyed: states.filter((s) => s !== 'live').length, units: states.length };
}
