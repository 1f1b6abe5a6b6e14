import { test } from 'node:test';
import assert from 'node:assert/strict';
import { experimentFolder, newRunId, runIdPattern } from '../../../src/io/runNames';

test('experiment folders are safe on every file system and decode back to the name', () => {
  assert.equal(experimentFolder('digits-l2_b'), 'digits-l2_b');
  assert.equal(experimentFolder('digits l2'), 'digits%20l2');
  assert.equal(experimentFolder('..'), '%2E%2E');
  assert.equal(experimentFolder('a/b\\c:d'), 'a%2Fb%5Cc%3Ad');
  assert.equal(experimentFolder('CON'), '%43ON');
  assert.equal(experimentFolder('com1'), '%63om1');
  for (const name of ['λ = 0.1 (L2)', 'trailing dot.', '100%', 'é']) {
    assert.match(experimentFolder(name), /^[A-Za-z0-9_%-]+$/);
    assert.equal(decodeURIComponent(experimentFolder(name)), name);
  }
  assert.throws(() => experimentFolder(''), /non-empty/);
});

test('long experiment names are cut and keep distinct folders', () => {
  const a = experimentFolder('λ'.repeat(80) + 'a');
  const b = experimentFolder('λ'.repeat(80) + 'b');
  assert.ok(a.length <= 110, a);
  assert.notEqual(a, b);
  assert.match(a, /^(%[0-9A-F]{2})+~[0-9a-f]{8}$/);
});

test('run ids sort by time and do not collide', () => {
  const times = ['2026-01-02T03:04:05.006Z', '2026-01-02T03:04:05.007Z', '2026-01-02T03:04:06.000Z', '2026-11-23T00:00:00.000Z'];
  const ids = times.map((t) => newRunId(new Date(t)));
  assert.deepEqual([...ids].sort(), ids);
  assert.equal(newRunId(new Date(times[0]!), () => 0.5), '20260102-030405-006-8000');
  for (const id of ids) assert.match(id, runIdPattern);
  const sameMoment = new Set(Array.from({ length: 50 }, () => newRunId(new Date(times[0]!))));
  assert.ok(sameMoment.size > 40);
});
