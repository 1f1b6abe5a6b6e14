/** Canvas plumbing the pictures share: sharp drawing at the screen's pixel ratio, theme colours, axes. */
import { formatNumber } from '../../protocol/labels';
import type { Theme } from '../theme';
import { blend, parseColour, type Rgb } from './colours';
import { ticks, toPixel, type Frame } from './frame';

/** The theme's colours as the pictures mix them (canvas pixels need numbers, not CSS variables). */
export interface Paint {
  theme: Theme;
  background: Rgb;
  foreground: Rgb;
  /** Units and links that are ≈ 0: the seeds' light grey. */
  grey: Rgb;
  palette: Rgb[];
}

export function paintOf(theme: Theme): Paint {
  const background = parseColour(theme.background) ?? [255, 255, 255];
  const foreground = parseColour(theme.foreground) ?? [0, 0, 0];
  const palette = theme.palette.map((c) => parseColour(c) ?? foreground);
  return { theme, background, foreground, grey: blend(foreground, background, 0.28), palette };
}

/** Sizes the canvas to `width` × `height` CSS pixels, drawn at the device's resolution. */
export function context2d(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

export function font(paint: Paint, scale = 0.85): string {
  return `${Math.round(paint.theme.fontSize * scale)}px ${paint.theme.fontFamily}`;
}

/** A frame's border, round ticks with their numbers, and the axis titles (text drawn, never parsed). */
export function drawAxes(ctx: CanvasRenderingContext2D, frame: Frame, paint: Paint, xTitle: string, yTitle: string, show = { x: true, y: true }): void {
  const { rect } = frame;
  const fg = paint.theme.foreground;
  ctx.save();
  ctx.strokeStyle = paint.theme.grid;
  ctx.lineWidth = 1;
  if (rect.height > 0) ctx.strokeRect(rect.left, rect.top, rect.width, rect.height);
  ctx.fillStyle = fg;
  ctx.font = font(paint);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of show.x ? ticks(frame.x[0], frame.x[1], Math.max(2, Math.floor(rect.width / 70))) : []) {
    const [px] = toPixel(frame, t, frame.y[0]);
    ctx.fillRect(px, rect.top + rect.height, 1, 4);
    ctx.fillText(formatNumber(t), px, rect.top + rect.height + 5);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of show.y ? ticks(frame.y[0], frame.y[1], Math.max(2, Math.floor(rect.height / 35))) : []) {
    const [, py] = toPixel(frame, frame.x[0], t);
    ctx.fillRect(rect.left - 4, py, 4, 1);
    ctx.fillText(formatNumber(t), rect.left - 6, py);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(xTitle, rect.left + rect.width / 2, rect.top + rect.height + paint.theme.fontSize * 2.6);
  ctx.translate(paint.theme.fontSize * 0.9, rect.top + rect.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(yTitle, 0, 0);
  ctx.restore();
}
