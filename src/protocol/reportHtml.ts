/**
 * One self-contained HTML page for a run or a tuning: inline SVG charts and tables, inline CSS, no
 * script and no network, so it can be attached to a pull request. Every text from a record (names,
 * settings, messages) is escaped: a record is untrusted input.
 */
import type { RunRecord, TuningRecord } from './records';

interface Series {
  name: string;
  points: [number, number][];
}

const palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function num(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  return value === 0 ? '0' : size >= 1e4 || size < 1e-3 ? value.toExponential(3) : value.toPrecision(4);
}

/** A line chart as SVG; x on a log scale when asked; vertical markers at given x. */
function lineChart(title: string, xLabel: string, series: Series[], options: { logX?: boolean; markers?: { x: number; label: string }[] } = {}): string {
  const [width, height, left, right, top, bottom] = [640, 300, 60, 150, 30, 40];
  const fx = (x: number) => (options.logX ? Math.log10(x) : x);
  const all = series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(fx(x)) && Number.isFinite(y));
  if (all.length === 0) return `<p>${escapeHtml(title)}: no finite values.</p>`;
  const [x0, x1] = [Math.min(...all.map(([x]) => fx(x))), Math.max(...all.map(([x]) => fx(x)))];
  const [y0, y1] = [Math.min(...all.map(([, y]) => y)), Math.max(...all.map(([, y]) => y))];
  const sx = (x: number) => left + ((fx(x) - x0) / (x1 - x0 || 1)) * (width - left - right);
  const sy = (y: number) => top + (1 - (y - y0) / (y1 - y0 || 1)) * (height - top - bottom);
  const lines = series.map((s, i) => {
    const d = s.points.filter(([x, y]) => Number.isFinite(fx(x)) && Number.isFinite(y)).map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ');
    const color = palette[i % palette.length];
    return `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${d}"/><text x="${width - right + 8}" y="${top + 14 * i + 10}" fill="${color}">${escapeHtml(s.name)}</text>`;
  });
  const markers = (options.markers ?? []).map(
    (m) => `<line x1="${sx(m.x).toFixed(1)}" x2="${sx(m.x).toFixed(1)}" y1="${top}" y2="${height - bottom}" stroke="#555" stroke-dasharray="4 3"/><text x="${(sx(m.x) + 3).toFixed(1)}" y="${top + 10}">${escapeHtml(m.label)}</text>`,
  );
  const axes = [
    `<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="#999"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="#999"/>`,
    `<text x="${left - 4}" y="${top + 4}" text-anchor="end">${num(y1)}</text><text x="${left - 4}" y="${height - bottom}" text-anchor="end">${num(y0)}</text>`,
    `<text x="${left}" y="${height - bottom + 16}">${num(options.logX ? 10 ** x0 : x0)}</text><text x="${width - right}" y="${height - bottom + 16}" text-anchor="end">${num(options.logX ? 10 ** x1 : x1)}</text>`,
    `<text x="${(left + width - right) / 2}" y="${height - 6}" text-anchor="middle">${escapeHtml(xLabel)}${options.logX ? ' (log scale)' : ''}</text>`,
  ];
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}">${axes.join('')}${markers.join('')}${lines.join('')}</svg></figure>`;
}

function table(header: string[], rows: string[][]): string {
  const cells = (row: string[], tag: string) => `<tr>${row.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
  return `<table><thead>${cells(header, 'th')}</thead><tbody>${rows.map((r) => cells(r, 'td')).join('')}</tbody></table>`;
}

function page(title: string, body: string[]): string {
  const style = 'body{font:14px system-ui,sans-serif;max-width:900px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}th{background:#f3f3f3}figure{margin:1.5em 0}figcaption{font-weight:600}svg text{font-size:11px;fill:#333}code{background:#f3f3f3;padding:0 3px}';
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><title>${escapeHtml(title)}</title><style>${style}</style></head><body>${body.join('\n')}</body></html>\n`;
}

