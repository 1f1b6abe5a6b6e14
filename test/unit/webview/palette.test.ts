/**
 * The chart palettes against WCAG 2.1's contrast ratio (graphics need 3:1) on the backgrounds of
 * VS Code's Light+, Dark+ and both high-contrast themes, and pairwise CIELAB ΔE under simulated colour
 * blindness (Machado, Oliveira & Fernandes 2009, severity 1.0, on linear sRGB).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { palettes } from '../../../src/webview/theme';

type Rgb = [number, number, number];

const linear = (hex: string): Rgb =>
  [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;

const luminance = ([r, g, b]: Rgb) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(linear(a)), luminance(linear(b))].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}

const simulations: Record<string, number[][]> = {
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

function lab(rgb: Rgb): Rgb {
  const [r, g, b] = rgb.map((c) => Math.min(1, Math.max(0, c)));
  const xyz = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883];
  const [fx, fy, fz] = xyz.map((t) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116));
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

const seen = (hex: string, m: number[][]) => lab(m.map((row) => row.reduce((sum, k, j) => sum + k * linear(hex)[j], 0)) as Rgb);

const backgrounds = { light: ['#ffffff', '#f3f3f3'], dark: ['#1e1e1e', '#252526', '#000000'] };

test('every palette colour has at least 3:1 contrast with its themes’ backgrounds', () => {
  for (const kind of ['light', 'dark'] as const) {
    for (const colour of palettes[kind]) {
      for (const background of backgrounds[kind]) {
        const ratio = contrast(colour, background);
        assert.ok(ratio >= 3, `${kind}: ${colour} on ${background} is ${ratio.toFixed(2)}:1`);
      }
    }
  }
  assert.ok(contrast('#E69F00', '#ffffff') < 3, 'the check can fail: Okabe–Ito orange on white');
});

test('the colours stay apart (ΔE ≥ 9) with normal vision and under protanopia, deuteranopia and tritanopia', () => {
  for (const kind of ['light', 'dark'] as const) {
    for (const [name, m] of Object.entries(simulations)) {
      const colours = palettes[kind].map((hex) => seen(hex, m));
      colours.forEach((a, i) =>
        colours.slice(i + 1).forEach((b, k) => {
          const distance = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
          assert.ok(distance >= 9, `${kind}, ${name}: ${palettes[kind][i]} vs ${palettes[kind][i + 1 + k]} ΔE ${distance.toFixed(1)}`);
        }),
      );
    }
  }
  const [red, green] = [seen('#D62728', simulations.deuteranopia), seen('#2CA02C', simulations.deuteranopia)];
  assert.ok(Math.hypot(red[0] - green[0], red[1] - green[1], red[2] - green[2]) < 9, 'the check can fail: red and green under deuteranopia');
});
