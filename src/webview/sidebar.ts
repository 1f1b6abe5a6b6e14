/** The sidebar: experiments with Train / Tune, their runs (open or compare), and the live run's charts. */
import { parseToWebview, type ExperimentItem, type FromWebview, type RunListItem, type ShownRun, type ToWebview } from '../protocol/webview';
import { ChartCard } from './chartCard';
import type { ChartView } from './chartView';
import { button, h } from './dom';
import { formatNumber } from '../protocol/labels';
import { EpochChartView } from './epochChartView';
import { appendEpochs, finishRun, restoredRuns } from './runModel';
import { epochCharts } from './series';
import { onThemeChange, readTheme } from './theme';
import { RateLimiter } from '../protocol/rateLimit';
import { comparisonList } from './sidebarComparisons';
import type { Host } from './vscodeApi';

export interface SidebarState {
  experiments: ExperimentItem[];
  runs: ShownRun[];
  running: boolean;
  statusText: string;
  selected: string[];
}

/** The live charts that fit a narrow sidebar. */
const liveChartIds = ['loss', 'frobenius', 'sparsity'];

function runLine(run: RunListItem): string {
  const metric = run.metric === 'r2' ? 'R²' : 'accuracy';
  const status = run.status === 'earlyStopped' ? 'early stop' : run.status;
  return `${run.label} · ${metric} ${formatNumber(run.valMetric)} · ${status}`;
}

export class Sidebar {
  private state: SidebarState;
  private cards: ChartCard[] = [];
  private readonly experimentsList = h('div', { class: 'experiments' });
  private readonly statusLine = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly stopButton = button('Stop', () => this.post({ type: 'stop' }), { class: 'stop', disabled: true });
  private readonly liveCharts = h('div', { class: 'live-charts' });
  private readonly throttle = new RateLimiter(() => this.flush());

  constructor(root: HTMLElement, private readonly host: Host<SidebarState>) {
    const restored = host.restoredState();
    const experiments = parseToWebview({ type: 'experiments', experiments: restored?.experiments ?? [] });
    this.state = {
      experiments: experiments.ok && experiments.message.type === 'experiments' ? experiments.message.experiments : [],
      runs: restoredRuns(restored?.runs),
      running: restored?.running === true,
      statusText: typeof restored?.statusText === 'string' ? restored.statusText : 'Idle.',
      selected: Array.isArray(restored?.selected) ? restored.selected.filter((id) => typeof id === 'string') : [],
    };
    root.replaceChildren(
      h('section', { 'aria-labelledby': 'experiments-title' }, h('h2', { id: 'experiments-title' }, 'Experiments'), this.experimentsList),
      h('section', { 'aria-labelledby': 'live-title' }, h('h2', { id: 'live-title' }, 'Live run'), h('div', { class: 'toolbar' }, this.stopButton), this.statusLine, this.liveCharts),
    );
    this.renderExperiments();
    this.renderStatus();
    this.renderLive();
    onThemeChange(() => this.renderLive());
  }

  get charts(): readonly ChartView[] {
    return this.cards.map((card) => card.view);
  }

  handle(message: ToWebview): void {
    switch (message.type) {
      case 'experiments':
        this.state.experiments = message.experiments;
        this.renderExperiments();
        break;
      case 'status':
        this.state.running = message.running;
        this.state.statusText = message.text;
        this.renderStatus();
        break;
      case 'runs':
        this.state.runs = message.runs;
        this.renderLive();
        break;
      case 'epochs':
        if (appendEpochs(this.state.runs, message.runId, message.epochs)) this.throttle.request();
        return;
      case 'runFinished':
        if (finishRun(this.state.runs, message.runId, message.run)) this.throttle.request();
        return;
    }
    this.host.saveState(this.state);
  }

  private post(message: FromWebview): void {
    this.host.post(message);
  }

  private renderExperiments(): void {
    const known = new Set(this.state.experiments.flatMap((e) => e.runs.map((r) => r.id)));
    this.state.selected = this.state.selected.filter((id) => known.has(id));
    if (this.state.experiments.length === 0) {
      this.experimentsList.replaceChildren(h('p', { class: 'muted' }, 'No experiments. Add a reglens.json to the workspace.'));
      return;
    }
    const compare = button('Compare selected', () => this.post({ type: 'openDashboard', runIds: [...this.state.selected] }), { class: 'compare' });
    const updateCompare = () => {
      compare.disabled = this.state.selected.length < 2;
      compare.textContent = `Compare selected (${this.state.selected.length})`;
    };
    updateCompare();
    this.experimentsList.replaceChildren(
      ...this.state.experiments.map((experiment) => this.experimentBlock(experiment, updateCompare)),
      h('div', { class: 'toolbar' }, compare),
    );
  }

  private experimentBlock(experiment: ExperimentItem, onSelect: () => void): HTMLElement {
    const { name, config } = experiment;
    const runs = experiment.runs.map((run) => {
      const box = h('input', { type: 'checkbox', 'aria-label': `Select ${run.label} for comparison`, checked: this.state.selected.includes(run.id) });
      box.addEventListener('change', () => {
        this.state.selected = box.checked ? [...this.state.selected, run.id] : this.state.selected.filter((id) => id !== run.id);
        onSelect();
        this.host.saveState(this.state);
      });
      const open = button(runLine(run), () => this.post({ type: 'openDashboard', runIds: [run.id] }), { class: 'link', title: `Open run ${run.id} (${run.createdAt})` });
      return h('li', { 'data-run': run.id }, box, open);
    });
    return h(
      'div',
      { class: 'experiment', 'data-experiment': name, 'data-config': config },
      h(
        'div',
        { class: 'experiment-head' },
        h('h3', { title: config }, name),
        button('Train', () => this.post({ type: 'train', experiment: name, config }), { class: 'train', 'aria-label': `Train ${name} of ${config}` }),
        button('Tune λ', () => this.post({ type: 'tune', experiment: name, config }), { class: 'tune secondary', 'aria-label': `Tune λ of ${name} of ${config}` }),
      ),
      h('p', { class: 'muted config' }, config),
      comparisonList(experiment, (message) => this.post(message)),
      runs.length > 0 ? h('ul', { class: 'runs' }, ...runs) : h('p', { class: 'muted' }, 'No runs yet.'),
    );
  }

  private renderStatus(): void {
    this.statusLine.textContent = this.state.statusText;
    this.stopButton.disabled = !this.state.running;
  }

  private renderLive(): void {
    this.cards.forEach((card) => card.destroy());
    this.cards = [];
    const runs = this.state.runs;
    if (runs.length === 0) {
      this.liveCharts.replaceChildren();
      return;
    }
    const theme = readTheme();
    const open = button('Open in dashboard', () => this.post({ type: 'openDashboard', runIds: runs.map((r) => r.id) }), { class: 'secondary' });
    this.liveCharts.replaceChildren(h('div', { class: 'toolbar' }, open));
    for (const def of epochCharts.filter((d) => liveChartIds.includes(d.id))) {
      const card = new ChartCard((canvas) => new EpochChartView(canvas, def, runs, theme, true), { compact: true, tableOpen: false });
      this.liveCharts.append(card.element);
      this.cards.push(card);
    }
  }

  private flush(): void {
    for (const card of this.cards) card.sync(this.state.runs);
    this.host.saveState(this.state);
  }
}
