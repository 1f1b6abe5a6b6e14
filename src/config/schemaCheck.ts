/**
 * Structural validation driven by media/reglens.schema.json itself, so the schema stays the one
 * source of truth: types, enums, unknown keys, bounds and required keys, each at its exact range.
 */
import type { Node } from 'jsonc-parser';
import type { LineMap, Problem } from './problem';
import { configSchema, resolveSchema, schemaTypes, type JsonType, type SchemaNode } from './schema';
import { closest } from './suggest';

/** The keywords this checker enforces; the schema may use these and annotations only (tested). */
export const enforcedKeywords = [
  '$ref', 'type', 'enum', 'properties', 'required', 'additionalProperties', 'items',
  'minItems', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'oneOf',
];

interface Issue {
  /** Where the mismatch was found. */
  node: Node;
  offset: number;
  length: number;
  code: string;
  message: string;
  /** The accepted types or values, for merging the issues of several `oneOf` forms. */
  allowed?: unknown[];
}

export function checkSchema(root: Node, lines: LineMap): Problem[] {
  return check(root, configSchema).map((i) => ({
    message: i.message,
    severity: 'error',
    range: lines.range(i.offset, i.length),
    code: i.code,
  }));
}

function check(node: Node, schemaRef: SchemaNode): Issue[] {
  const schema = resolveSchema(schemaRef);
  if (schema.oneOf) return checkOneOf(node, schema.oneOf);
  const types = schemaTypes(schema);
  if (types.length > 0 && !types.some((t) => hasType(node, t))) return [typeIssue(node, types)];
  const issues: Issue[] = [];
  if (schema.enum && !schema.enum.includes(node.value)) issues.push(enumIssue(node, schema.enum));
  if (node.type === 'number') issues.push(...checkNumber(node, schema));
  if (node.type === 'string' && schema.minLength !== undefined && node.value.length < schema.minLength) {
    const message = schema.minLength === 1 ? `${name(node)} must not be empty` : `${name(node)} needs at least ${schema.minLength} characters`;
    issues.push(at(node, 'schema.minLength', message));
  }
  if (node.type === 'object') issues.push(...checkObject(node, schema));
  if (node.type === 'array') issues.push(...checkArray(node, schema));
  return issues;
}

function checkObject(node: Node, schema: SchemaNode): Issue[] {
  const properties = schema.properties ?? {};
  const issues: Issue[] = [];
  const present = new Set<string>();
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key) continue;
    const keyName = String(key.value);
    present.add(keyName);
    const propertySchema = properties[keyName];
    if (propertySchema) {
      if (value) issues.push(...check(value, propertySchema));
    } else if (schema.additionalProperties === false) {
      issues.push(unknownPropertyIssue(node, key, Object.keys(properties)));
    }
  }
  for (const required of schema.required ?? []) {
    if (present.has(required)) continue;
    const owner = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    const message = `Missing "${required}" in ${node.parent ? name(node) : 'the file'}`;
    issues.push({ node, offset: owner?.offset ?? node.offset, length: owner?.length ?? 1, code: 'schema.required', message });
  }
  return issues;
}

function checkArray(node: Node, schema: SchemaNode): Issue[] {
  const items = node.children ?? [];
  const issues: Issue[] = [];
  if (schema.minItems !== undefined && items.length < schema.minItems) {
    issues.push(at(node, 'schema.minItems', `${name(node)} needs at least ${schema.minItems} ${schema.minItems === 1 ? 'entry' : 'entries'}`));
  }
  if (schema.items) for (const item of items) issues.push(...check(item, schema.items));
  return issues;
}

