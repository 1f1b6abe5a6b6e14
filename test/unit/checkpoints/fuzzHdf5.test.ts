/**
 * Fuzzing the HDF5 reader (h5wasm) as the other readers are fuzzed (fuzz.test.ts): a Keras weights
 * file and a .keras archive with random bytes overwritten, cut short or extended either read (every
 * tensor decoding or refused) or are refused with a CheckpointError naming the file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { CheckpointError, openCheckpoint } from '../../../src/io/checkpoints';
import { fixture } from './fixtures';

/** Overwrites (anywhere, or in the first 4 KB where HDF5's superblock and root group live), truncations, appended bytes. */
function mutated(original: Uint8Array) {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), at: fc.nat({ max: original.length - 1 }), value: fc.nat({ max: 255 }) }),
    fc.record({ kind: fc.constant('set' as const), at: fc.nat({ max: Math.min(original.length - 1, 4096) }), value: fc.nat({ max: 255 }) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat({ max: original.length }), value: fc.constant(0) }),
    fc.record({ kind: fc.constant('append' as const), at: fc.constant(0), value: fc.nat({ max: 255 }) }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => {
    let bytes = Uint8Array.from(original);
    for (const { kind, at, value } of edits) {
      if (kind === 'set') bytes[at] = value;
      else if (kind === 'cut') bytes = bytes.slice(0, at);
      else bytes = Uint8Array.from([...bytes, value]);
    }
    return bytes;
  });
}

for (const name of ['mlp.weights.h5', 'mlp.keras']) {
  test(`fuzz: ${name} mutated is read or refused with a CheckpointError`, async () => {
    const original = new Uint8Array(readFileSync(fixture(name)));
    const dir = mkdtempSync(join(tmpdir(), 'reglens-fuzz-h5-'));
    const path = join(dir, name);
    let refused = 0;
    let read = 0;
    try {
      await fc.assert(
        fc.asyncProperty(mutated(original), async (bytes) => {
          writeFileSync(path, bytes);
          try {
            const checkpoint = await openCheckpoint(path);
            try {
              for (const tensor of checkpoint.tensors) {
                const values = await tensor.read().catch((error: unknown) => {
                  if (!(error instanceof CheckpointError)) throw error;
                  return null;
                });
                if (values !== null) assert.equal(values.length, tensor.shape.reduce((a, b) => a * b, 1));
              }
            } finally {
              await checkpoint.close();
            }
            read++;
          } catch (error) {
            if (!(error instanceof CheckpointError)) throw error;
            assert.ok(error.message.startsWith(path), error.message);
            refused++;
          }
        }),
        { numRuns: 150, seed: 20261130 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.ok(refused > 0 && read > 0, `read ${read}, refused ${refused}`);
  });
}
