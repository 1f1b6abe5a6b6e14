/**
 * The safetensors format, F32 only: an 8-byte little-endian header length, a JSON header
 * ({ name: { dtype, shape, data_offsets }, __metadata__: { string: string } }), then the raw
 * little-endian tensor bytes, back to back. See https://github.com/huggingface/safetensors.
 */
import type { LayerWeights } from '../core';

export interface Tensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

export interface Safetensors {
  tensors: Tensor[];
  metadata: Record<string, string>;
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

export function encodeSafetensors({ tensors, metadata }: Safetensors): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const tensor of tensors) {
    if (tensor.shape.reduce((a, b) => a * b, 1) !== tensor.data.length) {
      throw new Error(`tensor ${tensor.name}: shape [${tensor.shape}] does not match ${tensor.data.length} values`);
    }
    header[tensor.name] = { dtype: 'F32', shape: tensor.shape, data_offsets: [offset, offset + tensor.data.byteLength] };
    offset += tensor.data.byteLength;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  // Readers that mmap the file want the data 8-byte aligned; the format allows trailing spaces in the header.
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const spaces = new Uint8Array(padded).fill(0x20);
    spaces.set(json);
    json = spaces;
  }
  const bytes = new Uint8Array(8 + json.length + offset);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  bytes.set(json, 8);
  let at = 8 + json.length;
  for (const tensor of tensors) {
    for (const value of tensor.data) {
      view.setFloat32(at, value, true);
      at += 4;
    }
  }
  return bytes;
}

/** Parses a safetensors file with F32 tensors; throws an Error saying what is wrong. */
export function decodeSafetensors(bytes: Uint8Array): Safetensors {
  if (bytes.length < 8) throw new Error(`safetensors: file too short (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (8 + headerLength > bytes.length) throw new Error(`safetensors: header length ${headerLength} exceeds the file`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch (error) {
    throw new Error(`safetensors: header is not JSON (${(error as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new Error('safetensors: header is not a JSON object');
  const dataStart = 8 + headerLength;
  const { __metadata__: metadata = {}, ...entries } = header;
  const tensors = Object.entries(entries).map(([name, entry]) => readTensor(name, entry, view, dataStart));
  tensors.sort((a, b) => a.offset - b.offset);
  return { tensors: tensors.map(({ offset: _, ...tensor }) => tensor), metadata: metadata as Record<string, string> };
}

function readTensor(name: string, raw: unknown, view: DataView, dataStart: number): Tensor & { offset: number } {
  const entry = raw as Partial<HeaderEntry> | null;
  if (entry?.dtype !== 'F32') throw new Error(`safetensors: tensor ${name} has dtype ${entry?.dtype}, expected F32`);
  if (!Array.isArray(entry.shape) || !Array.isArray(entry.data_offsets)) {
    throw new Error(`safetensors: tensor ${name} lacks shape or data_offsets`);
  }
  const [begin, end] = entry.data_offsets;
  const count = entry.shape.reduce((a, b) => a * b, 1);
  if (end - begin !== count * 4 || dataStart + end > view.byteLength) {
    throw new Error(`safetensors: tensor ${name} has offsets [${begin}, ${end}] that do not fit shape [${entry.shape}]`);
  }
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = view.getFloat32(dataStart + begin + 4 * i, true);
  return { name, shape: entry.shape, data, offset: begin };
}

/** Names and shapes as PyTorch's nn.Linear layers in a `layers` list: layers.0.weight [out, in], layers.0.bias [out]. */
export function layerTensors(weights: LayerWeights[]): Tensor[] {
  return weights.flatMap((layer, i) => [
    { name: `layers.${i}.weight`, shape: [layer.outputs, layer.inputs], data: layer.weight },
    { name: `layers.${i}.bias`, shape: [layer.outputs], data: layer.bias },
  ]);
}

/** The inverse of layerTensors: e.g. to warm-start from a saved run. */
export function layerWeightsFromTensors(tensors: Tensor[]): LayerWeights[] {
  const byName = new Map(tensors.map((t) => [t.name, t]));
  const layers: LayerWeights[] = [];
  for (let i = 0; byName.has(`layers.${i}.weight`); i++) {
    const weight = byName.get(`layers.${i}.weight`)!;
    const bias = byName.get(`layers.${i}.bias`);
    if (weight.shape.length !== 2) throw new Error(`safetensors: layers.${i}.weight must be 2-D, got [${weight.shape}]`);
    const [outputs, inputs] = weight.shape as [number, number];
    if (!bias || bias.shape.length !== 1 || bias.shape[0] !== outputs) {
      throw new Error(`safetensors: layers.${i}.bias is missing or not of shape [${outputs}]`);
    }
    layers.push({ inputs, outputs, weight: weight.data, bias: bias.data });
  }
  return layers;
}
