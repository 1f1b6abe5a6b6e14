/** Whatever bytes a log holds, reading it gives series and located problems: never a throw or a hang. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { openLog } from '../../../src/io/logs';
import { logFixtures } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'reglens-hostile-'));
const events = readFileSync(join(logFixtures, 'tensorboard', 'tensor', 'events.out.tfevents.1700000001.fixture.2.v2'));

async function readAll(name: string, bytes: Uint8Array) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return (await openLog(path)).read();
}

test('random bytes and damaged event files: every problem has an offset inside the file', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.nat(events.length - 1), fc.integer({ min: 1, max: 255 }), async (noise, at, flip) => {
      const damaged = new Uint8Array(events);
      damaged[at] ^= flip;
      for (const bytes of [noise, damaged, damaged.subarray(0, at)]) {
        const runs = await readAll('events.out.tfevents.1.fuzz', bytes);
        for (const problem of runs.flatMap((r) => r.problems)) {
          assert.ok(problem.offset === null || (problem.offset >= 0 && problem.offset < Math.max(1, bytes.length)), problem.message);
        }
      }
    }),
    { numRuns: 150 },
  );
});

test('random text as a CSV log or a trainer_state.json gives located problems', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ maxLength: 400 }), async (text) => {
      const encoded = new TextEncoder().encode(`epoch,loss,val_loss\n${text}`);
      const [csv] = await readAll('training.log', encoded);
      for (const problem of csv.problems) assert.ok(problem.line !== null && problem.line >= 2, problem.message);
      const [json] = await readAll('trainer_state.json', new TextEncoder().encode(text));
      if (!text.includes('log_history')) assert.equal(json.problems.length, 1, 'not a trainer state: one problem saying so');
    }),
    { numRuns: 150 },
  );
});
