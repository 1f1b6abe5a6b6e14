/** The sidebar: experiments with Train / Tune, their runs (open or compare), training logs, checkpoints, and the live run's charts. */
import { parseToWebview, type CheckpointList, type ConfigProblem, type ExperimentItem, type FromWebview, type LogListItem, type RunListItem, type ShownRun, type ToWebview, type TuningListItem } from '../protocol/webview';
import { ChartCard } from './chartCard';
import type { ChartView } from './chartView';
import { button, h } from './dom';
import { formatNumber } from '../protocol/labels';
import { EpochChartView } from './epochChartView';
import { appendEpochs, finishRun, restoredRuns } from './runModel';
import { epochCharts } from './series';
import { onThemeChange, readTheme } from './theme';
import { RateLimiter } from '../protocol/rateLimit';
import { checkpointList } from './sidebarCheckpoints';
import { comparisonList } from './sidebarComparisons';
import type { Host } from './vscodeApi';

export interface SidebarState {
  experiments: ExperimentItem[];
  problems: ConfigProblem[];
  /** An untrusted workspace: experiments offer no Train or Tune λ. */
  restricted: boolean;
  logs: LogListItem[];
  checkpoints: CheckpointList;
  runs: ShownRun[];
  running: boolean;
  statusText: string;
  selected: string[];
}

/** The live charts that fit a narrow sidebar. */
const liveChartIds = ['loss', 'frobenius', 'sparsity'];

/** Runs shown per experiment before "n older runs". */
const recentRuns = 3;

/** A run's line, short enough for one line of the sidebar; the full line and date are its tooltip. */
function runLine(run: RunListItem): string {
  const metric = run.metric === 'r2' ? 'R²' : 'acc';
  const status = run.status === 'completed' ? '' : ` · ${run.status === 'earlyStopped' ? 'early stop' : run.status}`;
  return `${run.label} · ${metric} ${formatNumber(run.valMetric)}${status}`;
}

function tuningLine(tuning: TuningListItem): string {
  const choice = tuning.lambda1se === null ? 'no λ finished' : `λ_1se ${formatNumber(tuning.lambda1se)}`;
  return `λ tuning · ${tuning.label} · ${choice}`;
}

function when(createdAt: string): string {
  const date = new Date(createdAt);
  return Number.isNaN(date.getTime()) ? createdAt : date.toLocaleString();
}

export class Sidebar {
  private state: SidebarState;
  private cards: ChartCard[] = [];
  private readonly experimentsList = h('div', { class: 'experiments' });
  private readonly filter = h('input', { type: 'search', class: 'filter', placeholder: 'Filter experiments and runs', 'aria-label': 'Filter experiments and runs' });
  private readonly logsList = h('div', { class: 'logs' });
  private readonly checkpointsList = h('div', { class: 'checkpoint-list' });
  private readonly statusLine = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly stopButton = button('Stop', () => this.post({ type: 'stop' }), { class: 'stop secondary', disabled: true });
  private readonly liveCharts = h('div', { class: 'live-charts' });
  private readonly throttle = new RateLimiter(() => this.flush());

