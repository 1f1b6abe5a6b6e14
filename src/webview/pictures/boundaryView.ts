/**
 * The decision boundary: the model's prediction over the input plane (class colour shaded by its
 * confidence, or a heat map for regression) with the training and validation points on top; for the
 * polynomial set, the fitted curve over the data. Returns what it drew, for tests and tables.
 */
import type { DecisionGrid, FittedCurve, PlanePoints, ShownRun } from '../../protocol/webview';
import { context2d, drawAxes, type Paint } from './canvas';
import { blend, confidenceAlpha, css, heatColour, type Rgb } from './colours';
import { plotRect, toPixel, type Frame } from './frame';

export interface BoundaryDrawn {
  kind: 'grid' | 'curve';
  frame: Frame;
  points: { train: number; validation: number };
}

export function drawBoundary(canvas: HTMLCanvasElement, run: ShownRun, grid: DecisionGrid | null, curve: FittedCurve | null, points: PlanePoints | null, paint: Paint, width: number): BoundaryDrawn | null {
  const height = Math.round(Math.min(420, Math.max(200, width * 0.82)));
  const ctx = context2d(canvas, width, height);
  const rect = plotRect(width, height, paint.theme.fontSize);
  if (grid) {
    const dx = grid.x.steps > 1 ? (grid.x.max - grid.x.min) / (grid.x.steps - 1) : 1;
    const dy = grid.y.steps > 1 ? (grid.y.max - grid.y.min) / (grid.y.steps - 1) : 1;
    const frame: Frame = { rect, x: [grid.x.min - dx / 2, grid.x.max + dx / 2], y: [grid.y.min - dy / 2, grid.y.max + dy / 2] };
    const colourAt = cellColours(grid, run.dataset.classes, paint);
    for (let j = 0; j < grid.y.steps; j++) {
      for (let i = 0; i < grid.x.steps; i++) {
        const [x0, y0] = toPixel(frame, grid.x.min + (i - 0.5) * dx, grid.y.min + (j + 0.5) * dy);
        const [x1, y1] = toPixel(frame, grid.x.min + (i + 0.5) * dx, grid.y.min + (j - 0.5) * dy);
        ctx.fillStyle = css(colourAt(j * grid.x.steps + i));
        ctx.fillRect(Math.floor(x0), Math.floor(y0), Math.ceil(x1) - Math.floor(x0), Math.ceil(y1) - Math.floor(y0));
      }
    }
    const range = valueRange(grid);
    const pointColour = (target: number): Rgb =>
      grid.confidence ? (paint.palette[target % paint.palette.length] ?? paint.foreground) : heatColour(target, range[0], range[1], paint.palette[0], paint.palette[1], paint.background);
    const drawn = drawPoints(ctx, frame, points, paint, pointColour);
    drawAxes(ctx, frame, paint, grid.x.name, grid.y.name);
    return { kind: 'grid', frame, points: drawn };
  }
  if (curve) {
    const ys = [...curve.y, ...(points?.train.y ?? []), ...(points?.validation?.y ?? [])].filter(Number.isFinite);
    const [low, high] = [Math.min(...ys), Math.max(...ys)];
    const pad = high > low ? 0.08 * (high - low) : 1;
    const frame: Frame = { rect, x: [Math.min(...curve.x), Math.max(...curve.x)], y: [low - pad, high + pad] };
    const drawn = drawPoints(ctx, frame, points, paint, (_, validation) => (validation ? paint.palette[1] : paint.grey));
    ctx.strokeStyle = css(paint.palette[0]);
    ctx.lineWidth = 2 * paint.theme.lineWidth;
    ctx.beginPath();
    curve.x.forEach((x, i) => {
      const [px, py] = toPixel(frame, x, curve.y[i]);
      if (i === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    });
    ctx.stroke();
    drawAxes(ctx, frame, paint, 'x', 'y');
    return { kind: 'curve', frame, points: drawn };
  }
  return null;
}

/** Each cell's colour over the page background, as its pixel shows it. */
function cellColours(grid: DecisionGrid, classes: number, paint: Paint): (cell: number) => Rgb {
  const { confidence } = grid;
  if (confidence) {
    return (cell) => blend(paint.palette[grid.values[cell] % paint.palette.length], paint.background, confidenceAlpha(confidence[cell], classes));
  }
  const [min, max] = valueRange(grid);
  return (cell) => heatColour(grid.values[cell], min, max, paint.palette[0], paint.palette[1], paint.background);
}

function valueRange(grid: DecisionGrid): [number, number] {
  const finite = grid.values.filter(Number.isFinite);
  return finite.length > 0 ? [Math.min(...finite), Math.max(...finite)] : [0, 1];
}

/** Training points as discs, validation points as diamonds, each outlined in the foreground colour. */
function drawPoints(ctx: CanvasRenderingContext2D, frame: Frame, points: PlanePoints | null, paint: Paint, colourOf: (target: number, validation: boolean) => Rgb): { train: number; validation: number } {
  if (!points) return { train: 0, validation: 0 };
  ctx.save();
  ctx.lineWidth = 1;
  ctx.strokeStyle = paint.theme.foreground;
  const shapes: [PlanePoints['train'] | null, (x: number, y: number) => void][] = [
    [points.train, (x, y) => ctx.arc(x, y, 3.2, 0, 2 * Math.PI)],
    [points.validation, (x, y) => (ctx.moveTo(x, y - 4.2), ctx.lineTo(x + 4.2, y), ctx.lineTo(x, y + 4.2), ctx.lineTo(x - 4.2, y), ctx.closePath())],
  ];
  for (const [set, shape] of shapes) {
    set?.x.forEach((x, i) => {
      const [px, py] = toPixel(frame, x, set.y[i]);
      ctx.beginPath();
      shape(px, py);
      ctx.fillStyle = css(colourOf(set.target[i], set === points.validation));
      ctx.fill();
      ctx.stroke();
    });
  }
  ctx.restore();
  return { train: points.train.x.length, validation: points.validation?.x.length ?? 0 };
}