export function runReport(record: RunRecord): string {
  const epochs = record.epochs;
  const final = record.summary.final;
  const series = (name: string, pick: (e: RunRecord['epochs'][number]) => number | null): Series => ({
    name,
    points: epochs.flatMap((e) => (pick(e) === null ? [] : [[e.epoch, pick(e)!] as [number, number]])),
  });
  const markers = [
    ...(record.summary.bestEpoch > 0 ? [{ x: record.summary.bestEpoch, label: 'best' }] : []),
    ...(record.summary.overfittingOnset ? [{ x: record.summary.overfittingOnset, label: 'onset' }] : []),
  ];
  const reg = record.spec.regularization;
  return page(`RegLens run ${record.experiment}/${record.id}`, [
    `<h1>${escapeHtml(record.experiment)}</h1>`,
    `<p>Run <code>${escapeHtml(record.id)}</code>, ${escapeHtml(record.createdAt)}, RegLens ${escapeHtml(record.reglensVersion)}. Data: ${escapeHtml(record.dataset.source)} (${record.dataset.trainRows} training, ${record.dataset.validationRows} validation rows).</p>`,
    `<p>Objective: <code>${escapeHtml(record.objective)}</code></p>`,
    `<p>Stop: ${escapeHtml(record.summary.stopReason)}: ${escapeHtml(record.summary.message)}</p>`,
    lineChart('Loss per epoch (validation is data loss only)', 'epoch', [series('train loss', (e) => e.trainLoss), series('val loss', (e) => e.valLoss)], { markers }),
    lineChart('Objective and penalty', 'epoch', [series('objective', (e) => e.objective), series('penalty', (e) => e.penalty)]),
    lineChart('Weights near zero', 'epoch', [series('|w| ≤ ε', (e) => weighted(e, 'sparsity')), series('exactly 0', (e) => weighted(e, 'exactZeros'))]),
    '<h2>Final numbers</h2>',
    table(['', 'value'], [
      ['train loss', num(final?.trainLoss)], ['val loss', num(final?.valLoss)], [`train ${record.metric}`, num(final?.trainMetric)],
      [`val ${record.metric}`, num(final?.valMetric)], ['gap', num(final?.gap)], ['penalty', num(final?.penalty)], ['epoch', String(final?.epoch ?? 0)],
    ]),
    table(['layer', 'inputs × outputs', '‖W‖_F', 'exactly 0', '|w| ≤ ε', 'dead units', 'spectral norm', 'stable rank'], (final?.layers ?? []).map((l) => [
      String(l.layer), `${l.inputs} × ${l.outputs}`, num(l.frobenius), `${(l.exactZeros * 100).toFixed(1)}%`, `${(l.sparsity * 100).toFixed(1)}%`, String(l.deadUnits), num(l.spectralNorm), num(l.stableRank),
    ])),
    '<h2>Settings</h2>',
    table(['setting', 'value'], [
      ['penalty', reg.penalty], ['λ', String(reg.lambda)], ['scale', reg.scale], ['l1Ratio', String(reg.l1Ratio)], ['weightDecay', String(reg.weightDecay)],
      ['hidden', JSON.stringify(record.spec.model.hidden)], ['activation', record.spec.model.activation], ['optimizer', record.spec.training.optimizer],
      ['learningRate', String(record.spec.training.learningRate)], ['epochs', String(record.spec.training.epochs)], ['batchSize', String(record.spec.training.batchSize)],
    ]),
  ]);
}

function weighted(report: RunRecord['epochs'][number], key: 'sparsity' | 'exactZeros'): number {
  const sizes = report.layers.map((l) => l.inputs * l.outputs);
  const total = sizes.reduce((a, b) => a + b, 0) || 1;
  return report.layers.reduce((sum, l, i) => sum + l[key] * sizes[i], 0) / total;
}

export function tuningReport(record: TuningRecord): string {
  const { result } = record;
  const metric = result.metric === 'valLoss' ? 'loss' : result.metricName;
  const points = result.curve.filter((p) => p.lambda > 0);
  const pick = (p: (typeof points)[number]) => (result.metric === 'valLoss' ? [p.trainLoss, p.valLoss] : [p.trainMetric, p.valMetric]);
  const markers = [
    ...(result.lambdaMin ? [{ x: result.lambdaMin.lambda, label: 'λ_min' }] : []),
    ...(result.lambda1se ? [{ x: result.lambda1se.lambda, label: 'λ_1se' }] : []),
  ].filter((m) => m.x > 0);
  const band = (sign: number): Series => ({ name: `val ${sign > 0 ? '+' : '−'} 1 SE`, points: points.map((p) => [p.lambda, pick(p)[1].mean + sign * pick(p)[1].se]) });
  const body = [
    `<h1>${escapeHtml(record.experiment)}: λ by ${result.folds}-fold cross-validation</h1>`,
    `<p>Tuning <code>${escapeHtml(record.id)}</code>, ${escapeHtml(record.createdAt)}, ${record.rows} rows, ${escapeHtml(record.spec.regularization.penalty)} under scale ${escapeHtml(record.spec.regularization.scale)}, rule ${escapeHtml(result.rule)}: λ = ${num(result.chosen)} (λ_min ${num(result.lambdaMin?.lambda)}, λ_1se ${num(result.lambda1se?.lambda)}).</p>`,
    lineChart(`CV ${metric} against λ`, 'λ', [
      { name: `train ${metric}`, points: points.map((p) => [p.lambda, pick(p)[0].mean]) },
      { name: `val ${metric}`, points: points.map((p) => [p.lambda, pick(p)[1].mean]) },
      band(1), band(-1),
    ], { logX: true, markers }),
  ];
  if (result.path && result.path.outputs === 1) {
    const path = result.path;
    const series = path.featureNames.map((name, j) => ({ name, points: path.points.filter((p) => p.lambda > 0).map((p) => [p.lambda, p.weight[j]] as [number, number]) }));
    body.push(lineChart('Coefficient path (all rows)', 'λ', series, { logX: true, markers }));
  }
  if (result.inputPath) {
    const path = result.inputPath;
    const series = path.featureNames.map((name, j) => ({ name, points: path.points.filter((p) => p.lambda > 0).map((p) => [p.lambda, p.norms[j]] as [number, number]) }));
    body.push(lineChart('Input group norms ‖W₁[:, j]‖₂ (all rows, warm-started from the smallest λ up)', 'λ', series, { logX: true, markers }));
  }
  body.push(
    table(['λ', `train ${metric}`, `val ${metric}`, 'SE', 'per fold', 'exactly 0', 'epochs'], result.curve.map((p) => [
      num(p.lambda), num(pick(p)[0].mean), num(pick(p)[1].mean), num(pick(p)[1].se), (p.foldScores ?? []).map(num).join(' '), `${(p.exactZeros * 100).toFixed(1)}%`, num(p.epochs),
    ])),
  );
  return page(`RegLens tuning ${record.experiment}/${record.id}`, body);
}
