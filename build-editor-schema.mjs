// Writes dist/reglens.editor.schema.json, the schema VS Code's JSON support gets for reglens.json
// (package.json's jsonValidation): media/reglens.schema.json without anything that validates, so
// the editor keeps completion and hovers while RegLens alone reports problems, once each and as
// errors where they keep an experiment from training (VS Code would add its own warning at the same
// place). Enums and booleans stay as suggestions (`examples`); esbuild.mjs runs it on every build.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

/** Keywords that only validate: RegLens's own check reads them from the full schema. */
const validating = new Set(['type', 'enum', 'required', 'additionalProperties', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'minItems', 'oneOf']);

const mapValues = (object, f) => Object.fromEntries(Object.entries(object).map(([key, value]) => [key, f(value)]));

/** The completion-only form of a schema node. */
export function editorSchema(node) {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (validating.has(key)) continue;
    if (key === 'properties' || key === 'definitions') out[key] = mapValues(value, editorSchema);
    else if (key === 'items' || key === 'not') out[key] = editorSchema(value);
    else if (key === 'anyOf' || key === 'allOf') out[key] = value.map(editorSchema);
    else out[key] = value;
  }
  // Alternatives without their checks all match: oneOf would report "matches multiple schemas".
  if (node.oneOf) out.anyOf = node.oneOf.map(editorSchema);
  if (typeof node.additionalProperties === 'object') out.additionalProperties = editorSchema(node.additionalProperties);
  const types = [node.type ?? []].flat();
  const suggestions = [...(node.examples ?? []), ...(node.enum ?? []), ...(types.includes('boolean') ? [true, false] : [])];
  if (suggestions.length > 0) out.examples = [...new Map(suggestions.map((value) => [JSON.stringify(value), value])).values()];
  // Without `type` a property would complete as `"key": ` alone; the snippet keeps `{}` and `[]`.
  if (types.length === 1 && (types[0] === 'object' || types[0] === 'array') && node.default === undefined && !node.defaultSnippets) {
    out.defaultSnippets = [{ body: types[0] === 'object' ? {} : [] }];
  }
  return out;
}

export function buildEditorSchema() {
  const schema = JSON.parse(readFileSync('media/reglens.schema.json', 'utf8'));
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/reglens.editor.schema.json', JSON.stringify(editorSchema(schema), null, 1) + '\n');
}
