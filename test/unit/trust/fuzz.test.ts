/**
 * Property-based: thousands of generated configs, edit sequences and CSV texts. Nothing throws
 * (except a located CsvError), nothing hangs, every accepted config trains on a small budget or is
 * refused with a located message. Seeded, so a failure replays; counts are printed for the note.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkConfig } from '../../../src/config/checked';
import { setLambda, setValue } from '../../../src/config/edit';
import { locateExperiments } from '../../../src/config/locate';
import { createNodeHost } from '../../../src/config/nodeHost';
import type { Problem } from '../../../src/config/problem';
import { validateConfig } from '../../../src/config/validate';
import { CsvError, CsvParser, csvHeader } from '../../../src/core/data/csv';
import type { Dataset } from '../../../src/core/data/dataset';
import { train } from '../../../src/core/trainer';
import { DataFileError, prepareData } from '../../../src/io/datasets';
import { repoRoot } from '../paths';

const seed = 20261129;
const mediaDir = join(repoRoot, 'media');
const guard = { timeout: 600_000 };

const root = mkdtempSync(join(tmpdir(), 'reglens-fuzz-'));
const workspace = join(root, 'ws');
mkdirSync(join(workspace, 'folder.csv'), { recursive: true });
writeFileSync(join(root, 'outside.csv'), 'SECRET,y\n1,0\n2,1\n');
writeFileSync(join(workspace, 'good.csv'), ['a,b,y', ...Array.from({ length: 30 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2}`)].join('\n'));
writeFileSync(join(workspace, 'flat.csv'), ['a,flat,y', ...Array.from({ length: 30 }, (_, i) => `${i * 0.25},1,${(i * 1.5) % 4}`)].join('\r'));
writeFileSync(join(workspace, 'bad.csv'), 'a,b,y\n1,2,0\n3,x,1\n');
symlinkSync(join(root, 'outside.csv'), join(workspace, 'link.csv'));
test.after(() => rmSync(root, { recursive: true, force: true }));
const host = createNodeHost({ workspaceFolder: workspace, configDir: workspace });

/** Every problem lies inside the text and says something. */
function assertLocated(problems: Problem[], text: string): void {
  for (const p of problems) {
    assert.ok(p.range.offset >= 0 && p.range.offset + p.range.length <= text.length, `${p.code} outside the text`);
    assert.ok(p.message.length > 0 && p.code.length > 0);
  }
}

// INF stands for a literal 1e309 in the text, which JSON.stringify cannot write.
const INF = '"__1e309__"';
const anyLeaf = fc.oneof(fc.double(), fc.constantFrom(-1, 1e300, 4294967297, '__1e309__', 1.5), fc.string({ maxLength: 4 }), fc.boolean(), fc.constant(null));
/** Mostly a fitting value, now and then a wrong one: a config with a slip or two is the common case. */
const slip = <T>(good: fc.Arbitrary<T>, ...bad: unknown[]) =>
  fc.oneof({ weight: 40, arbitrary: good as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: bad.length > 0 ? fc.constantFrom(...bad) : anyLeaf });
const fraction = (max = 1) => fc.double({ min: 0, max, noNaN: true, maxExcluded: true });
const positive = slip(fc.constantFrom(1e-3, 0.01, 0.05, 0.5, 1, 1e6), 0, -1, '__1e309__');
const seedValue = slip(fc.integer({ min: 0, max: 2 ** 32 - 1 }), -1, 4294967296, 1.5);
const sparse = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record(model, { requiredKeys: [] });

const split = { validation: slip(fc.constantFrom(0, 0.1, 0.2, 0.5, 0.9, 0.99), 1, -0.1), standardize: fc.boolean(), seed: seedValue };
const data = fc.oneof(
  fc.record({ dataset: slip(fc.constantFrom('iris', 'wine', 'breast_cancer', 'diabetes'), 'mnist'), ...split }, { requiredKeys: ['dataset'] }),
  fc.record(
    {
      dataset: fc.constantFrom('moons', 'circles', 'spiral', 'xor', 'blobs', 'polynomial'),
      samples: slip(fc.integer({ min: 4, max: 120 }), 3, 1e7),
      noise: slip(fraction(2), -1, '__1e309__'),
      features: slip(fc.integer({ min: 1, max: 6 }), 0),
      classes: slip(fc.integer({ min: 2, max: 5 }), 1),
      ...split,
    },
    { requiredKeys: ['dataset'] },
  ),
  fc.record(
    {
      csv: slip(fc.constantFrom('good.csv', 'flat.csv', 'bad.csv'), '../outside.csv', 'link.csv', 'folder.csv', 'none.csv', 'a\u0000b.csv', 'x'.repeat(5000), ''),
      target: slip(fc.constantFrom('y', 'a', 'flat'), 'nope', ''),
      task: slip(fc.constantFrom('auto', 'regression', 'classification'), 'binary'),
      ...split,
    },
    { requiredKeys: ['csv', 'target'] },
  ),
);

