import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LayerWeights } from '../../../src/core';
import { decodeSafetensors, encodeSafetensors, layerTensors, layerWeightsFromTensors } from '../../../src/io/safetensors';

/** A 3 → 2 → 1 network whose values are exact in float32 and all different. */
function smallNetwork(): LayerWeights[] {
  return [
    { inputs: 3, outputs: 2, weight: Float32Array.from([0.5, -1.25, 2, 3.75, -0.125, 0]), bias: Float32Array.from([1.5, -2.5]) },
    { inputs: 2, outputs: 1, weight: Float32Array.from([-4, 0.0625]), bias: Float32Array.from([7]) },
  ];
}

/** Reads a safetensors file straight from the format description, sharing no code with src/io. */
function independentRead(bytes: Buffer): { header: Record<string, any>; headerLength: number; values: Map<string, number[]> } {
  const headerLength = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8'));
  const values = new Map<string, number[]>();
  for (const [name, entry] of Object.entries<any>(header)) {
    if (name === '__metadata__') continue;
    const [begin, end] = entry.data_offsets;
    const floats: number[] = [];
    for (let at = 8 + headerLength + begin; at < 8 + headerLength + end; at += 4) floats.push(bytes.readFloatLE(at));
    values.set(name, floats);
  }
  return { header, headerLength, values };
}

test('weights are written as PyTorch nn.Linear tensors that an independent reader gets back', () => {
  const bytes = Buffer.from(encodeSafetensors({ tensors: layerTensors(smallNetwork()), metadata: { format: 'pt', run: 'x' } }));
  const { header, headerLength, values } = independentRead(bytes);
  assert.equal(headerLength % 8, 0);
  assert.deepEqual(header.__metadata__, { format: 'pt', run: 'x' });
  assert.deepEqual(header['layers.0.weight'].shape, [2, 3]);
  assert.deepEqual(header['layers.0.bias'].shape, [2]);
  assert.deepEqual(header['layers.1.weight'].shape, [1, 2]);
  assert.deepEqual(header['layers.1.bias'].shape, [1]);
  for (const entry of Object.values<any>(header).filter((e) => e.dtype)) assert.equal(entry.dtype, 'F32');
  // The data section is covered exactly, without holes or overlaps, as the Rust reader demands.
  const ranges = Object.values<any>(header).filter((e) => e.data_offsets).map((e) => e.data_offsets).sort((a, b) => a[0] - b[0]);
  ranges.forEach(([begin], i) => assert.equal(begin, i === 0 ? 0 : ranges[i - 1][1]));
  assert.equal(8 + headerLength + ranges[ranges.length - 1][1], bytes.length);
  assert.deepEqual(values.get('layers.0.weight'), [0.5, -1.25, 2, 3.75, -0.125, 0]);
  assert.deepEqual(values.get('layers.0.bias'), [1.5, -2.5]);
  assert.deepEqual(values.get('layers.1.weight'), [-4, 0.0625]);
  assert.deepEqual(values.get('layers.1.bias'), [7]);
});

test('decoding gives back the layers that were encoded', () => {
  const network = smallNetwork();
  const decoded = decodeSafetensors(encodeSafetensors({ tensors: layerTensors(network), metadata: { a: 'b' } }));
  assert.deepEqual(decoded.metadata, { a: 'b' });
  assert.deepEqual(layerWeightsFromTensors(decoded.tensors), network);
});

test('broken files are refused with a message saying what is wrong', () => {
  assert.throws(() => decodeSafetensors(new Uint8Array(3)), /too short/);
  const good = encodeSafetensors({ tensors: layerTensors(smallNetwork()), metadata: {} });
  assert.throws(() => decodeSafetensors(good.subarray(0, good.length - 4)), /layers\.1\.bias.*do not fit/);
  const huge = new Uint8Array(16);
  new DataView(huge.buffer).setBigUint64(0, 1000n, true);
  assert.throws(() => decodeSafetensors(huge), /header length 1000 exceeds/);
  const f16 = new TextEncoder().encode(JSON.stringify({ w: { dtype: 'F16', shape: [1], data_offsets: [0, 2] } }));
  const withF16 = new Uint8Array(8 + f16.length + 2);
  new DataView(withF16.buffer).setBigUint64(0, BigInt(f16.length), true);
  withF16.set(f16, 8);
  assert.throws(() => decodeSafetensors(withF16), /tensor w has dtype F16/);
  assert.throws(() => encodeSafetensors({ tensors: [{ name: 'w', shape: [2, 2], data: new Float32Array(3) }], metadata: {} }), /shape \[2,2\]/);
});

const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;

test('numpy reads the file from its raw bytes with the same shapes and values', { skip: hasNumpy ? false : 'python3 with numpy not found' }, () => {
  const path = join(mkdtempSync(join(tmpdir(), 'reglens-st-')), 'w.safetensors');
  writeFileSync(path, encodeSafetensors({ tensors: layerTensors(smallNetwork()), metadata: { format: 'pt' } }));
  const script = `
import json, struct, sys
import numpy as np
raw = open(sys.argv[1], 'rb').read()
(n,) = struct.unpack('<Q', raw[:8])
header = json.loads(raw[8:8 + n])
out = {}
for name, e in header.items():
    if name == '__metadata__': continue
    a, b = e['data_offsets']
    t = np.frombuffer(raw[8 + n + a: 8 + n + b], dtype='<f4').reshape(e['shape'])
    out[name] = {'shape': list(t.shape), 'values': t.tolist()}
print(json.dumps(out))`;
  const read = JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }));
  assert.deepEqual(read['layers.0.weight'], { shape: [2, 3], values: [[0.5, -1.25, 2], [3.75, -0.125, 0]] });
  assert.deepEqual(read['layers.0.bias'], { shape: [2], values: [1.5, -2.5] });
  assert.deepEqual(read['layers.1.weight'], { shape: [1, 2], values: [[-4, 0.0625]] });
  assert.deepEqual(read['layers.1.bias'], { shape: [1], values: [7] });
});
