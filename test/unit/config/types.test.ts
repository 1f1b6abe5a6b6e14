/**
 * The schema is the source of truth for the config's shape: these tests read src/config/types.ts
 * (and through it the unions of src/core/spec.ts) with the TypeScript compiler and compare them to
 * media/reglens.schema.json, and compare the schema's defaults with the ones the code applies.
 * Run from the repository root (npm scripts do).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as TS from 'typescript';
import schemaJson from '../../../media/reglens.schema.json';
import { enforcedKeywords } from '../../../src/config/schemaCheck';
import { experimentSpecs } from '../../../src/config/toSpec';

interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  default?: unknown;
  description?: string;
  examples?: unknown[];
  definitions?: Record<string, Schema>;
}

const schema = schemaJson as unknown as Schema;
const ts = createRequire(join(process.cwd(), 'package.json'))('typescript') as typeof TS;

function resolve(node: Schema, root: Schema = schema): Schema {
  return node.$ref ? resolve(root.definitions![node.$ref.replace('#/definitions/', '')], root) : node;
}

function typesOf(node: Schema): string[] {
  return node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
}

let loaded: { checker: TS.TypeChecker; type: TS.Type } | undefined;

/** The type ReglensConfig as the compiler sees it (built once: it takes a couple of seconds). */
function loadConfigType(): { checker: TS.TypeChecker; type: TS.Type } {
  if (loaded) return loaded;
  const file = join(process.cwd(), 'src/config/types.ts');
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ES2022,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  const symbol = checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'ReglensConfig')!;
  loaded = { checker, type: checker.getDeclaredTypeOfSymbol(symbol) };
  return loaded;
}

/** Differences between a schema node and a TypeScript type, as readable lines. */
function differences(checker: TS.TypeChecker, root: Schema, node: Schema, type: TS.Type, path: string): string[] {
  const s = resolve(node, root);
  const members = (type.isUnion() ? type.types : [type]).filter((t) => !(t.flags & ts.TypeFlags.Undefined));
  if (s.oneOf) {
    const out = s.oneOf.length === members.length ? [] : [`${path}: ${s.oneOf.length} schema forms, ${members.length} TS members`];
    s.oneOf.forEach((form, i) => {
      if (!members.some((m) => differences(checker, root, form, m, path).length === 0)) out.push(`${path}: schema form ${i} has no matching TS type`);
    });
    return out;
  }
  const types = typesOf(s);
  const isNull = (t: TS.Type) => (t.flags & ts.TypeFlags.Null) !== 0;
  if (types.includes('null') !== members.some(isNull)) return [`${path}: null allowed in one and not the other`];
  const rest = members.filter((t) => !isNull(t));
  if (s.enum) {
    const literals = rest.map((t) => (t.isStringLiteral() ? t.value : `<${checker.typeToString(t)}>`)).sort();
    const values = [...s.enum].map(String).sort();
    return JSON.stringify(literals) === JSON.stringify(values) ? [] : [`${path}: schema enum ${values} vs TS ${literals}`];
  }
  const main = types.filter((t) => t !== 'null')[0];
  const all = (flag: TS.TypeFlags) => rest.length > 0 && rest.every((t) => (t.flags & flag) !== 0);
  switch (main) {
    case 'string':
      return all(ts.TypeFlags.StringLike) ? [] : [`${path}: schema string, TS ${checker.typeToString(type)}`];
    case 'number':
    case 'integer':
      return all(ts.TypeFlags.NumberLike) ? [] : [`${path}: schema number, TS ${checker.typeToString(type)}`];
    case 'boolean':
      return all(ts.TypeFlags.BooleanLike) ? [] : [`${path}: schema boolean, TS ${checker.typeToString(type)}`];
    case 'array':
      if (rest.length !== 1 || !checker.isArrayType(rest[0])) return [`${path}: schema array, TS ${checker.typeToString(type)}`];
      return differences(checker, root, s.items!, checker.getTypeArguments(rest[0] as TS.TypeReference)[0], `${path}[]`);
    case 'object': {
      if (rest.length !== 1) return [`${path}: schema object, TS ${checker.typeToString(type)}`];
      const props = checker.getPropertiesOfType(rest[0]);
      const inSchema = Object.keys(s.properties ?? {});
      const out = [
        ...inSchema.filter((k) => !props.some((p) => p.name === k)).map((k) => `${path}.${k}: in the schema only`),
        ...props.filter((p) => !inSchema.includes(p.name)).map((p) => `${path}.${p.name}: in TypeScript only`),
      ];
      for (const prop of props.filter((p) => inSchema.includes(p.name))) {
        const optional = (prop.flags & ts.SymbolFlags.Optional) !== 0;
        if (optional === (s.required ?? []).includes(prop.name)) out.push(`${path}.${prop.name}: required in one, optional in the other`);
        out.push(...differences(checker, root, s.properties![prop.name], checker.getTypeOfSymbol(prop), `${path}.${prop.name}`));
      }
      return out;
    }
    default:
      return [`${path}: schema without a type`];
  }
}

