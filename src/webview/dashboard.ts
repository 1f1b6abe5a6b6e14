/** The dashboard: one run or several overlaid (every chart of DESIGN.md §4), or a λ tuning (§6); tables and exports. */
import { runReport } from '../protocol/reportHtml';
import type { CheckpointSeries, ComparisonHeader, ExternalRun, ShownRun, ToWebview, TuningRecord } from '../protocol/webview';
import { ChartCard } from './chartCard';
import { comparisonHeader } from './comparisonHeader';
import type { ChartView } from './chartView';
import { button, h } from './dom';
import { EpochChartView } from './epochChartView';
import { epochsCsv, exportBaseName, runsJson } from './exports';
import { dashboardHeader } from './header';
import { HistogramChartView } from './histogramChartView';
import { histogramCharts } from './histograms';
import { checkpointCharts } from './logs/checkpointCharts';
import { ExternalLossChartView } from './logs/externalLossChart';
import { ExternalScalarChartView } from './logs/externalScalarChart';
import { PicturesSection } from './pictures/picturesSection';
import { appendEpochs, appendPicture, finishRun, restoredRuns, restoredTuning } from './runModel';
import { epochCharts } from './series';
import { onThemeChange, readTheme, type Theme } from './theme';
import { RateLimiter } from '../protocol/rateLimit';
import { markCurrentLambda } from './tuningHeader';
import { tuningPage, type Page } from './tuningPage';
import type { Host } from './vscodeApi';

export interface DashboardState {
  runs: ShownRun[];
  /** A tuning replaces the runs on the page. */
  tuning: TuningRecord | null;
  openTables: string[];
  /** The training logs shown beside the runs (their sources), opened again after a window reload. */
  logs: string[];
  /** The checkpoint folders shown as series (their workspace-relative ids), read again after a window reload. */
  series: string[];
}

export class Dashboard {
  private runs: ShownRun[] = [];
  private external: ExternalRun[] = [];
  private externalScalars: string[] = [];
  private checkpointSeries: CheckpointSeries[] = [];
  private tuning: TuningRecord | null = null;
  /** The shown tuning's experiment's λ in the config now, as the extension last said. */
  private configLambda: number | null = null;
  /** Set when the runs shown are a comparison of regularizers. */
  private comparison: ComparisonHeader | null = null;
  private cards: ChartCard[] = [];
  private openTables = new Set<string>();
  private header: HTMLElement = h('header');
  readonly pictures = new PicturesSection((kind, runId, canvas) => {
    const run = this.runs.filter((r) => r.id === runId);
    const content = canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
    this.host.post({ type: 'saveFile', format: 'png', fileName: `${exportBaseName(run.length > 0 ? run : this.runs)}-${kind}.png`, content });
  });
  private readonly throttle = new RateLimiter(() => this.flush());
  /** setState serializes every run; once a second is plenty to survive a hide. */
  private readonly saver = new RateLimiter(() => this.host.saveState({ runs: this.runs, tuning: this.tuning, openTables: [...this.openTables], logs: [...new Set(this.external.map((run) => run.source))], series: this.checkpointSeries.map((series) => series.id) }), 1000);

  constructor(private readonly root: HTMLElement, private readonly host: Host<DashboardState>) {
    const state = host.restoredState();
    this.runs = restoredRuns(state?.runs);
    this.tuning = restoredTuning(state?.tuning);
    this.openTables = new Set(state?.openTables ?? []);
    this.render();
    onThemeChange(() => this.render());
  }

  /** The charts on the page (the browser test reads them back). */
  get charts(): readonly ChartView[] {
    return this.cards.map((card) => card.view);
  }

  handle(message: ToWebview): void {
    if (message.type === 'runs' || message.type === 'tuning') {
      this.runs = message.type === 'runs' ? message.runs : [];
      this.tuning = message.type === 'tuning' ? message.record : null;
      this.configLambda = null;
      this.comparison = null;
      this.render();
      this.save();
    } else if (message.type === 'configLambda') {
      if (message.experiment !== this.tuning?.experiment) return;
      this.configLambda = message.lambda;
      markCurrentLambda(this.header, this.configLambda);
    } else if (message.type === 'comparison') {
      this.comparison = message.header;
      this.render();
    } else if (message.type === 'externalRuns') {
      this.external = message.runs;
      this.externalScalars = message.scalars;
      this.render();
      this.save();
    } else if (message.type === 'checkpointSeries') {
      this.checkpointSeries = message.series;
      this.render();
      this.save();
    } else if (message.type === 'epochs') {
      if (appendEpochs(this.runs, message.runId, message.epochs)) this.throttle.request();
    } else if (message.type === 'picture') {
      if (appendPicture(this.runs, message.runId, message.snapshot, message.points)) this.showPictures();
    } else if (message.type === 'runFinished') {
      // The live run keeps its id: the finished record updates the same charts.
      if (finishRun(this.runs, message.runId, message.run)) {
        this.throttle.request();
        this.showPictures();
      }
    }
  }

