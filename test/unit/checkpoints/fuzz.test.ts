/**
 * Fuzzing the readers: valid fixtures with random bytes overwritten, cut short or extended must
 * either read (and every tensor either decode or be refused) or be refused with a CheckpointError
 * naming the file: never another exception, a hang or an unbounded allocation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { CheckpointError } from '../../../src/io/checkpoints';
import { memorySource } from '../../../src/io/checkpoints/byteSource';
import { readSafetensors } from '../../../src/io/checkpoints/safetensors';
import { readTorch } from '../../../src/io/checkpoints/torch';
import type { TensorEntry } from '../../../src/io/checkpoints/tensorModel';
import { fixture } from './fixtures';

type Reader = (bytes: Uint8Array, file: string) => Promise<TensorEntry[]>;

const readers: [string, Reader][] = [
  ['mlp.f16.safetensors', async (bytes, file) => (await readSafetensors(memorySource(bytes), file)).tensors],
  ['mlp.pt', (bytes, file) => readTorch(memorySource(bytes), file)],
  ['cnn.pth', (bytes, file) => readTorch(memorySource(bytes), file)],
];

/** Overwrites, truncations and appended junk, biased toward the headers where the structure lives. */
function mutated(original: Uint8Array) {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), at: fc.nat({ max: original.length - 1 }), value: fc.nat({ max: 255 }) }),
    fc.record({ kind: fc.constant('set' as const), at: fc.nat({ max: Math.min(original.length - 1, 600) }), value: fc.nat({ max: 255 }) }),
    fc.record({ kind: fc.constant('setTail' as const), at: fc.nat({ max: Math.min(original.length - 1, 2000) }), value: fc.nat({ max: 255 }) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat({ max: original.length }), value: fc.constant(0) }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => {
    let bytes = Uint8Array.from(original);
    for (const { kind, at, value } of edits) {
      if (kind === 'set') bytes[at] = value;
      else if (kind === 'setTail') bytes[bytes.length - 1 - Math.min(at, bytes.length - 1)] = value;
      else bytes = bytes.slice(0, at);
    }
    return bytes;
  });
}

for (const [name, read] of readers) {
  test(`fuzz: ${name} mutated is read or refused with a CheckpointError`, async () => {
    const original = new Uint8Array(readFileSync(fixture(name)));
    let refused = 0;
    let read_ = 0;
    await fc.assert(
      fc.asyncProperty(mutated(original), async (bytes) => {
        try {
          const tensors = await read(bytes, name);
          for (const tensor of tensors) {
            const values = await tensor.read().catch((error: unknown) => {
              if (!(error instanceof CheckpointError)) throw error;
              return null;
            });
            if (values !== null) assert.equal(values.length, tensor.shape.reduce((a, b) => a * b, 1));
          }
          read_++;
        } catch (error) {
          if (!(error instanceof CheckpointError)) throw error;
          assert.ok(error.message.startsWith(name), error.message);
          refused++;
        }
      }),
      { numRuns: 300, seed: 20261129 },
    );
    // Both outcomes occur: the mutations reach past the checks and into them.
    assert.ok(refused > 0 && read_ > 0, `read ${read_}, refused ${refused}`);
  });
}
