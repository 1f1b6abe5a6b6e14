/** Malformed and malicious checkpoints: each gives a clear error naming the file and, where there is one, the tensor. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { CheckpointError } from '../../../src/io/checkpoints';
import { memorySource } from '../../../src/io/checkpoints/byteSource';
import { readSafetensors } from '../../../src/io/checkpoints/safetensors';
import { readTorch } from '../../../src/io/checkpoints/torch';
import { fixture } from './fixtures';
import { safetensorsBytes, zipBytes } from './hostileFiles';

async function refusesSafetensors(header: unknown, data: number, pattern: RegExp, headerLength?: bigint): Promise<void> {
  const bytes = safetensorsBytes(header, data, headerLength);
  const error = await readSafetensors(memorySource(bytes), 'bad.safetensors').then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof CheckpointError, String(error));
  assert.match(error.message, /^bad\.safetensors/);
  assert.match(error.message, pattern);
}

test('safetensors: a header length beyond the file', () => refusesSafetensors({}, 0, /header length 4096 exceeds the file/, 4096n));
test('safetensors: a header length of 2⁶⁴ − 1', () => refusesSafetensors({}, 0, /header length 18446744073709551615 exceeds/, 2n ** 64n - 1n));
test('safetensors: offsets outside the data', () =>
  refusesSafetensors({ w: { dtype: 'F32', shape: [4], data_offsets: [0, 16] } }, 8, /tensor 'w': data_offsets \[0, 16\] lie outside the data \(8 bytes\)/));
test('safetensors: overlapping tensors', () =>
  refusesSafetensors(
    { a: { dtype: 'F32', shape: [4], data_offsets: [0, 16] }, b: { dtype: 'F32', shape: [2], data_offsets: [8, 16] } },
    16,
    /tensor 'b': its bytes \[8, 16\) overlap tensor 'a'/,
  ));
test('safetensors: a shape whose product overflows', () =>
  refusesSafetensors({ big: { dtype: 'F32', shape: [2 ** 26, 2 ** 26, 2 ** 26], data_offsets: [0, 4] } }, 4, /tensor 'big': shape .* more elements than can be addressed/));
test('safetensors: a negative or fractional size', () =>
  refusesSafetensors({ w: { dtype: 'F32', shape: [-1, 2], data_offsets: [0, 4] } }, 4, /tensor 'w': shape .* not a non-negative integer/));
test('safetensors: offsets that do not fit the shape', () =>
  refusesSafetensors({ w: { dtype: 'BF16', shape: [3], data_offsets: [0, 8] } }, 8, /tensor 'w': .* hold 8 bytes, shape \[3\] of BF16 needs 6/));
test('safetensors: an unknown dtype', () => refusesSafetensors({ w: { dtype: 'F128', shape: [1], data_offsets: [0, 16] } }, 16, /tensor 'w': unknown dtype F128/));
test('safetensors: a header that is not JSON', () => refusesSafetensors('{"w": ', 0, /the header is not JSON/));

test('safetensors: a tensor name that is not UTF-8', async () => {
  const bytes = safetensorsBytes({ ab: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, 4);
  bytes[8 + 2] = 0xff; // 'a' becomes an invalid UTF-8 byte
  await assert.rejects(readSafetensors(memorySource(bytes), 'names.safetensors'), /names\.safetensors: the header is not valid UTF-8/);
});

test('safetensors: control characters in a name are escaped in the message', async () => {
  await refusesSafetensors({ 'evil\u001b[2J': { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, 4, /tensor 'evil\\u001b\[2J'/);
});

const mlp = new Uint8Array(readFileSync(fixture('mlp.pt')));

test('torch: a truncated zip', async () => {
  await assert.rejects(readTorch(memorySource(mlp.subarray(0, mlp.length - 100)), 'cut.pt'), /cut\.pt: not a zip archive, or a truncated one/);
  await assert.rejects(readTorch(memorySource(mlp.subarray(0, 3000)), 'cut.pt'), /cut\.pt: /);
});

test('torch: a zip bomb stops at the declared size, and an oversized declaration is refused', async () => {
  const zeros = new Uint8Array(64 * 1024 * 1024);
  const bomb = zipBytes([{ name: 'archive/data.pkl', data: new Uint8Array(deflateRawSync(zeros)), method: 8, size: 1000 }]);
  await assert.rejects(readTorch(memorySource(bomb), 'bomb.pt'), /bomb\.pt: entry 'archive\/data\.pkl': does not inflate within its declared size/);
  const huge = zipBytes([{ name: 'archive/data.pkl', data: new Uint8Array(deflateRawSync(new Uint8Array(10))), method: 8, size: 2 ** 32 - 2 }]);
  await assert.rejects(readTorch(memorySource(huge), 'huge.pt'), /huge\.pt: entry 'archive\/data\.pkl': 4294967294 bytes is more than the 268435456 allowed/);
});

test('torch: a zip entry name that is not UTF-8', async () => {
  const bytes = zipBytes([{ name: 'archive/data.pkl', data: new Uint8Array([0x80, 0x02, 0x7d, 0x2e]), method: 0, size: 4 }]);
  const at = bytes.lastIndexOf(0x61); // a byte of the name in the central directory
  bytes[at] = 0xfe;
  await assert.rejects(readTorch(memorySource(bytes), 'names.pt'), /names\.pt: entry 0 has a name that is not UTF-8/);
});

test('torch: pickles that name other globals, instantiate classes or end early are refused', async () => {
  const pickle = (...parts: (string | number[])[]) =>
    zipBytes([{ name: 'archive/data.pkl', data: Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p))), method: 0 }]);
  await assert.rejects(readTorch(memorySource(pickle([0x80, 0x02], 'cbuiltins\neval\n')), 'a.pt'), /a\.pt: .*refused global 'builtins\.eval'/);
  await assert.rejects(readTorch(memorySource(pickle([0x80, 0x02], 'c__main__\nNet\n)\x81.')), 'b.pt'), /b\.pt: .*refused global '__main__\.Net'/);
  await assert.rejects(readTorch(memorySource(pickle([0x80, 0x02], 'ccollections\nOrderedDict\n')), 'c.pt'), /c\.pt: .*the pickle ends early/);
  await assert.rejects(readTorch(memorySource(pickle([0x80, 0x02, 0x7d, 0x2e])), 'd.pt'), /d\.pt: no tensors at the top level/);
  await assert.rejects(readTorch(memorySource(pickle([0x80, 0x02, 0xff])), 'e.pt'), /e\.pt: .*opcode 0xff/);
});
