/**
 * The checkpoint view's charts: per-layer values by depth, the selected layer's weight histogram,
 * and its ESD (eigenvalues of WᵀW) as a density on log–log axes with the fitted power law.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, ScatterController, Tooltip } from 'chart.js';
import type { LayerDetail, LayerReport } from '../../protocol/inspect';
import { h } from '../dom';
import { colour, type Theme } from '../theme';

Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, ScatterController, Tooltip);

export interface ChartCard {
  element: HTMLElement;
  chart: Pick<Chart, 'destroy' | 'toBase64Image'>;
  title: string;
}

function card(title: string, theme: Theme, config: ConstructorParameters<typeof Chart>[1]): ChartCard {
  const canvas = h('canvas', { role: 'img', 'aria-label': title });
  const element = h('section', { class: 'chart-card' }, h('div', { class: 'chart-head' }, h('h2', {}, title)), h('div', { class: 'chart-box' }, canvas));
  Chart.defaults.color = theme.foreground;
  Chart.defaults.font.family = theme.fontFamily;
  Chart.defaults.borderColor = theme.grid;
  const chart = new Chart(canvas, { ...config, options: { animation: false, maintainAspectRatio: false, ...config.options } });
  return { element, chart, title };
}

/** One value per weight matrix, in file order (depth), for each of the charted quantities. */
export const depthSeries: { key: keyof LayerReport; title: string; log: boolean }[] = [
  { key: 'frobenius', title: '‖W‖_F by depth', log: true },
  { key: 'stableRank', title: 'Stable rank by depth', log: true },
  { key: 'alpha', title: 'Power-law α by depth (α < 2 over-trained, > 6 under-trained: heuristic)', log: false },
  { key: 'sparsity', title: 'Share of |w| ≤ ε by depth', log: false },
];

export function depthCharts(layers: readonly LayerReport[], theme: Theme): ChartCard[] {
  const matrices = layers.filter((l) => l.matrix !== null && l.analysed);
  return depthSeries.map(({ key, title, log }, i) =>
    card(title, theme, {
      type: 'line',
      data: {
        labels: matrices.map((l) => l.name),
        datasets: [{ label: title, data: matrices.map((l) => l[key] as number | null), borderColor: colour(theme, i), backgroundColor: colour(theme, i), pointRadius: 2, spanGaps: false }],
      },
      options: { plugins: { legend: { display: false } }, scales: { x: { ticks: { display: false } }, y: { type: log ? 'logarithmic' : 'linear' } } },
    }),
  );
}

export function histogramChart(detail: LayerDetail, theme: Theme): ChartCard {
  const { edges, counts } = detail.histogram;
  return card(`Weights of ${detail.name}`, theme, {
    type: 'bar',
    data: {
      labels: counts.map((_, i) => ((edges[i] + edges[i + 1]) / 2).toPrecision(3)),
      datasets: [{ label: 'count', data: counts, backgroundColor: colour(theme, 0), barPercentage: 1, categoryPercentage: 1 }],
    },
    options: { plugins: { legend: { display: false } } },
  });
}

/** Log-spaced bins of the eigenvalues, as densities: a power law is a straight line on these axes. */
export function esdDensity(eigenvalues: readonly number[], bins = 40): { x: number; y: number }[] {
  const positive = eigenvalues.filter((e) => e > 1e-12);
  if (positive.length < 2) return [];
  const lo = Math.log(Math.min(...positive)), hi = Math.log(Math.max(...positive));
  const width = (hi - lo) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const e of positive) counts[Math.min(bins - 1, Math.floor((Math.log(e) - lo) / width))]++;
  return counts.flatMap((count, i) => {
    const left = Math.exp(lo + i * width), right = Math.exp(lo + (i + 1) * width);
    return count === 0 ? [] : [{ x: Math.sqrt(left * right), y: count / positive.length / (right - left) }];
  });
}

export function esdChart(detail: LayerDetail, theme: Theme): ChartCard {
  const density = esdDensity(detail.eigenvalues);
  const fit = detail.alpha !== null && detail.alphaXmin !== null ? powerLawLine(detail.eigenvalues, detail.alpha, detail.alphaXmin) : [];
  const method = detail.method === 'lanczos' ? `the top ${detail.eigenvalues.length} by Lanczos` : 'all, exact';
  return card(`ESD of ${detail.name} (eigenvalues of WᵀW: ${method})`, theme, {
    type: 'scatter',
    data: {
      datasets: [
        { label: 'density', data: density, backgroundColor: colour(theme, 0), pointRadius: 3 },
        { label: detail.alpha === null ? 'no fit' : `power law α = ${detail.alpha.toFixed(2)}, x_min = ${detail.alphaXmin?.toPrecision(3)}`, data: fit, type: 'line', borderColor: colour(theme, 2), pointRadius: 0 },
      ],
    },
    options: { scales: { x: { type: 'logarithmic', title: { display: true, text: 'eigenvalue λ' } }, y: { type: 'logarithmic', title: { display: true, text: 'density' } } } },
  });
}

/** The fitted density on [x_min, max]: the tail's share times (α − 1)/x_min · (λ/x_min)^(−α). */
function powerLawLine(eigenvalues: readonly number[], alpha: number, xmin: number): { x: number; y: number }[] {
  const positive = eigenvalues.filter((e) => e > 1e-12);
  const share = positive.filter((e) => e >= xmin).length / positive.length;
  const max = Math.max(...positive);
  return Array.from({ length: 20 }, (_, i) => {
    const x = xmin * (max / xmin) ** (i / 19);
    return { x, y: (share * (alpha - 1)) / xmin * (x / xmin) ** -alpha };
  });
}
