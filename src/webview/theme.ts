/**
 * Colours and fonts from the VS Code theme's CSS variables, so charts follow light, dark and high
 * contrast themes. VS Code changes the body's class when the theme changes; onThemeChange hears it.
 */
export interface Theme {
  foreground: string;
  grid: string;
  background: string;
  palette: string[];
  dashes: number[][];
  fontFamily: string;
  fontSize: number;
  lineWidth: number;
}

/**
 * Colour-blind-safe palettes (after Okabe & Ito), one per background: every colour keeps ≥ 3:1
 * contrast with the editor background (WCAG's minimum for graphics), and the first six stay apart
 * under simulated protanopia, deuteranopia and tritanopia (test/unit/webview/palette.test.ts).
 * The theme's own --vscode-charts-* colours fail both (orange is 2.1:1 on Light+).
 */
export const palettes = {
  light: ['#0072B2', '#C75A00', '#009473', '#7B3FD0', '#662200', '#C43193'],
  dark: ['#56B4E9', '#E69F00', '#1FC29A', '#B38CFF', '#F0E442', '#F06AB0'],
} as const;

const dashes = [[], [6, 4], [2, 3], [10, 4, 2, 4], [1, 3], [14, 6]];

export function readTheme(element: HTMLElement = document.body): Theme {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const classes = element.classList;
  const highContrast = classes.contains('vscode-high-contrast') || classes.contains('vscode-high-contrast-light');
  const light = classes.contains('vscode-light') || classes.contains('vscode-high-contrast-light');
  const foreground = read('--vscode-charts-foreground', read('--vscode-editor-foreground', style.color));
  return {
    foreground,
    grid: read('--vscode-charts-lines', 'rgba(128, 128, 128, 0.35)'),
    background: style.backgroundColor,
    palette: [...palettes[light ? 'light' : 'dark']],
    dashes,
    fontFamily: read('--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: parseFloat(read('--vscode-font-size', '13px')) || 13,
    lineWidth: highContrast ? 2.5 : 1.5,
  };
}

export function colour(theme: Theme, index: number): string {
  return theme.palette[index % theme.palette.length];
}

export function dash(theme: Theme, index: number): number[] {
  return theme.dashes[index % theme.dashes.length];
}

/** The colour at the given opacity; VS Code's theme colours are hex or rgb(a). */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3,8})$/i.exec(color.trim());
  if (hex) {
    const digits = hex[1].length <= 4 ? [...hex[1]].map((d) => d + d).join('') : hex[1];
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16));
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  const rgb = /^rgba?\(([^,]+),([^,]+),([^,)]+)/.exec(color.trim());
  return rgb ? `rgba(${rgb[1]},${rgb[2]},${rgb[3]}, ${alpha})` : color;
}

/** Calls back when VS Code switches theme: it rewrites the body's class and the variables on <html>. */
export function onThemeChange(callback: () => void): void {
  const observer = new MutationObserver(callback);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}