function checkNumber(node: Node, schema: SchemaNode): Issue[] {
  const value = node.value as number;
  // JSON text such as 1e309 parses as ±Infinity, which no setting means.
  if (!Number.isFinite(value)) return [at(node, 'schema.finite', `${name(node)} must be a finite number; this one is too large for a double (beyond ±1.8e308)`)];
  const bounds: [number | undefined, (limit: number) => boolean, string, string][] = [
    [schema.minimum, (limit) => value < limit, '≥', 'schema.minimum'],
    [schema.exclusiveMinimum, (limit) => value <= limit, '>', 'schema.minimum'],
    [schema.maximum, (limit) => value > limit, '≤', 'schema.maximum'],
    [schema.exclusiveMaximum, (limit) => value >= limit, '<', 'schema.maximum'],
  ];
  return bounds
    .filter(([limit, violates]) => limit !== undefined && violates(limit))
    .map(([limit, , sign, code]) => at(node, code, `${name(node)} must be ${sign} ${limit}, not ${value}`));
}

/** The first form that fits wins; otherwise the issues of the form the value came closest to. */
function checkOneOf(node: Node, forms: SchemaNode[]): Issue[] {
  const results = forms.map((form) => check(node, form));
  if (results.some((issues) => issues.length === 0)) return [];
  const score = (issues: Issue[]) => issues.filter((i) => isDecisive(i, node)).length * 1000 + issues.length;
  const best = Math.min(...results.map(score));
  const tied = results.filter((issues) => score(issues) === best);
  const first = tied[0][0];
  const mergeable = tied.every((r) => r.length === 1 && r[0].node === first.node && r[0].code === first.code && r[0].allowed);
  if (tied.length > 1 && mergeable) {
    const allowed = tied.flatMap((r) => r[0].allowed ?? []);
    return [first.code === 'schema.type' ? typeIssue(first.node, allowed as JsonType[]) : enumIssue(first.node, allowed)];
  }
  return tied[0];
}

/** Issues that say the value is of another form altogether, not a slip inside the right form. */
function isDecisive(issue: Issue, node: Node): boolean {
  if (issue.node === node) return issue.code === 'schema.type' || issue.code === 'schema.required';
  return issue.code === 'schema.enum' && issue.node.parent?.parent === node;
}

function hasType(node: Node, type: JsonType): boolean {
  if (type === 'integer') return node.type === 'number' && Number.isInteger(node.value);
  return node.type === type;
}

const typeNames: Record<JsonType, string> = {
  object: 'an object', array: 'an array', string: 'a string', number: 'a number',
  integer: 'a whole number', boolean: 'true or false', null: 'null',
};

function typeIssue(node: Node, types: JsonType[]): Issue {
  const expected = [...new Set(types)].map((t) => typeNames[t]).join(' or ');
  const actual = node.type === 'number' || node.type === 'boolean' ? String(node.value) : typeNames[node.type as JsonType];
  return { ...at(node, 'schema.type', `${name(node)} must be ${expected}, not ${actual}`), allowed: types };
}

function enumIssue(node: Node, allowed: unknown[]): Issue {
  const list = allowed.map((v) => JSON.stringify(v)).join(', ');
  const guess = typeof node.value === 'string' ? closest(node.value, allowed.filter((v): v is string => typeof v === 'string')) : undefined;
  const hint = guess ? ` Did you mean "${guess}"?` : '';
  return { ...at(node, 'schema.enum', `${name(node)} must be one of ${list}; not ${JSON.stringify(node.value)}.${hint}`), allowed };
}

function unknownPropertyIssue(object: Node, key: Node, known: string[]): Issue {
  const guess = closest(String(key.value), known);
  const where = object.parent ? ` in ${name(object)}` : ' at the top level';
  const hint = guess ? ` Did you mean "${guess}"?` : known.length > 0 ? ` Allowed: ${known.join(', ')}.` : '';
  return { node: key, offset: key.offset, length: key.length, code: 'schema.unknownProperty', message: `Unknown property "${key.value}"${where}.${hint}` };
}

function at(node: Node, code: string, message: string): Issue {
  return { node, offset: node.offset, length: node.length, code, message };
}

/** How users know a value: by its key, or by its place in an array ("experiments[1]"); the root is "The file". */
function name(node: Node): string {
  return node.parent ? `"${path(node)}"` : 'The file';
}

function path(node: Node): string {
  const parent = node.parent;
  if (parent?.type === 'property') return String(parent.children?.[0].value);
  if (parent?.type === 'array') return `${path(parent)}[${parent.children?.indexOf(node)}]`;
  return '';
}
