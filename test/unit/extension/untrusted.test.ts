/** Issue 11, item 3: experiment names and objectives never become command links or icons in VS Code's UI. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { outcomeMessage } from '../../../src/extension/features/train/messages';
import { untrusted } from '../../../src/extension/text';
import { fixtureRuns } from '../webview/fixture';

// VS Code's own patterns: links in notifications (vs/base/common/linkedText.ts) and icons in labels (vs/base/common/iconLabels.ts).
const link = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
const icon = /\$\(([a-z.]+\/)?([a-z0-9-]+)(~[a-z]+)?\)/i;
const hostile = '[Open settings](command:workbench.action.openSettings) $(alert) [x](https://example.com)';

test('untrusted text shows as written but is neither a link nor an icon', () => {
  assert.ok(link.test(hostile) && icon.test(hostile), 'the patterns match the raw text');
  const shown = untrusted(hostile);
  assert.ok(!link.test(shown), shown);
  assert.ok(!icon.test(shown), shown);
  assert.equal(shown.replaceAll('\u200b', ''), hostile);
});

test('the notifications of a finished, failed or stopped run never carry a link from the name or the error', () => {
  const [run] = fixtureRuns();
  const record = { ...run!, experiment: hostile };
  for (const outcome of [
    { kind: 'done', record },
    { kind: 'error', message: `cannot read ${hostile}`, record },
    { kind: 'error', message: 'bad', record: null },
    { kind: 'cancelled' },
  ] as const) {
    const text = outcomeMessage(hostile, outcome);
    assert.ok(text.includes('Open settings'), text);
    assert.ok(!link.test(text) && !icon.test(text), text);
  }
});
