/** The sidebar's Checkpoints section: external models, series and files, each with Diagnose, Series and Compare…. */
import type { CheckpointAction, CheckpointList, CheckpointListItem, FromWebview } from '../protocol/webview';
import { button, h } from './dom';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** E.g. "4 checkpoints · steps 40–160". */
function countLine({ checkpoints, unit, firstStep, lastStep }: CheckpointListItem): string {
  const range = firstStep === null || lastStep === null ? '' : firstStep === lastStep ? ` · ${unit} ${firstStep}` : ` · ${unit}s ${firstStep}–${lastStep}`;
  return checkpoints === 0 ? 'no checkpoints' : `${plural(checkpoints, 'checkpoint')}${range}`;
}

const actionLabels: Record<CheckpointAction, { text: string; aria: (name: string) => string; title: string }> = {
  diagnose: { text: 'Diagnose', aria: (name) => `Diagnose ${name}`, title: 'Weight diagnostics in the checkpoint editor (a series: its latest checkpoint)' },
  series: { text: 'Series', aria: (name) => `Series of ${name} by step`, title: 'Norms, sparsity and α by step in the dashboard' },
  compare: { text: 'Compare…', aria: (name) => `Compare ${name} with another checkpoint`, title: 'Per-layer ‖W₁ − W₀‖ / ‖W₀‖ against another checkpoint (a series: its first against its latest)' },
};

function entry(item: CheckpointListItem, post: (message: FromWebview) => void): HTMLElement {
  const buttons = item.actions.map((action) =>
    button(actionLabels[action].text, () => post({ type: 'checkpointAction', action, id: item.id }), { class: `small ${action}`, 'aria-label': actionLabels[action].aria(item.label), title: actionLabels[action].title }),
  );
  const where = item.kind === 'external' ? [item.path, item.config && `in ${item.config}`].filter(Boolean).join(' ') : '';
  const detail = [countLine(item), where].filter((part) => part !== '').join(' · ');
  return h(
    'li',
    { class: `checkpoint ${item.kind}`, 'data-checkpoint': item.id },
    h('p', { class: 'name line', title: item.label }, item.label),
    h('p', { class: 'muted line detail', title: detail }, detail),
    item.log === null ? null : h('p', { class: 'muted line log', title: `log: ${item.log}` }, `log: ${item.log}`),
    buttons.length > 0 ? h('div', { class: 'checkpoint-actions' }, ...buttons) : null,
  );
}

export function checkpointList(list: CheckpointList, post: (message: FromWebview) => void): HTMLElement[] {
  if (list.restricted) return [h('p', { class: 'muted' }, 'Restricted Mode: RegLens looks for no checkpoints in an untrusted workspace.')];
  if (list.items.length === 0) return [h('p', { class: 'muted' }, 'No checkpoints found (setting reglens.checkpoints.globs) and no external models in the config.')];
  const external = list.items.filter((item) => item.kind === 'external');
  const found = list.items.filter((item) => item.kind !== 'external');
  const parts: (HTMLElement | null)[] = [
    external.length > 0 ? h('ul', { class: 'checkpoints', 'aria-label': 'External models of the config files' }, ...external.map((item) => entry(item, post))) : null,
    found.length > 0 ? h('ul', { class: 'checkpoints', 'aria-label': 'Checkpoints in the workspace' }, ...found.map((item) => entry(item, post))) : null,
    list.more > 0 ? h('p', { class: 'muted more' }, `${list.more} more not listed: open them from the Explorer or with Diagnose Checkpoint…`) : null,
  ];
  return parts.filter((element): element is HTMLElement => element !== null);
}
