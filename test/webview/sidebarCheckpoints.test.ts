/**
 * The sidebar's Checkpoints section in headless Chromium: entries with their counts, step ranges and
 * logs, buttons named after their entry that post the checked action (by mouse and by keyboard),
 * untrusted names shown as text, Restricted Mode said, theme colours; screenshots in light and dark.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckpointList, CheckpointListItem } from '../../src/protocol/webview';
import { shots, webviewPages } from './harness';
import { themes } from './themes';

const openView = webviewPages(process.cwd());

const item = (fields: Partial<CheckpointListItem> & Pick<CheckpointListItem, 'id' | 'kind' | 'label'>): CheckpointListItem => ({
  checkpoints: 1, unit: 'step', firstStep: null, lastStep: null, path: null, log: null, config: null, actions: ['diagnose', 'compare'], ...fields,
});

const hostile = '<img src=x onerror="document.title=1">gpt-$(rm)';
const list: CheckpointList = {
  items: [
    item({ id: 'external:/ws/reglens.json#gpt-small-wd0.1', kind: 'external', label: 'gpt-small-wd0.1', checkpoints: 4, firstStep: 40, lastStep: 160, path: 'runs/wd0.1', log: 'runs/wd0.1/trainer_state.json', config: 'reglens.json', actions: ['diagnose', 'series', 'compare'] }),
    item({ id: 'external:/ws/reglens.json#x', kind: 'external', label: hostile, checkpoints: 0, path: null, log: 'logs/x.csv', config: 'reglens.json', actions: ['series'] }),
    item({ id: '/ws/steps', kind: 'series', label: 'steps', checkpoints: 3, unit: 'epoch', firstStep: 1, lastStep: 30, actions: ['diagnose', 'series', 'compare'] }),
    item({ id: '/ws/models/base.safetensors', kind: 'file', label: 'models/base.safetensors' }),
  ],
  more: 7,
  restricted: false,
};

test('sidebar: checkpoints list with counts, ranges and logs; each button names its entry and posts its action', async () => {
  for (const theme of ['light', 'dark'] as const) {
    const view = await openView('sidebar', theme, 300);
    await view.send({ type: 'checkpoints', list });
    await view.settle(50);
    const entries = await view.page.$$eval('li.checkpoint', (items) => items.map((li) => Array.from(li.querySelectorAll('.line'), (e) => e.textContent)));
    assert.deepEqual(entries, [
      ['gpt-small-wd0.1', '4 checkpoints · steps 40–160 · runs/wd0.1 in reglens.json', 'log: runs/wd0.1/trainer_state.json'],
      [hostile, 'no checkpoints · in reglens.json', 'log: logs/x.csv'],
      ['steps', '3 checkpoints · epochs 1–30'],
      ['models/base.safetensors', '1 checkpoint'],
    ]);
    // A name is text, never markup.
    assert.equal(await view.page.$$eval('li.checkpoint img', (images) => images.length), 0);
    assert.match(await view.page.$eval('.checkpoints-section .more', (e) => e.textContent ?? ''), /^7 more not listed/);
    const labels = await view.page.$$eval('li.checkpoint button', (buttons) => buttons.map((b) => b.getAttribute('aria-label')));
    assert.deepEqual(labels, [
      'Diagnose gpt-small-wd0.1', 'Series of gpt-small-wd0.1 by step', 'Compare gpt-small-wd0.1 with another checkpoint',
      `Series of ${hostile} by step`,
      'Diagnose steps', 'Series of steps by step', 'Compare steps with another checkpoint',
      'Diagnose models/base.safetensors', 'Compare models/base.safetensors with another checkpoint',
    ]);
    // Every line is one line high at the sidebar's default width; the full text is the tooltip.
    const heights = await view.page.$$eval('li.checkpoint .line', (lines) => lines.map((line) => line.getBoundingClientRect().height / parseFloat(getComputedStyle(line).lineHeight || '16')));
    assert.ok(heights.length === 10 && heights.every((h) => h < 1.9), JSON.stringify(heights));
    // Theme colours: the detail lines are the theme's description colour, the buttons its secondary buttons.
    const colour = (selector: string, property: 'color' | 'backgroundColor') => view.page.$eval(selector, (e, p) => getComputedStyle(e)[p], property);
    const expected = (variable: string) => view.page.evaluate((v) => { const probe = document.createElement('span'); probe.style.color = `var(${v})`; document.body.append(probe); const c = getComputedStyle(probe).color; probe.remove(); return c; }, variable);
    assert.equal(await colour('li.checkpoint .detail', 'color'), await expected('--vscode-descriptionForeground'));
    assert.equal(await colour('li.checkpoint button.diagnose', 'backgroundColor'), await expected('--vscode-button-secondaryBackground'));
    assert.notEqual(themes[theme].variables['--vscode-descriptionForeground'], undefined);
    await view.page.screenshot({ path: `${shots}/sidebar-checkpoints-${theme}.png`, fullPage: true });

    await view.page.click('[data-checkpoint="/ws/steps"] button.compare');
    await view.page.click('[data-checkpoint="/ws/steps"] button.series');
    await view.page.click('[data-checkpoint="/ws/models/base.safetensors"] button.diagnose');
    // By keyboard: Tab from Diagnose reaches Series, and Enter presses it.
    await view.page.focus('[data-checkpoint="external:/ws/reglens.json#gpt-small-wd0.1"] button.diagnose');
    await view.page.keyboard.press('Tab');
    await view.page.keyboard.press('Enter');
    await view.page.keyboard.press('Tab');
    await view.page.keyboard.press('Space');
    assert.deepEqual((await view.posted()).slice(1), [
      { type: 'checkpointAction', action: 'compare', id: '/ws/steps' },
      { type: 'checkpointAction', action: 'series', id: '/ws/steps' },
      { type: 'checkpointAction', action: 'diagnose', id: '/ws/models/base.safetensors' },
      { type: 'checkpointAction', action: 'series', id: 'external:/ws/reglens.json#gpt-small-wd0.1' },
      { type: 'checkpointAction', action: 'compare', id: 'external:/ws/reglens.json#gpt-small-wd0.1' },
    ]);
    assert.deepEqual(await view.problems(), []);
    await view.page.close();
  }
});

test('sidebar: Restricted Mode lists no checkpoints and says why; an empty list names the setting; a malformed list is refused', async () => {
  const view = await openView('sidebar', 'light', 300);
  await view.send({ type: 'checkpoints', list });
  await view.send({ type: 'checkpoints', list: { items: [], more: 0, restricted: true } });
  await view.settle(50);
  assert.equal(await view.page.$$eval('li.checkpoint', (items) => items.length), 0);
  assert.match(await view.page.$eval('.checkpoint-list', (e) => e.textContent ?? ''), /^Restricted Mode: RegLens looks for no checkpoints in an untrusted workspace\.$/);

  await view.send({ type: 'checkpoints', list: { items: [], more: 0, restricted: false } });
  await view.settle(50);
  assert.match(await view.page.$eval('.checkpoint-list', (e) => e.textContent ?? ''), /No checkpoints found \(setting reglens\.checkpoints\.globs\)/);

  // The page checks what it is sent: a list with a wrong field changes nothing and is reported.
  const malformed: Record<string, unknown> = { type: 'checkpoints', list: { ...list, items: [{ ...list.items[0], actions: ['delete'] }] } };
  await view.send(malformed);
  await view.settle(50);
  assert.equal(await view.page.$$eval('li.checkpoint', (items) => items.length), 0);
  const errors = (await view.posted()).filter((m) => m.type === 'error');
  assert.equal(errors.length, 1);
  assert.match(errors[0].type === 'error' ? errors[0].message : '', /message\.list\.items\[0\]\.actions\[0\]/);
  await view.page.close();
});
