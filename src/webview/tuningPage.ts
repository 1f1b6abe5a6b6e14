/** The dashboard's page for a λ tuning: header with Apply buttons, export toolbar, and the charts against λ. */
import type { TuningRecord } from '../protocol/records';
import { picksAtGridEnd } from '../protocol/gridEnds';
import { tuningReport } from '../protocol/reportHtml';
import type { FromWebview } from '../protocol/webview';
import type { ChartView } from './chartView';
import { button, h } from './dom';
import { lambdaAxis } from './lambdaAxis';
import { TuningChartView } from './tuningChartView';
import { curveCsv, pathCsv, tuningBaseName, tuningJson } from './tuningExports';
import { foldScores } from './tuningFolds';
import { tuningHeader } from './tuningHeader';
import { allLambdas, tuningCharts } from './tuningSeries';
import type { Theme } from './theme';

export interface Page {
  header: HTMLElement;
  makers: ((canvas: HTMLCanvasElement) => ChartView)[];
  /** Start of every exported file's name. */
  baseName: string;
}

export function tuningPage(record: TuningRecord, theme: Theme, post: (message: FromWebview) => void, showAllTables: () => void): Page {
  const base = tuningBaseName(record);
  const path = pathCsv(record);
  const toolbar = h(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': 'Export' },
    button('Export CSV', () => post({ type: 'saveFile', format: 'csv', fileName: `${base}.csv`, content: curveCsv(record) })),
    path === null ? null : button('Export path CSV', () => post({ type: 'saveFile', format: 'csv', fileName: `${base}-path.csv`, content: path })),
    button('Export JSON', () => post({ type: 'saveFile', format: 'json', fileName: `${base}.json`, content: tuningJson(record) })),
    button('Export report', () => post({ type: 'saveFile', format: 'html', fileName: `${base}.html`, content: tuningReport(record) }), { title: 'One self-contained HTML page, as reglens report writes it' }),
    button('Show all tables', showAllTables),
  );
  const apply = (rule: 'min' | '1se', lambda: number) => post({ type: 'applyLambda', experiment: record.experiment, lambda, rule });
  const axis = lambdaAxis(allLambdas(record.result));
  return {
    header: h('header', {}, tuningHeader(record, apply), gridEndNotice(record, post), toolbar, foldScores(record)),
    makers: tuningCharts(record).map((chart) => (canvas: HTMLCanvasElement) => new TuningChartView(canvas, chart, axis, theme)),
    baseName: base,
  };
}

/** λ_min or λ_1se at an end of the grid: the best λ may lie beyond it, so offer two more decades there. */
function gridEndNotice(record: TuningRecord, post: (message: FromWebview) => void): HTMLElement | null {
  const ends = picksAtGridEnd(record);
  if (ends.length === 0) return null;
  return h(
    'p',
    { class: 'grid-end' },
    `A pick sits at the ${ends.join(' and the ')} λ of the grid: the best λ may lie beyond it. `,
    ...ends.map((end) => button(`Extend the grid beyond its ${end} λ`, () => post({ type: 'extendTuning', experiment: record.experiment, end }), { class: 'extend-grid', title: 'Tune again with two more decades of λ there (reglens tune --extend)' })),
  );
}
