/**
 * The pictures' colours from the theme: a class colour shaded by the model's confidence, a diverging
 * heat map for regression, and the mix of a colour over the page's background (what the pixel shows).
 */
export type Rgb = [number, number, number];

/** Reads #rgb, #rrggbb(aa) and rgb(a)(…) as VS Code's theme variables write them; null otherwise. */
export function parseColour(text: string): Rgb | null {
  const value = text.trim();
  const hex = /^#([0-9a-f]{3,8})$/i.exec(value);
  if (hex) {
    const digits = hex[1].length <= 4 ? [...hex[1]].map((d) => d + d).join('') : hex[1];
    return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as Rgb;
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(value);
  return rgb ? ([Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] as Rgb) : null;
}

/** `top` at opacity `alpha` over `bottom`. */
export function blend(top: Rgb, bottom: Rgb, alpha: number): Rgb {
  return top.map((c, i) => Math.round(alpha * c + (1 - alpha) * bottom[i])) as Rgb;
}

export function css([r, g, b]: Rgb): string {
  return `rgb(${r}, ${g}, ${b})`;
}

/**
 * Opacity of a class colour for the predicted class's probability p with k classes: chance (1/k)
 * is faint, certainty strong, so the boundary shows as a pale seam between saturated regions.
 */
export function confidenceAlpha(p: number, classes: number): number {
  const chance = 1 / Math.max(2, classes);
  const t = Math.min(1, Math.max(0, (p - chance) / (1 - chance)));
  return 0.12 + 0.58 * t;
}

/** Regression: low values toward `low`, high toward `high`, the middle of [min, max] the background. */
export function heatColour(value: number, min: number, max: number, low: Rgb, high: Rgb, background: Rgb): Rgb {
  if (!Number.isFinite(value) || max <= min) return background;
  const t = Math.min(1, Math.max(0, (value - min) / (max - min)));
  return t < 0.5 ? blend(low, background, 0.75 * (1 - 2 * t)) : blend(high, background, 0.75 * (2 * t - 1));
}
