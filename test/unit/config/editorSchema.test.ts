// Issue 16 item 3: the schema VS Code validates with checks nothing, so a fault gets RegLens's error only, never a second warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fullSchema from '../../../media/reglens.schema.json';

const editorSchema = JSON.parse(readFileSync(join(process.cwd(), 'dist/reglens.editor.schema.json'), 'utf8')) as object;
const validating = ['type', 'enum', 'required', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'minItems', 'oneOf'];

/** Every [path, keyword, value] of a schema, where keys of `properties`/`definitions` are names, not keywords. */
function entries(node: unknown, path = ''): [string, string, unknown][] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [];
  return Object.entries(node).flatMap(([key, value]): [string, string, unknown][] => {
    if (key === 'properties' || key === 'definitions') return Object.entries(value as object).flatMap(([name, child]) => entries(child, `${path}/${key}/${name}`));
    if (key === 'items' || key === 'additionalProperties') return [[path, key, value], ...entries(value, `${path}/${key}`)];
    if (key === 'anyOf' || key === 'oneOf') return [[path, key, value], ...(value as unknown[]).flatMap((child, i) => entries(child, `${path}/anyOf/${i}`))];
    return [[path, key, value]];
  });
}

test('the editor schema has no keyword that validates, and no additionalProperties: false', () => {
  const found = entries(editorSchema).filter(([, key, value]) => validating.includes(key) || (key === 'additionalProperties' && value === false));
  assert.deepEqual(found, []);
});

test('it keeps every property, description and default of the full schema for completion and hovers', () => {
  const kept = (schema: unknown) => new Set(entries(schema).filter(([, key]) => ['description', 'markdownDescription', 'default'].includes(key)).map(([path, key, value]) => `${path.replace(/\/oneOf\//g, '/anyOf/')} ${key} ${JSON.stringify(value)}`));
  const full = kept(fullSchema);
  const editor = kept(editorSchema);
  assert.ok(full.size > 100, `${full.size} descriptions and defaults`);
  assert.deepEqual([...full].filter((entry) => !editor.has(entry)), []);
});

test('enum values and booleans stay suggestions (examples)', () => {
  const examples = (path: string) => entries(editorSchema).find(([p, key]) => p === path && key === 'examples')?.[2];
  assert.deepEqual(examples('/definitions/regularization/properties/penalty'), ['none', 'l1', 'l2', 'elasticNet']);
  assert.deepEqual(examples('/definitions/regularization/properties/applyToBias'), [true, false]);
});