const experiment = fc.record(
  {
    name: slip(fc.string({ minLength: 1, maxLength: 6 }), '', '\ud800', '\udc00', 42),
    data,
    model: sparse({
      hidden: slip(fc.array(slip(fc.integer({ min: 1, max: 12 }), 0), { maxLength: 3 })),
      activation: slip(fc.constantFrom('relu', 'tanh', 'sigmoid', 'leakyRelu', 'linear'), 'gelu'),
    }),
    training: sparse({
      epochs: slip(fc.integer({ min: 1, max: 3 }), 0, 1e9),
      batchSize: slip(fc.integer({ min: 0, max: 64 }), -1),
      optimizer: slip(fc.constantFrom('sgd', 'momentum', 'adam', 'adamw', 'fista'), 'lbfgs'),
      learningRate: positive,
      seed: seedValue,
      earlyStopping: fc.option(sparse({ patience: slip(fc.integer({ min: 1, max: 3 }), 0), minDelta: slip(fraction(), -1), restoreBest: fc.boolean() })),
      divergenceFactor: slip(fc.constantFrom(2, 10, 1e4), '__1e309__', 0.5),
    }),
    regularization: sparse({
      penalty: slip(fc.constantFrom('none', 'l1', 'l2', 'elasticNet'), 'l3'),
      lambda: slip(fc.constantFrom(0, 1e-4, 0.01, 1, 100, 1e6, 1e300), -1, '__1e309__'),
      scale: slip(fc.constantFrom('2m', 'half', 'sum'), 'm'),
      l1Ratio: slip(fraction(), 2),
      applyToBias: fc.boolean(),
      weightDecay: slip(fc.constantFrom(0, 1e-4, 0.1), -1, '__1e309__'),
    }),
    diagnostics: sparse({ sparsityEpsilon: slip(fc.constantFrom(0, 1e-6, 0.1), '__1e309__'), histogramBins: slip(fc.integer({ min: 2, max: 40 }), 1) }),
  },
  { requiredKeys: ['name', 'data'] },
);

/** A config text: generated experiments, sometimes with a key written twice or a BOM-free odd spacing. */
const configText = fc
  .tuple(fc.array(experiment, { minLength: 1, maxLength: 2 }), fc.constantFrom('none', 'none', 'none', 'duplicate', 'comment'))
  .map(([experiments, twist]) => {
    let text = JSON.stringify({ experiments }, null, 1).replaceAll(INF, '1e309');
    if (twist === 'duplicate') text = text.replace(/"name": ("[^"]*")/, '"name": $1, "name": "other"');
    if (twist === 'comment') text = `// generated\n${text.replace(/\n/g, ' /* c */\n')}`;
    return text;
  });

const counts = { configs: 0, accepted: 0, experimentsTrained: 0, texts: 0, refusedAtLoad: 0, refused: 0, editSequences: 0, edits: 0, editsRefused: 0, csvTexts: 0, csvRead: 0, csvRefused: 0 };
/** Refused configs' error codes, to see that the generator reaches every check. */
const refusals = new Map<string, number>();
test.after(() => console.log(`# fuzz counts ${JSON.stringify(counts)}; refusals by code ${JSON.stringify(Object.fromEntries(refusals))}`));

test('fuzz: generated configs validate without a throw; accepted ones train on a small budget or are refused with a location', guard, async () => {
  await fc.assert(
    fc.asyncProperty(configText, async (text) => {
      counts.configs++;
      const { problems, experiments } = checkConfig(text, host);
      assertLocated(problems, text);
      if (problems.some((p) => p.severity === 'error')) {
        counts.refused++;
        for (const p of problems) if (p.severity === 'error') refusals.set(p.code, (refusals.get(p.code) ?? 0) + 1);
        assert.deepEqual(experiments, []);
        return;
      }
      counts.accepted++;
      for (const e of experiments) {
        let prepared;
        try {
          prepared = await prepareData(e.data, { configDir: workspace, mediaDir });
        } catch (error) {
          // The config check cannot see inside a CSV's rows: such a file is refused at its line and column;
          // nor count a file's rows: a split that leaves none for training is refused naming the setting.
          const located = error instanceof DataFileError && error.row > 0;
          assert.ok(located || /^validation [\d.e-]+ of \d+ rows leaves none for training$/.test(String((error as Error).message)), `not a located refusal: ${String(error)}`);
          counts.refusedAtLoad++;
          continue;
        }
        const result = train(e.spec, prepared.data);
        assert.ok(result.epochs.length <= e.spec.training.epochs && result.message.length > 0);
        counts.experimentsTrained++;
      }
    }),
    { seed, numRuns: 1000 },
  );
  assert.ok(counts.accepted > 100, `only ${counts.accepted} accepted configs: the generator needs to reach training`);
});

test('fuzz: arbitrary text and JSON values never make the validator throw', guard, () => {
  const texts = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.json({ maxDepth: 6 }),
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify({ experiments: [value], defaults: value })),
    fc.integer({ min: 60, max: 5000 }).map((depth) => `{"experiments":${'['.repeat(depth)}`),
  );
  fc.assert(
    fc.property(texts, (text) => {
      counts.texts++;
      assertLocated(validateConfig(text, host), text);
    }),
    { seed, numRuns: 3000 },
  );
});