  constructor(root: HTMLElement, private readonly host: Host<SidebarState>) {
    const restored = host.restoredState();
    const experiments = parseToWebview({ type: 'experiments', experiments: restored?.experiments ?? [], problems: restored?.problems ?? [], restricted: restored?.restricted ?? false });
    const logs = parseToWebview({ type: 'logs', logs: restored?.logs ?? [] });
    const checkpoints = parseToWebview({ type: 'checkpoints', list: restored?.checkpoints ?? { items: [], more: 0, restricted: false } });
    this.state = {
      experiments: experiments.ok && experiments.message.type === 'experiments' ? experiments.message.experiments : [],
      problems: experiments.ok && experiments.message.type === 'experiments' ? experiments.message.problems : [],
      restricted: experiments.ok && experiments.message.type === 'experiments' && experiments.message.restricted,
      logs: logs.ok && logs.message.type === 'logs' ? logs.message.logs : [],
      checkpoints: checkpoints.ok && checkpoints.message.type === 'checkpoints' ? checkpoints.message.list : { items: [], more: 0, restricted: false },
      runs: restoredRuns(restored?.runs),
      running: restored?.running === true,
      statusText: typeof restored?.statusText === 'string' ? restored.statusText : 'Idle.',
      selected: Array.isArray(restored?.selected) ? restored.selected.filter((id) => typeof id === 'string') : [],
    };
    root.replaceChildren(
      h('section', { 'aria-labelledby': 'experiments-title' }, h('h2', { id: 'experiments-title' }, 'Experiments'), this.filter, this.experimentsList),
      h('section', { 'aria-labelledby': 'logs-title', class: 'logs-section' }, h('h2', { id: 'logs-title' }, 'Training logs'), this.logsList),
      h('section', { 'aria-labelledby': 'checkpoints-title', class: 'checkpoints-section' }, h('h2', { id: 'checkpoints-title' }, 'Checkpoints'), this.checkpointsList),
      h('section', { 'aria-labelledby': 'live-title' }, h('h2', { id: 'live-title' }, 'Live run'), h('div', { class: 'toolbar' }, this.stopButton), this.statusLine, this.liveCharts),
    );
    this.filter.addEventListener('input', () => this.applyFilter());
    this.renderExperiments();
    this.renderLogs();
    this.renderCheckpoints();
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
        this.state.problems = message.problems;
        this.state.restricted = message.restricted;
        this.renderExperiments();
        this.renderLogs();
        break;
      case 'logs':
        this.state.logs = message.logs;
        this.renderLogs();
        break;
      case 'checkpoints':
        this.state.checkpoints = message.list;
        this.renderCheckpoints();
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
    const problems = this.state.problems.map(({ config, problem }) => h('p', { class: 'problem', role: 'alert', title: config }, `${config} trains nothing: ${problem}`));
    if (this.state.experiments.length === 0) {
      const empty = problems.length > 0 ? null : h('p', { class: 'muted' }, 'No experiments. Add a reglens.json to the workspace.');
      this.experimentsList.replaceChildren(...problems, ...(empty ? [empty] : []));
      this.filter.hidden = true;
      return;
    }
    this.filter.hidden = false;
    const compare = button('Compare selected', () => this.post({ type: 'openDashboard', runIds: [...this.state.selected] }), { class: 'compare secondary' });
    const updateCompare = () => {
      compare.disabled = this.state.selected.length < 2;
      compare.textContent = `Compare selected (${this.state.selected.length})`;
    };
    updateCompare();
    // Each experiment names its config file only when the workspace has more than one.
    const severalConfigs = new Set(this.state.experiments.map((e) => e.config)).size > 1;
    this.experimentsList.replaceChildren(
      ...problems,
      ...this.state.experiments.map((experiment) => this.experimentBlock(experiment, severalConfigs, updateCompare)),
      h('div', { class: 'toolbar' }, compare),
    );
    this.applyFilter();
  }

  private experimentBlock(experiment: ExperimentItem, showConfig: boolean, onSelect: () => void): HTMLElement {
    const { name, config, state } = experiment;
    const runs = experiment.runs.map((run) => this.runItem(run, onSelect));
    const tunings = experiment.tunings.map((tuning) =>
      h('li', { 'data-tuning': tuning.id }, button(tuningLine(tuning), () => this.post({ type: 'openTuning', experiment: name, config, id: tuning.id }), { class: 'link line', title: `Open the λ tuning of ${when(tuning.createdAt)}: ${tuningLine(tuning)}` })),
    );
    const older = runs.splice(recentRuns);
    const actions = this.experimentActions(name, config, state);
    return h(
      'div',
      { class: `experiment ${state}`, 'data-experiment': name, 'data-config': config },
      h('div', { class: 'experiment-head' }, h('h3', { title: `${name} (${config})` }, name), ...actions),
      showConfig ? h('p', { class: 'muted config line', title: config }, config) : null,
      experiment.problem === null ? null : h('p', { class: 'problem', title: experiment.problem }, experiment.problem),
      comparisonList(experiment, (message) => this.post(message)),
      runs.length > 0 ? h('ul', { class: 'runs' }, ...runs) : h('p', { class: 'muted' }, 'No runs yet.'),
      older.length > 0 ? h('details', { class: 'older' }, h('summary', {}, `${older.length} older run${older.length === 1 ? '' : 's'}`), h('ul', { class: 'runs' }, ...older)) : null,
      tunings.length > 0 ? h('ul', { class: 'runs tunings' }, ...tunings) : null,
    );
  }

