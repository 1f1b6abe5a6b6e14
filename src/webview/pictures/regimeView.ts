/**
 * The linear-regime picture (the seeds' tanh figure): the activation curve with its near-linear band,
 * and under it each hidden layer's pre-activation histogram on the same z axis, the band shaded.
 */
import type { PreActivationHistogram, ShownRun } from '../../protocol/webview';
import { context2d, drawAxes, font, type Paint } from './canvas';
import { css } from './colours';
import { toPixel, type Frame } from './frame';
import { activationCurve, barHeights, linearRegion, sharedRange } from './regimeLayout';

export interface RegimeDrawn {
  range: [number, number];
  layers: { layer: number; counts: number[]; heights: number[]; insideBand: number }[];
}

export function drawRegime(canvas: HTMLCanvasElement, run: ShownRun, histograms: readonly PreActivationHistogram[], paint: Paint, width: number): RegimeDrawn {
  const { activation, leakySlope } = run.spec.model;
  const curveHeight = 130;
  const layerHeight = 74;
  const gap = 10;
  const height = curveHeight + histograms.length * (layerHeight + gap) + paint.theme.fontSize * 2.4;
  const ctx = context2d(canvas, width, height);
  const range = sharedRange(histograms);
  const left = Math.round(paint.theme.fontSize * 3.4);
  const plotWidth = width - left - paint.theme.fontSize;
  const g = activationCurve(activation, leakySlope);
  const zs = Array.from({ length: 201 }, (_, i) => range[0] + ((range[1] - range[0]) * i) / 200);
  const gs = zs.map(g);
  const [gLow, gHigh] = [Math.min(...gs), Math.max(...gs)];
  const pad = 0.06 * (gHigh - gLow || 1);
  const curveFrame: Frame = { rect: { left, top: 6, width: plotWidth, height: curveHeight - 30 }, x: range, y: [gLow - pad, gHigh + pad] };
  const band = linearRegion(histograms, range);
  const bandColour = css(paint.palette[2] ?? paint.foreground);
  const shadeBand = (frame: Frame) => {
    if (!band) return;
    const [x0] = toPixel(frame, band[0], 0);
    const [x1] = toPixel(frame, band[1], 0);
    ctx.save();
    ctx.globalAlpha = 0.14;
    ctx.fillStyle = bandColour;
    ctx.fillRect(x0, frame.rect.top, x1 - x0, frame.rect.height);
    ctx.restore();
  };
  shadeBand(curveFrame);
  ctx.strokeStyle = css(paint.palette[0]);
  ctx.lineWidth = 2;
  ctx.beginPath();
  zs.forEach((z, i) => {
    const [px, py] = toPixel(curveFrame, z, gs[i]);
    if (i === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  });
  ctx.stroke();
  drawAxes(ctx, curveFrame, paint, '', `${activation}(z)`, { x: false, y: true });
  const layers = histograms.map((h, k) => {
    const frame: Frame = { rect: { left, top: curveHeight + k * (layerHeight + gap), width: plotWidth, height: layerHeight }, x: range, y: [0, 1] };
    shadeBand(frame);
    const heights = barHeights(h.counts);
    h.counts.forEach((_, b) => {
      const [x0, y0] = toPixel(frame, h.edges[b], heights[b]);
      const [x1, y1] = toPixel(frame, h.edges[b + 1], 0);
      const centre = (h.edges[b] + h.edges[b + 1]) / 2;
      ctx.fillStyle = css(band && centre >= band[0] && centre <= band[1] ? paint.palette[0] : paint.grey);
      ctx.fillRect(x0, y0, Math.max(1, x1 - x0 - 1), y1 - y0);
    });
    ctx.strokeStyle = paint.theme.grid;
    ctx.strokeRect(frame.rect.left, frame.rect.top, frame.rect.width, frame.rect.height);
    ctx.fillStyle = paint.theme.foreground;
    ctx.font = font(paint);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(`hidden ${h.layer + 1}`, left + 4, frame.rect.top + 3);
    return { layer: h.layer, counts: [...h.counts], heights, insideBand: h.insideBand };
  });
  const last = histograms.length > 0 ? curveHeight + histograms.length * (layerHeight + gap) - gap : curveHeight;
  drawAxes(ctx, { rect: { left, top: last, width: plotWidth, height: 0 }, x: range, y: [0, 1] }, paint, 'pre-activation z', '', { x: true, y: false });
  return { range, layers };
}
