/** The one number held by a scalar summary's tensor, in whichever of TensorProto's fields it was written. */
import type { TensorValue } from './eventProto';

const DT_FLOAT = 1, DT_DOUBLE = 2, DT_INT32 = 3, DT_INT64 = 9, DT_BFLOAT16 = 14, DT_HALF = 19;

/** The value, or a reason it is not one number. */
export function tensorScalar(tensor: TensorValue): number | string {
  const dims = tensor.tensor_shape?.dim ?? [];
  if (dims.some((dim) => dim.size !== 1)) return `a tensor of shape [${dims.map((d) => d.size).join(', ')}] is not a scalar`;
  const content = tensor.tensor_content;
  if (content && content.length > 0) return fromContent(tensor.dtype, content);
  const single = (values: number[] | undefined): number | string =>
    values && values.length === 1 ? values[0] : `${values?.length ?? 0} values where a scalar has one`;
  switch (tensor.dtype) {
    case DT_FLOAT: return single(tensor.float_val);
    case DT_DOUBLE: return single(tensor.double_val);
    case DT_INT32: return single(tensor.int_val);
    case DT_INT64: return single(tensor.int64_val);
    case DT_HALF: return mapNumber(single(tensor.half_val), halfToNumber);
    case DT_BFLOAT16: return mapNumber(single(tensor.half_val), bfloat16ToNumber);
    default: return `tensor dtype ${tensor.dtype} is not a number type RegLens reads`;
  }
}

function fromContent(dtype: number, content: Uint8Array): number | string {
  const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
  const width = { [DT_FLOAT]: 4, [DT_DOUBLE]: 8, [DT_INT32]: 4, [DT_INT64]: 8, [DT_HALF]: 2, [DT_BFLOAT16]: 2 }[dtype];
  if (width === undefined) return `tensor dtype ${dtype} is not a number type RegLens reads`;
  if (content.byteLength !== width) return `${content.byteLength} bytes of tensor content where a scalar has ${width}`;
  switch (dtype) {
    case DT_FLOAT: return view.getFloat32(0, true);
    case DT_DOUBLE: return view.getFloat64(0, true);
    case DT_INT32: return view.getInt32(0, true);
    case DT_INT64: return Number(view.getBigInt64(0, true));
    case DT_HALF: return halfToNumber(view.getUint16(0, true));
    default: return bfloat16ToNumber(view.getUint16(0, true));
  }
}

function mapNumber(value: number | string, f: (bits: number) => number): number | string {
  return typeof value === 'number' ? f(value) : value;
}

/** IEEE 754 binary16 from its bits (TensorFlow stores them in half_val's int32s). */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** bfloat16 is the top half of a float32. */
export function bfloat16ToNumber(bits: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, (bits & 0xffff) << 16);
  return view.getFloat32(0);
}
