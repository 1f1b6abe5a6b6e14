/** A plot's frame: data ranges mapped to a canvas rectangle (y up), and round tick values for its axes. */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Frame {
  rect: Rect;
  x: [number, number];
  y: [number, number];
}

export function toPixel({ rect, x, y }: Frame, dataX: number, dataY: number): [number, number] {
  const px = rect.left + ((dataX - x[0]) / (x[1] - x[0] || 1)) * rect.width;
  const py = rect.top + rect.height - ((dataY - y[0]) / (y[1] - y[0] || 1)) * rect.height;
  return [px, py];
}

/** About `count` round values inside [min, max], 1, 2 or 5 × 10ⁿ apart (the step nearest range/count). */
export function ticks(min: number, max: number, count = 5): number[] {
  if (!(max > min) || !Number.isFinite(min) || !Number.isFinite(max)) return [];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).reduce((best, s) => (Math.abs(Math.log(s / raw)) < Math.abs(Math.log(best / raw)) ? s : best));
  const values: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) values.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return values;
}

/** The rectangle inside a canvas of this size that leaves room for axis labels. */
export function plotRect(width: number, height: number, fontSize: number): Rect {
  const left = Math.round(fontSize * 3.4);
  const bottom = Math.round(fontSize * 2.8);
  return { left, top: Math.round(fontSize * 0.6), width: Math.max(10, width - left - fontSize), height: Math.max(10, height - bottom - fontSize * 0.6) };
}