test('every schema property, type, enum and required key matches the TypeScript types', () => {
  const { checker, type } = loadConfigType();
  assert.deepEqual(differences(checker, schema, schema, type, 'config'), []);
});

test('the comparison notices a schema that drifts from the types', () => {
  const { checker, type } = loadConfigType();
  const drifted = structuredClone(schema);
  drifted.definitions!.training.properties!.optimizer.enum!.push('lbfgs');
  delete drifted.definitions!.model.properties!.init;
  drifted.definitions!.experiment.required = ['name'];
  const found = differences(checker, drifted, drifted, type, 'config');
  assert.ok(found.some((d) => d.includes('optimizer') && d.includes('lbfgs')), found.join('\n'));
  assert.ok(found.some((d) => d.endsWith('.init: in TypeScript only')), found.join('\n'));
  assert.ok(found.some((d) => d.endsWith('.data: required in one, optional in the other')), found.join('\n'));
});

/** Every property schema with its path, through $refs and oneOf forms. */
function allProperties(node: Schema, path: string, out: { path: string; node: Schema; required: boolean }[] = []) {
  const s = resolve(node);
  for (const [key, child] of Object.entries(s.properties ?? {})) {
    out.push({ path: `${path}.${key}`, node: resolve(child), required: (s.required ?? []).includes(key) });
    allProperties(child, `${path}.${key}`, out);
  }
  if (s.items) allProperties(s.items, `${path}[]`, out);
  s.oneOf?.forEach((form) => allProperties(form, path, out));
  return out;
}

test('every property has a description, and a default unless it is required (then examples)', () => {
  const missing = allProperties(schema, 'config')
    .filter(({ path }) => path !== 'config.$schema')
    .filter(({ node, required }) => !node.description || (required ? !node.examples : !('default' in node)))
    .map(({ path }) => path);
  assert.deepEqual(missing, []);
});

test('the schema uses only keywords the validator enforces, plus annotations', () => {
  const annotations = ['$schema', '$id', 'title', 'description', 'markdownDescription', 'default', 'examples', 'enumDescriptions', 'markdownEnumDescriptions', 'definitions', 'allowComments', 'allowTrailingCommas'];
  const used = new Set<string>();
  const visit = (node: Schema) => {
    Object.keys(node).forEach((k) => used.add(k));
    Object.values(node.properties ?? {}).forEach(visit);
    Object.values(node.definitions ?? {}).forEach(visit);
    node.oneOf?.forEach(visit);
    if (node.items) visit(node.items);
  };
  visit(schema);
  const unknown = [...used].filter((k) => !enforcedKeywords.includes(k) && !annotations.includes(k));
  assert.deepEqual(unknown, []);
});

test("the schema's defaults are the defaults the code applies", () => {
  const minimal = (data: object) =>
    experimentSpecs({ experiments: [{ name: 'x', data: data as { dataset: 'moons' } }] })[0];
  const synthetic = minimal({ dataset: 'moons' });
  const csv = minimal({ csv: 'a.csv', target: 'y' });
  const withEarlyStopping = experimentSpecs({ experiments: [{ name: 'x', data: { dataset: 'iris' }, training: { earlyStopping: {} } }] })[0];
  const applied: Record<string, unknown> = {
    ...prefix('model', synthetic.spec.model),
    ...prefix('training', synthetic.spec.training),
    ...prefix('regularization', synthetic.spec.regularization),
    ...prefix('diagnostics', synthetic.spec.diagnostics),
    ...prefix('tuning', synthetic.tuning),
    ...prefix('training.earlyStopping', withEarlyStopping.spec.training.earlyStopping!),
    ...prefix('syntheticData', synthetic.data),
    ...prefix('csvData', csv.data),
  };
  const sections = ['model', 'training', 'regularization', 'diagnostics', 'tuning', 'syntheticData', 'csvData'];
  let compared = 0;
  for (const section of sections) {
    for (const { path, node } of allProperties(schema.definitions![section], section)) {
      if (!('default' in node)) continue;
      assert.deepEqual(node.default, applied[path], path);
      compared++;
    }
  }
  assert.ok(compared >= 30, `only ${compared} defaults compared`);
});

function prefix(section: string, values: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`${section}.${k}`, v]));
}