/** An edit a user makes while typing, or one RegLens makes (Apply λ). */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '1e309', '-', '// x\n', '/*', '\uFEFF', '\u0000', '"csv": "../x.csv"', '"name": "a"') }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('lambda' as const), value: fc.constantFrom(0, 0.5, 1e-12, 1e300) }),
  fc.record({ kind: fc.constant('set' as const), index: fc.nat(4), value: anyLeaf }),
);

type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(text: string, change: Edit): string {
  switch (change.kind) {
    case 'insert': {
      const at = change.at % (text.length + 1);
      return text.slice(0, at) + change.text + text.slice(at);
    }
    case 'delete': {
      const at = change.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + change.length);
    }
    default:
      try {
        if (change.kind === 'set') return setValue(text, ['experiments', change.index, 'training', 'epochs'], change.value);
        // Apply λ is offered only above an experiment the file still has.
        return locateExperiments(text).some((e) => e.name === 'digits-l2') ? setLambda(text, 'digits-l2', change.value) : text;
      } catch (error) {
        // A parent on the path that is not an object: the edit is refused, naming the path; the text stays.
        assert.match((error as Error).message, /^Cannot set experiments\.\d\.(training\.epochs|regularization\.lambda) in this file: /);
        counts.editsRefused++;
        return text;
      }
  }
}

test('fuzz: edit sequences on the example config never make the validator throw', guard, () => {
  const example = readFileSync(join(mediaDir, 'example.reglens.json'), 'utf8');
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (changes) => {
      counts.editSequences++;
      let text = example;
      for (const change of changes) {
        text = applyEdit(text, change);
        counts.edits++;
        assertLocated(validateConfig(text, host), text);
      }
    }),
    { seed, numRuns: 500 },
  );
});

const hostileCell = fc.oneof(
  fc.constantFrom('', 'NA', '?', 'nan', '"a,b"', '"x""y"', '"unclosed', 'abc', '1e39', '-0', ' 3 ', '\uFEFF', '0x10', 'Infinity', '"line\nbreak"', '"\r"'),
  fc.string({ maxLength: 5 }),
);
const numberCell = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 }).map(String), fc.integer({ min: -3, max: 3 }).map(String));
/** Mostly numbers (so many texts read to a table), now and then anything. */
const cell = fc.oneof({ weight: 25, arbitrary: numberCell }, { weight: 1, arbitrary: hostileCell });
const row = fc.oneof({ weight: 12, arbitrary: fc.array(cell, { minLength: 3, maxLength: 3 }) }, { weight: 1, arbitrary: fc.array(cell, { minLength: 1, maxLength: 4 }) });
const csvText = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.array(row, { minLength: 0, maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.constantFrom('a,b,y', '"a",b ,y', 'a,a,y', 'a,"b\nc",y', ',,y'))
      .map(([rows, eol, bom, header]) => (bom ? '\uFEFF' : '') + [header, ...rows.map((r) => r.join(','))].join(eol)),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => new TextDecoder().decode(bytes)) },
);

type Parsed = { dataset: Dataset } | { error: string };

function parse(text: string, cuts: number[], task: 'auto' | 'regression' | 'classification'): Parsed {
  const parser = new CsvParser({ target: 'y', task });
  let from = 0;
  try {
    for (const cut of [...cuts.map((c) => c % (text.length + 1))].sort((a, b) => a - b)) {
      parser.feed(text.slice(from, cut));
      from = cut;
    }
    parser.feed(text.slice(from));
    return { dataset: parser.finish() };
  } catch (error) {
    assert.ok(error instanceof CsvError, `not a CsvError: ${String(error)}`);
    assert.ok(error.row >= 1 && error.column >= 0);
    return { error: error.message };
  }
}

test('fuzz: CSV texts and bytes, cut into any chunks, read to a consistent table or a located CsvError', guard, () => {
  fc.assert(
    fc.property(csvText, fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom('auto', 'regression', 'classification') as fc.Arbitrary<'auto' | 'regression' | 'classification'>, (text, cuts, task) => {
      counts.csvTexts++;
      const whole = parse(text, [], task);
      const chunked = parse(text, cuts, task);
      assert.deepEqual(chunked, whole, 'chunking changes nothing');
      if ('error' in whole) {
        counts.csvRefused++;
        return;
      }
      counts.csvRead++;
      const { x, y, rows, features, featureNames } = whole.dataset;
      assert.equal(x.length, rows * features);
      assert.equal(y.length, rows);
      assert.ok(x.every(Number.isFinite) && y.every(Number.isFinite));
      const header = csvHeader(text, true);
      assert.deepEqual(header?.filter((name) => name !== 'y'), featureNames, 'the config check reads the header the loader reads');
    }),
    { seed, numRuns: 4000 },
  );
});
