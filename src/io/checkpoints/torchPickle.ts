/**
 * What a torch.save pickle may contain, and nothing else: tensor and parameter rebuild functions,
 * typed storages (as persistent ids), OrderedDict and plain containers. Every other global is refused.
 */
import { PyGlobal, PyObject, PyTuple, type PickleHooks, type PickleValue } from './pickle';

export interface StorageRef {
  key: string;
  /** safetensors dtype name. */
  dtype: string;
  numel: number;
}

export interface TensorRef {
  storage: StorageRef;
  offset: number;
  size: number[];
  stride: number[];
}

/** torch's typed storage classes and the dtype of their elements. */
const storageDtypes: Record<string, string> = {
  DoubleStorage: 'F64', FloatStorage: 'F32', HalfStorage: 'F16', BFloat16Storage: 'BF16',
  LongStorage: 'I64', IntStorage: 'I32', ShortStorage: 'I16', CharStorage: 'I8', ByteStorage: 'U8', BoolStorage: 'BOOL',
};

const rebuilders: Record<string, (args: PickleValue[]) => PickleValue> = {
  'torch._utils._rebuild_tensor_v2': ([storage, offset, size, stride]) => {
    if (!(storage instanceof PyObject) || !isStorage(storage.value)) throw new Error('the storage is not a storage reference');
    const tensor: TensorRef = { storage: storage.value, offset: integer(offset, 'storage_offset'), size: integers(size, 'size'), stride: integers(stride, 'stride') };
    if (tensor.size.length !== tensor.stride.length) throw new Error('size and stride differ in length');
    return new PyObject(tensor);
  },
  'torch._utils._rebuild_parameter': ([data]) => tensorOrFail(data),
  'torch._utils._rebuild_parameter_with_state': ([data]) => tensorOrFail(data),
  'collections.OrderedDict': (args) => {
    if (args.length > 0) throw new Error('OrderedDict with arguments');
    return new Map();
  },
};

export const torchHooks: PickleHooks = {
  allowed: (module, name) => `${module}.${name}` in rebuilders || (module === 'torch' && name in storageDtypes),
  call(callee, args) {
    const rebuild = rebuilders[callee.qualified];
    if (rebuild === undefined) throw new Error('may be named but not called');
    return rebuild(args);
  },
  persistentLoad(pid) {
    // ('storage', torch.FloatStorage, key, location, numel)
    const items = pid instanceof PyTuple ? pid.items : [];
    const [kind, type, key, , numel] = items;
    if (kind !== 'storage' || !(type instanceof PyGlobal) || !(type.name in storageDtypes) || typeof key !== 'string') {
      throw new Error('a persistent id that is not a torch storage');
    }
    return new PyObject({ key, dtype: storageDtypes[type.name], numel: integer(numel, 'numel') } satisfies StorageRef);
  },
};

function isStorage(value: unknown): value is StorageRef {
  return typeof value === 'object' && value !== null && 'key' in value && 'numel' in value;
}

function isTensor(value: PickleValue | undefined): value is PyObject & { value: TensorRef } {
  return value instanceof PyObject && typeof value.value === 'object' && value.value !== null && 'storage' in value.value;
}

function tensorOrFail(value: PickleValue): PickleValue {
  if (!isTensor(value)) throw new Error('a parameter whose data is not a tensor');
  return value;
}

function integer(value: PickleValue, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new Error(`${what} is not a non-negative integer`);
  return value;
}

function integers(value: PickleValue, what: string): number[] {
  if (!(value instanceof PyTuple) || value.items.length > 16) throw new Error(`${what} is not a tuple of at most 16 integers`);
  const out = value.items.map((v) => integer(v, what));
  let count = 1;
  for (const n of out) {
    count *= n;
    if (!Number.isSafeInteger(count)) throw new Error(`${what} [${out.join(', ')}] has more elements than can be addressed`);
  }
  return out;
}

/** The keys under which training scripts keep the model's state dict inside a checkpoint dict. */
const stateDictKeys = ['state_dict', 'model_state_dict', 'model'];

/** The name → tensor map: the pickled dict itself, or the state dict a checkpoint dict holds. */
export function findStateDict(root: PickleValue, fail: (reason: string) => Error): Map<string, TensorRef> {
  if (!(root instanceof Map)) throw fail('the pickle does not hold a dict: save model.state_dict() rather than the model');
  const tensors = tensorsOf(root);
  if (tensors.size > 0) return tensors;
  for (const key of stateDictKeys) {
    const inner = root.get(key);
    if (inner instanceof Map && tensorsOf(inner).size > 0) return tensorsOf(inner);
  }
  const keys = [...root.keys()].filter((k) => typeof k === 'string').slice(0, 10);
  throw fail(`no tensors at the top level nor under ${stateDictKeys.join(', ')} (keys: ${keys.join(', ') || 'none'})`);
}

function tensorsOf(dict: Map<PickleValue, PickleValue>): Map<string, TensorRef> {
  const out = new Map<string, TensorRef>();
  for (const [key, value] of dict) if (typeof key === 'string' && isTensor(value)) out.set(key, value.value);
  return out;
}
