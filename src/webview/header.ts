/** The dashboard's header: for each run the objective exactly as trained and its λ in every convention. */
import type { ShownRun } from '../protocol/webview';
import { h } from './dom';
import { formatNumber } from '../protocol/labels';
import { runNames } from './series';

function status(run: ShownRun): string {
  const last = run.epochs.at(-1)?.epoch ?? 0;
  if (!run.summary) return `running, epoch ${last} of ${run.spec.training.epochs}`;
  const { bestEpoch, message, compression } = run.summary;
  const kept = compression.parameters > 0 ? `; ${compression.nonZeros} of ${compression.parameters} weights non-zero` : '';
  return `${message} Best epoch ${bestEpoch} of ${last}${kept}.`;
}

function equivalents(run: ShownRun): HTMLElement {
  const eq = run.lambdaEquivalents;
  const items: [string, number][] = [
    ['λ/2m', eq['2m']],
    ['λ/2', eq.half],
    ['λ (sum)', eq.sum],
    ['PyTorch weight_decay', eq.pytorchWeightDecay],
    ['Keras l1/l2', eq.keras],
  ];
  return h('dl', { class: 'equivalents' }, ...items.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, formatNumber(value))]));
}

function runBlock(run: ShownRun, name: string): HTMLElement {
  const d = run.dataset;
  return h(
    'div',
    { class: 'run-header', 'data-run': run.id },
    h('h2', {}, `${run.experiment}: ${name}`),
    h('p', { class: 'objective' }, h('span', { class: 'label' }, 'Objective '), h('code', {}, run.objective)),
    run.spec.regularization.penalty === 'none' ? null : h('div', { class: 'equivalents-row' }, h('span', { class: 'label' }, 'Same λ in other conventions '), equivalents(run)),
    h('p', { class: 'muted' }, `${d.source}: ${d.trainRows} training rows, ${d.validationRows} validation rows, seed ${run.seed}. ${status(run)}`),
  );
}

export function dashboardHeader(runs: readonly ShownRun[]): HTMLElement {
  const names = runNames(runs);
  return h(
    'div',
    { class: 'runs-header' },
    h('h1', {}, runs.length === 1 ? 'RegLens run' : `Comparing ${runs.length} runs`),
    ...runs.map((run, i) => runBlock(run, names[i])),
  );
}