  /** Train and Tune λ for an experiment that can train here, else a badge that says why it cannot. */
  private experimentActions(name: string, config: string, state: ExperimentItem['state']): HTMLElement[] {
    if (state === 'broken') return [h('span', { class: 'badge error' }, 'cannot train')];
    if (state !== 'ready') return [h('span', { class: 'badge' }, 'not in the config')];
    if (this.state.restricted) return [h('span', { class: 'badge', title: 'RegLens trains and tunes only in a trusted workspace' }, 'trust the folder to train')];
    return [
      button('Train', () => this.post({ type: 'train', experiment: name, config }), { class: 'train small', 'aria-label': `Train ${name} of ${config}` }),
      button('Tune λ', () => this.post({ type: 'tune', experiment: name, config }), { class: 'tune small', 'aria-label': `Tune λ of ${name} of ${config}` }),
    ];
  }

  private runItem(run: RunListItem, onSelect: () => void): HTMLElement {
    const box = h('input', { type: 'checkbox', 'aria-label': `Select ${run.label} for comparison`, checked: this.state.selected.includes(run.id) });
    box.addEventListener('change', () => {
      this.state.selected = box.checked ? [...this.state.selected, run.id] : this.state.selected.filter((id) => id !== run.id);
      onSelect();
      this.host.saveState(this.state);
    });
    const line = runLine(run);
    const open = button(line, () => this.post({ type: 'openDashboard', runIds: [run.id] }), { class: 'link line', title: `${line}, ${run.epochs} epochs, ${when(run.createdAt)} (run ${run.id})` });
    return h('li', { 'data-run': run.id }, box, open);
  }

  /** Hides experiments, runs and tunings whose text does not contain the filter's. */
  private applyFilter(): void {
    const text = this.filter.value.trim().toLowerCase();
    const matches = (element: Element) => text === '' || (element.textContent ?? '').toLowerCase().includes(text);
    this.experimentsList.querySelectorAll<HTMLElement>('.experiment').forEach((block) => {
      const head = block.querySelector('.experiment-head');
      const headMatches = head !== null && matches(head);
      let shown = 0;
      block.querySelectorAll<HTMLElement>('li').forEach((item) => {
        item.hidden = !headMatches && !matches(item);
        if (!item.hidden) shown++;
      });
      block.hidden = !headMatches && shown === 0;
      const older = block.querySelector('details');
      if (older && text !== '') older.open = true;
    });
  }

  private renderLogs(): void {
    const logs = this.state.logs;
    const none = this.state.restricted ? 'Restricted Mode: RegLens reads no training logs in an untrusted workspace.' : 'No training logs found (setting reglens.logs.globs).';
    this.logsList.replaceChildren(
      ...(logs.length === 0
        ? [h('p', { class: 'muted' }, none)]
        : [h('ul', { class: 'runs' }, ...logs.map((log) => h('li', { 'data-log': log.path }, button(log.label, () => this.post({ type: 'openLog', path: log.path }), { class: 'link line', title: `Open ${log.label} beside the runs in the dashboard` }))))]),
    );
  }

  private renderCheckpoints(): void {
    this.checkpointsList.replaceChildren(...checkpointList(this.state.checkpoints, (message) => this.post(message)));
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
