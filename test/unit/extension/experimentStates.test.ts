// One broken experiment keeps only itself from training; an error outside every experiment blocks them all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateConfig } from '../../../src/config';
import { experimentStates } from '../../../src/extension/workspace/experimentStates';

const experiment = (name: string, lambda: unknown) => ({ name, data: { dataset: 'iris' }, regularization: { penalty: 'l2', lambda } });

function states(config: object | string) {
  const text = typeof config === 'string' ? config : JSON.stringify(config, null, 2);
  return experimentStates(text, validateConfig(text, null));
}

test('a negative, a textual λ: only their experiments are broken, each with its error; the others train', () => {
  const { usable, broken, fileErrors } = states({ experiments: [experiment('a', 0.01), experiment('b', -5), experiment('c', 'five'), experiment('d', 1)] });
  assert.deepEqual(usable.map((e) => e.name), ['a', 'd']);
  assert.deepEqual(usable.map((e) => e.spec.regularization.lambda), [0.01, 1]);
  assert.deepEqual(broken.map((b) => [b.name, b.index, b.problem.severity]), [['b', 1, 'error'], ['c', 2, 'error']]);
  assert.match(broken[0]!.problem.message, /λ|lambda|0/);
  assert.deepEqual(fileErrors, []);
});

test('a duplicate name blocks both experiments of that name (commands find experiments by name), not the rest', () => {
  const { usable, broken } = states({ experiments: [experiment('dup', 0.1), experiment('ok', 0.1), experiment('dup', 0.2)] });
  assert.deepEqual(usable.map((e) => e.name), ['ok']);
  assert.deepEqual(broken.map((b) => [b.name, b.index, b.problem.code]), [['dup', 0, 'duplicate-name'], ['dup', 2, 'duplicate-name']]);
});

test('an error in defaults blocks every experiment, each listed with that error', () => {
  const { usable, broken, fileErrors } = states({ defaults: { regularization: { lambda: -1 } }, experiments: [experiment('a', 0.1), experiment('b', 0.1)] });
  assert.deepEqual(usable, []);
  assert.equal(fileErrors.length, 1);
  assert.deepEqual(broken.map((b) => [b.name, b.problem]), [['a', fileErrors[0]], ['b', fileErrors[0]]]);
});

test('a syntax error blocks every experiment, even one far from it', () => {
  const text = JSON.stringify({ experiments: [experiment('a', 0.1), experiment('b', 0.1)] }, null, 2).replace('"b"', '"b" "x"');
  const { usable, broken, fileErrors } = states(text);
  assert.deepEqual(usable, []);
  assert.ok(fileErrors.length > 0 && fileErrors.every((p) => p.code.startsWith('syntax.')));
  assert.deepEqual(broken.map((b) => b.name), ['a', 'b']);
});

test('warnings block nothing; a valid file has no broken experiment', () => {
  const { usable, broken } = states({ experiments: [{ ...experiment('a', 0.1), regularization: { penalty: 'l2', lambda: 0.1, l1Ratio: 0.5 } }] });
  assert.deepEqual(usable.map((e) => e.name), ['a']);
  assert.deepEqual(broken, []);
});

test('a key written twice inside one experiment blocks every experiment: the validator checks nothing else then', () => {
  const text = JSON.stringify({ experiments: [experiment('a', 0.1), experiment('b', -1)] }, null, 2).replace('"name": "a",', '"name": "a", "name": "a2",');
  const { usable, fileErrors } = states(text);
  assert.deepEqual(usable, []);
  assert.deepEqual(fileErrors.map((p) => p.code), ['duplicate-key']);
});