  private render(): void {
    this.cards.forEach((card) => card.destroy());
    this.cards = [];
    if (this.runs.length === 0 && this.external.length === 0 && this.checkpointSeries.length === 0 && !this.tuning) {
      this.root.replaceChildren(h('p', { class: 'empty' }, 'No run to show. Train an experiment from the RegLens sidebar, or open a stored run.'));
      return;
    }
    const theme = readTheme();
    const showAllTables = () => this.cards.forEach((card) => card.element.querySelector('details')?.setAttribute('open', ''));
    const page = this.tuning ? tuningPage(this.tuning, theme, (message) => this.host.post(message), showAllTables) : this.runsPage(theme, showAllTables);
    const grid = h('div', { class: 'chart-grid' });
    this.header = page.header;
    if (this.tuning) markCurrentLambda(this.header, this.configLambda);
    this.root.replaceChildren(this.header, h('main', {}, ...(this.tuning ? [] : [this.pictures.element]), grid));
    if (!this.tuning) this.pictures.show(this.runs, theme);
    for (const make of page.makers) {
      const card = new ChartCard(make, {
        compact: false,
        tableOpen: false,
        onSavePng: (view) => this.host.post({ type: 'saveFile', format: 'png', fileName: `${page.baseName}-${view.id}.png`, content: view.png() }),
        onTableToggle: (id, open) => {
          if (open) this.openTables.add(id);
          else this.openTables.delete(id);
          this.save();
        },
      });
      grid.append(card.element);
      this.cards.push(card);
    }
    this.restoreOpenTables();
  }

  private runsPage(theme: Theme, showAllTables: () => void): Page {
    const makers: ((canvas: HTMLCanvasElement) => ChartView)[] = [
      ...(this.external.length > 0 ? [(canvas: HTMLCanvasElement) => new ExternalLossChartView(canvas, this.external, this.runs, theme)] : []),
      ...this.externalScalars.map((name) => (canvas: HTMLCanvasElement) => new ExternalScalarChartView(canvas, name, this.external, theme)),
      ...checkpointCharts(this.checkpointSeries, this.external, theme),
      ...epochCharts.map((def) => (canvas: HTMLCanvasElement) => new EpochChartView(canvas, def, this.runs, theme, false)),
      ...histogramCharts(this.runs).map((c) => (canvas: HTMLCanvasElement) => new HistogramChartView(canvas, c.id, this.runs, theme, false)),
    ];
    const compared = this.comparison ? comparisonHeader(this.comparison) : null;
    return { header: h('header', {}, compared, dashboardHeader(this.runs), this.toolbar(showAllTables)), makers, baseName: exportBaseName(this.runs) };
  }

  private showPictures(): void {
    if (!this.tuning) this.pictures.show(this.runs, readTheme());
    this.save();
  }

  private restoreOpenTables(): void {
    for (const card of this.cards) {
      const details = card.element.querySelector('details');
      if (details && this.openTables.has(card.view.id)) details.open = true;
    }
  }

  private toolbar(showAllTables: () => void): HTMLElement {
    const base = exportBaseName(this.runs);
    return h(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Export' },
      button('Export CSV', () => this.host.post({ type: 'saveFile', format: 'csv', fileName: `${base}.csv`, content: epochsCsv(this.runs) })),
      button('Export JSON', () => this.host.post({ type: 'saveFile', format: 'json', fileName: `${base}.json`, content: runsJson(this.runs) })),
      ...this.reportButton(base),
      button('Show all tables', showAllTables),
    );
  }

  /** One finished run: the page `reglens report` writes for it. */
  private reportButton(base: string): HTMLElement[] {
    const [run] = this.runs;
    if (this.runs.length !== 1 || !run?.summary) return [];
    const record = { ...run, summary: run.summary };
    return [button('Export report', () => this.host.post({ type: 'saveFile', format: 'html', fileName: `${base}.html`, content: runReport(record) }), { title: 'One self-contained HTML page, as reglens report writes it' })];
  }

  private flush(): void {
    for (const card of this.cards) card.sync(this.runs);
    this.header.querySelector('.runs-header')?.replaceWith(dashboardHeader(this.runs));
    this.save();
  }

  private save(): void {
    this.saver.request();
  }
}
